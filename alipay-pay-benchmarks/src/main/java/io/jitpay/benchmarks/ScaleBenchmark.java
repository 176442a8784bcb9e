package io.jitpay.benchmarks;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
import org.springframework.jdbc.core.simple.JdbcClient;

import io.jitpay.alipay.AliPayGateway;
import io.jitpay.alipay.AliPayLog;
import io.jitpay.alipay.AliPayment;
import io.jitpay.pay.NotifyResult;
import io.jitpay.pay.PayUrl;
import io.jitpay.pay.SweepReport;

/**
 * On PostgreSQL, with 10,000 or 1,000,000 orders in {@code jitpay_pay_log}: the latency of {@code notify()}, which must
 * stay flat, and one sweep over a fixed number of overdue orders, whose cost must follow the overdue orders, not the
 * table. The sweep's gateway answers at once (no trade at Alipay), so what is measured is the database work.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class ScaleBenchmark {

    private static final int NOTIFY_ORDERS = 12_000;

    @Param({ "10000", "1000000" })
    private int rows;

    @Param({ "500", "1000" })
    private int overdue;

    private HikariDataSource dataSource;

    private AliPayment payment;

    private JdbcClient jdbc;

    private List<Map<String, String>> notifications;

    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        this.dataSource = Fixtures.postgres("jitpay_scale");
        AliPayGateway nothingAtAlipay = new AliPayGateway() {

            @Override
            public String precreate(TradeOrder order) {
                throw new UnsupportedOperationException();
            }

            @Override
            public PayUrl wapPay(TradeOrder order) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<AliPayLog> query(String orderId) {
                return Optional.empty();
            }

            @Override
            public CloseOutcome close(String orderId) {
                return CloseOutcome.NOT_FOUND;
            }
        };
        this.payment = AliPayment.builder(Fixtures.config("http://127.0.0.1:9/gateway.do"),
                Fixtures.store(this.dataSource)).gateway(nothingAtAlipay).build();
        this.jdbc = JdbcClient.create(this.dataSource);
        // The bulk of the table: settled orders of the last months.
        this.jdbc.sql("INSERT INTO jitpay_pay_log (order_id, full_name, subject, amount, status, created_at, "
                + "updated_at) SELECT 'H' || g, 'pays.aliPayment', 'History', 9.90, "
                + "CASE WHEN g % 10 = 0 THEN 'close' ELSE 'success' END, "
                + "now() - (g % 100000) * interval '1 minute', now() FROM generate_series(1, :rows) g")
            .param("rows", this.rows - NOTIFY_ORDERS - this.overdue)
            .update();
        Fixtures.orders(this.dataSource, "O", this.overdue, Instant.now().minusSeconds(7200));
        List<String> ids = Fixtures.orders(this.dataSource, "N", NOTIFY_ORDERS, Instant.now());
        this.jdbc.sql("ANALYZE jitpay_pay_log").update();
        this.notifications = Fixtures.notifications(ids, Fixtures.ALIPAY.getPrivate());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        this.dataSource.close();
    }

    @Setup(Level.Iteration)
    public void resetNotifiedOrders() {
        this.jdbc.sql("UPDATE jitpay_pay_log SET status = 'wait', trade_no = NULL, paid_at = NULL "
                + "WHERE order_id LIKE 'N%' AND status <> 'wait'").update();
        this.next = 0;
    }

    @Setup(Level.Invocation)
    public void overdueOrdersWaitAgain() {
        this.jdbc.sql("UPDATE jitpay_pay_log SET status = 'wait', sweep_until = NULL WHERE order_id LIKE 'O%' "
                + "AND status <> 'wait'").update();
    }

    /** One notification settling one of the waiting orders. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
    @Measurement(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
    public NotifyResult notifyAtScale() {
        return this.payment.notify(this.notifications.get(this.next++ % NOTIFY_ORDERS));
    }

    /** One sweep over the overdue orders, batches of 100 until none is left. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 3, batchSize = 1)
    @Measurement(iterations = 7, batchSize = 1)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int sweepRound() {
        int timedOut = 0;
        for (SweepReport batch = this.payment.sweep(100); batch.overdue() > 0; batch = this.payment.sweep(100)) {
            timedOut += batch.timedOut();
        }
        if (timedOut != this.overdue) {
            throw new IllegalStateException("Swept " + timedOut + " of " + this.overdue + " overdue orders");
        }
        return timedOut;
    }
}
