package io.jitpay.benchmarks;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.jdbc.JdbcNotifyJournal;
import io.jitpay.alipay.jdbc.JdbcPayLogStore;
import io.jitpay.pay.NotifyResult;

/**
 * {@code notify()} on H2 or PostgreSQL ({@code -p db=h2,postgres}), each call settling a different waiting order:
 * signature check, business checks, the conditional update and its Alipay-side record, the journal. Baseline, on the
 * same database: the JDK's {@code Signature} verify with a cached key, plus one {@code JdbcClient} UPDATE. Every
 * iteration starts from the same waiting orders; there are as many as the longest iteration can settle, from its
 * length and the least a call costs (the CPU time of an RSA2 verification and a database round trip, measured at
 * start: {@link CallBudget}), so any {@code -r}, {@code -w} or {@code -t} works.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 20, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class NotifyBenchmark {

    /** {@code h2} (in memory) or {@code postgres} (schema {@code jitpay_notify_bench}, see {@link Fixtures#postgres}). */
    @Param({ "h2" })
    public String db;

    private HikariDataSource dataSource;

    private AliPayment payment;

    private AliPayment paymentWithoutJournal;

    private JdbcClient jdbc;

    private CallBudget budget;

    private final List<Map<String, String>> notifications = new ArrayList<>();

    /** Calls in the current iteration. */
    private final AtomicInteger calls = new AtomicInteger();

    /**
     * The next notification, across iterations: it never goes back to the first. An instance remembers the reports
     * that paid its last few thousand orders, and the same report again is a duplicate it answers without a read;
     * after the reset, replaying them from the start would measure that memory, not a payment. Going round the whole
     * list instead, every call settles an order the instance has not paid lately.
     */
    private final AtomicInteger cursor = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        this.dataSource = Fixtures.database(this.db, "jitpay_notify_bench");
        JdbcPayLogStore store = Fixtures.store(this.dataSource);
        this.payment = AliPayment.builder(Fixtures.config("http://127.0.0.1:9/gateway.do"), store)
            .journal(new JdbcNotifyJournal(this.dataSource))
            .build();
        this.paymentWithoutJournal = AliPayment.builder(Fixtures.config("http://127.0.0.1:9/gateway.do"), store)
            .build();
        this.jdbc = JdbcClient.create(this.dataSource);
        Map<String, String> sample = Fixtures.notification("floor", Fixtures.ALIPAY.getPrivate());
        this.budget = new CallBudget("RSA2 verify + one SELECT 1 on " + this.db, () -> {
            Fixtures.verify(sample, Fixtures.ALIPAY.getPublic());
            this.jdbc.sql("SELECT 1").query(Integer.class).single();
        });
        prepare(this.budget.callsInLongestIteration(params));
    }

    @Setup(Level.Iteration)
    public void everyOrderWaitsAgain(BenchmarkParams params, IterationParams iteration) {
        // More than the trial prepared only when the cores are less busy now than they were then.
        this.budget.measure();
        prepare(this.budget.calls(params, iteration));
        this.jdbc.sql("UPDATE jitpay_pay_log SET status = 'wait', trade_no = NULL, paid_at = NULL, "
                + "next_check_at = expires_at WHERE status <> 'wait'").update();
        this.jdbc.sql("DELETE FROM jitpay_alipay_log").update();
        this.jdbc.sql("DELETE FROM jitpay_notify_log").update();
        if (this.db.equals("postgres")) {
            // Clear the dead rows of the reset now, so that no autovacuum runs during the iteration.
            this.jdbc.sql("VACUUM ANALYZE jitpay_pay_log, jitpay_alipay_log, jitpay_notify_log").update();
        }
        this.calls.set(0);
    }

    @TearDown(Level.Iteration)
    public void countCalls(IterationParams iteration) {
        this.budget.observe(this.calls.get(), iteration);
    }

    /** Adds waiting orders and their signed notifications until there are {@code count}. */
    private void prepare(int count) {
        int have = this.notifications.size();
        if (count <= have) {
            return;
        }
        long start = System.nanoTime();
        List<String> ids = Fixtures.orders(this.dataSource, "N", have, count, Instant.now());
        this.notifications.addAll(Fixtures.notifications(ids, Fixtures.ALIPAY.getPrivate()));
        System.out.printf("%n%d waiting orders on %s (a call costs at least %s), prepared in %d ms%n", count, this.db,
                this.budget.describe(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        this.dataSource.close();
    }

    @Benchmark
    public NotifyResult notifyPayment() {
        return this.payment.notify(nextNotification());
    }

    /** The same without the notification journal, to show what the journal costs. */
    @Benchmark
    public NotifyResult notifyPaymentWithoutJournal() {
        return this.paymentWithoutJournal.notify(nextNotification());
    }

    @Benchmark
    public int baseline() {
        Map<String, String> notification = nextNotification();
        if (!Fixtures.verify(notification, Fixtures.ALIPAY.getPublic())) {
            throw new IllegalStateException("bad signature");
        }
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        return this.jdbc.sql("UPDATE jitpay_pay_log SET status = 'success', trade_no = :tradeNo, paid_at = :paidAt, "
                + "updated_at = :now WHERE order_id = :orderId AND status = 'wait'")
            .param("tradeNo", notification.get("trade_no"))
            .param("paidAt", now)
            .param("now", now)
            .param("orderId", notification.get("out_trade_no"))
            .update();
    }

    private Map<String, String> nextNotification() {
        if (this.calls.getAndIncrement() >= this.notifications.size()) {
            throw new IllegalStateException("More calls in one iteration than the " + this.notifications.size()
                    + " prepared orders: a call cost less than the floor of " + this.budget.describe());
        }
        return this.notifications.get(Math.floorMod(this.cursor.getAndIncrement(), this.notifications.size()));
    }
}
