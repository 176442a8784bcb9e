package io.jitpay.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * How many calls a benchmark can make in one iteration, so that it prepares enough orders or trades for whatever
 * iteration time, count and thread count the run was given ({@code -r}, {@code -w}, {@code -i}, {@code -wi},
 * {@code -t}, {@code -bm ss -bs}). The bound is the iteration's length divided by a floor: the least CPU time, over
 * many short batches, of work that every call does on its own thread (an RSA2 verification, a signature, a database
 * round trip), below which no call can go. Other processes on the same cores slow the floor as they slow the calls,
 * so it is measured again before each iteration and the least value kept; and once iterations have run, the bound is
 * also at least one and a half times the fastest rate seen.
 */
public final class CallBudget {

    /** Headroom over the bound, for a floor measured before everything the calls run is compiled. */
    private static final double HEADROOM = 1.5;

    /** Headroom over the fastest rate an iteration ran at. */
    private static final double RATE_HEADROOM = 1.5;

    /** More calls than this in one iteration would not fit in memory as prepared notifications. */
    private static final long MAX_CALLS = 5_000_000;

    private final Runnable floorOperation;

    private final String floor;

    private long floorNanos;

    /** The most calls per nanosecond an iteration made so far, all threads together. */
    private double fastestRate;

    /**
     * A budget from the work every call does, measured now after a warm-up of 300 ms.
     * @param floor          what the work is, for the run's output
     * @param floorOperation the work
     */
    public CallBudget(String floor, Runnable floorOperation) {
        this.floor = floor;
        this.floorOperation = floorOperation;
        long warm = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        while (System.nanoTime() < warm) {
            floorOperation.run();
        }
        this.floorNanos = Long.MAX_VALUE;
        measure();
    }

    /**
     * Measures the work again (about 200 ms) and keeps the least cost seen: the cores may be less busy now than when
     * the trial started. Call it before each iteration.
     */
    public void measure() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isCurrentThreadCpuTimeSupported();
        if (cpu && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        long best = this.floorNanos;
        for (int batch = 0; batch < 20; batch++) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
            long start = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
            int calls = 0;
            do {
                this.floorOperation.run();
                calls++;
            }
            while (System.nanoTime() < end);
            long spent = (cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - start;
            best = Math.min(best, spent / calls);
        }
        this.floorNanos = Math.max(best, 1);
    }

    /**
     * Records how many calls an iteration made, so that later iterations are sized from the fastest rate as well.
     * @param calls     the calls it made, all threads together
     * @param iteration its parameters
     */
    public void observe(int calls, IterationParams iteration) {
        long nanos = (iteration.getTime() != null) ? iteration.getTime().convertTo(TimeUnit.NANOSECONDS) : 0;
        if (nanos > 0) {
            this.fastestRate = Math.max(this.fastestRate, calls / (double) nanos);
        }
    }

    /**
     * The most calls all threads can make in one iteration.
     * @param benchmark the run's parameters: mode and threads
     * @param iteration the iteration's parameters: time or batch size
     * @return the bound, with headroom
     */
    public int calls(BenchmarkParams benchmark, IterationParams iteration) {
        int threads = Math.max(benchmark.getThreads(), 1);
        long perThread;
        if (benchmark.getMode() == Mode.SingleShotTime) {
            perThread = iteration.getBatchSize();
        }
        else {
            long nanos = iteration.getTime().convertTo(TimeUnit.NANOSECONDS);
            // Each thread may start one more call as the iteration ends.
            perThread = (long) Math.ceil(nanos * HEADROOM / this.floorNanos) + 1;
            perThread = Math.max(perThread, (long) Math.ceil(nanos * this.fastestRate * RATE_HEADROOM / threads));
        }
        long calls = perThread * threads;
        if (calls > MAX_CALLS) {
            throw new IllegalStateException("Iterations of " + iteration.getTime() + " on " + threads + " threads "
                    + "could make " + calls + " calls (a call costs at least " + describe() + "): shorten them");
        }
        return (int) calls;
    }

    /**
     * The most calls in the longest iteration of the run, warm-up or measurement.
     * @param benchmark the run's parameters
     * @return the bound, with headroom
     */
    public int callsInLongestIteration(BenchmarkParams benchmark) {
        int calls = calls(benchmark, benchmark.getMeasurement());
        return (benchmark.getWarmup().getCount() > 0) ? Math.max(calls, calls(benchmark, benchmark.getWarmup()))
                : calls;
    }

    /** {@return the floor and what it is made of, such as "28.1 us of CPU (RSA2 verify + one SELECT 1)"} */
    public String describe() {
        return String.format("%.1f us of CPU (%s)", this.floorNanos / 1000.0, this.floor);
    }
}
