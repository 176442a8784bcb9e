package io.jitpay.alipay.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Work that runs at a fixed delay on a daemon thread of its own while the application context runs: it starts and
 * stops with the context, and a failed run is logged and tried again at the next one.
 */
abstract class PeriodicTask implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(PeriodicTask.class);

    private final String threadName;

    private final Duration interval;

    private volatile @Nullable ScheduledExecutorService scheduler;

    PeriodicTask(String threadName, Duration interval) {
        this.threadName = threadName;
        this.interval = interval;
    }

    /** One run of the work. */
    abstract void runOnce();

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, this.threadName);
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, this.interval.toMillis());
        executor.scheduleWithFixedDelay(this::runQuietly, millis, millis, TimeUnit.MILLISECONDS);
        this.scheduler = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = this.scheduler;
        if (executor != null) {
            executor.shutdownNow();
            this.scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return this.scheduler != null;
    }

    private void runQuietly() {
        try {
            runOnce();
        }
        catch (RuntimeException ex) {
            logger.warn("{} failed; trying again in {}", this.threadName, this.interval, ex);
        }
    }
}
