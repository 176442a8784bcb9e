package io.jitpay.alipay.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.jitpay.alipay.AliPayment;
import io.jitpay.pay.SweepReport;

/**
 * Sweeps overdue orders at a fixed interval ({@link AliPayment#sweep}), in batches until none is left, and purges
 * journaled notifications past their retention. Every application instance may run one: orders are claimed before
 * they are handled, so each is handled once.
 */
public final class AliPaySweeper implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(AliPaySweeper.class);

    private final AliPayment payment;

    private final Duration interval;

    private final int batchSize;

    private final Duration journalRetention;

    private final Clock clock;

    private volatile @Nullable ScheduledExecutorService scheduler;

    /**
     * Creates a sweeper.
     * @param payment          the payment instance whose orders it sweeps
     * @param interval         the time between two sweeps
     * @param batchSize        the most orders per batch
     * @param journalRetention how long journaled notifications are kept
     */
    public AliPaySweeper(AliPayment payment, Duration interval, int batchSize, Duration journalRetention) {
        this.payment = payment;
        this.interval = interval;
        this.batchSize = Math.max(1, batchSize);
        this.journalRetention = journalRetention;
        this.clock = Clock.systemUTC();
    }

    /**
     * Runs one sweep now: batches until a batch finds fewer overdue orders than it could take.
     * @return the totals of the sweep
     */
    public SweepReport sweepNow() {
        SweepReport total = SweepReport.NONE;
        SweepReport batch;
        do {
            batch = this.payment.sweep(this.batchSize);
            total = total.plus(batch);
        }
        while (batch.overdue() == this.batchSize && batch.failed() < batch.claimed());
        this.payment.purgeNotifications(this.clock.instant().minus(this.journalRetention));
        if (total.claimed() > 0) {
            logger.info("Swept {} overdue orders of {}: {} paid, {} timed out, {} left for the next sweep",
                    total.claimed(), this.payment.fullName(), total.paid(), total.timedOut(), total.failed());
        }
        return total;
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "jitpay-alipay-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long millis = this.interval.toMillis();
        executor.scheduleWithFixedDelay(this::sweepQuietly, millis, millis, TimeUnit.MILLISECONDS);
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

    private void sweepQuietly() {
        try {
            sweepNow();
        }
        catch (RuntimeException ex) {
            logger.warn("Sweeping overdue orders of {} failed; trying again in {}", this.payment.fullName(),
                    this.interval, ex);
        }
    }
}
