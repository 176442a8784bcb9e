package io.jitpay.benchmarks;

import java.math.BigDecimal;
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
@Fork(1)
public class ScaleBenchmark {

    private static final int NOTIFY_ORDERS = 12_000;

    /** The table: settled history older than a day, overdue waiting orders, and fresh waiting orders to notify. */
    @State(Scope.Benchmark)
    public static class Table {

        @Param({ "10000", "1000000" })
        int rows;

        @Param({ "500", "1000" })
        int overdue;

        HikariDataSource dataSource;

        AliPayment payment;

        JdbcClient jdbc;

        List<String> notifyIds;

        @Setup(Level.Trial)
        public void fill() {
            this.dataSource = Fixtures.postgres("jitpay_scale");
            this.payment = AliPayment.builder(Fixtures.config("http://127.0.0.1:9/gateway.do"),
                    Fixtures.store(this.dataSource)).gateway(new NothingAtAlipay()).build();
            this.jdbc = JdbcClient.create(this.dataSource);
            this.jdbc.sql("INSERT INTO jitpay_pay_log (order_id, full_name, subject, amount, status, created_at, "
                    + "updated_at) SELECT 'H' || g, 'pays.aliPayment', 'History', 9.90, "
                    + "CASE WHEN g % 10 = 0 THEN 'close' ELSE 'success' END, "
                    + "now() - interval '1 day' - (g % 100000) * interval '1 minute', now() "
                    + "FROM generate_series(1, :rows) g")
                .param("rows", this.rows - NOTIFY_ORDERS - this.overdue)
                .update();
            Fixtures.orders(this.dataSource, "O", this.overdue, Instant.now().minusSeconds(7200));
            this.notifyIds = Fixtures.orders(this.dataSource, "N", NOTIFY_ORDERS, Instant.now());
            // Settle the bulk load now, so that no autovacuum runs during the measurements.
            this.jdbc.sql("VACUUM ANALYZE jitpay_pay_log").update();
        }

        @TearDown(Level.Trial)
        public void close() {
            this.dataSource.close();
        }
    }

    /** Signed notifications for the fresh orders; every iteration starts with them all waiting. */
    @State(Scope.Benchmark)
    public static class Notifications {

        List<Map<String, String>> signed;

        int next;

        @Setup(Level.Trial)
        public void sign(Table table) {
            this.signed = Fixtures.notifications(table.notifyIds, Fixtures.ALIPAY.getPrivate());
        }

        @Setup(Level.Iteration)
        public void waitAgain(Table table) {
            // Served by the (status, created_at) index: only the fresh orders are recent.
            table.jdbc.sql("UPDATE jitpay_pay_log SET status = 'wait', trade_no = NULL, paid_at = NULL "
                    + "WHERE status = 'success' AND created_at > now() - interval '1 hour'").update();
            this.next = 0;
        }
    }

    /** Before each sweep, the overdue orders wait again. */
    @State(Scope.Benchmark)
    public static class OverdueAgain {

        @Setup(Level.Invocation)
        public void waitAgain(Table table) {
            table.jdbc.sql("UPDATE jitpay_pay_log SET status = 'wait', sweep_until = NULL WHERE status = 'timeout'")
                .update();
        }
    }

    /** One notification settling one of the waiting orders. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
    @Measurement(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
    public NotifyResult notifyAtScale(Table table, Notifications notifications) {
        return table.payment.notify(notifications.signed.get(notifications.next++ % NOTIFY_ORDERS));
    }

    /** One sweep over the overdue orders, batches of 100 until none is left. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, batchSize = 1)
    @Measurement(iterations = 7, batchSize = 1)
    public int sweepRound(Table table, OverdueAgain overdue) {
        int timedOut = 0;
        for (SweepReport batch = table.payment.sweep(100); batch.overdue() > 0; batch = table.payment.sweep(100)) {
            timedOut += batch.timedOut();
        }
        if (timedOut != table.overdue) {
            throw new IllegalStateException("Swept " + timedOut + " of " + table.overdue + " overdue orders");
        }
        return timedOut;
    }

    /** A gateway for which Alipay has no trade: queries find none, closes find none. */
    static final class NothingAtAlipay implements AliPayGateway {

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

        @Override
        public PayUrl pagePay(TradeOrder order) {
            return PayUrl.page("https://cashier.example.com/pc", "<form></form>");
        }

        @Override
        public String appPay(TradeOrder order) {
            return "app_id=1&sign=x";
        }

        @Override
        public BarcodeAnswer pay(TradeOrder order, String authCode) {
            return new BarcodeAnswer(BarcodeAnswer.Kind.UNKNOWN, null, null, null, "no Alipay here");
        }

        @Override
        public CancelAnswer cancel(String orderId) {
            return new CancelAnswer(null, false);
        }

        @Override
        public RefundAnswer refund(RefundOrder refund) {
            return new RefundAnswer(RefundAnswer.Kind.UNKNOWN, null, null, null, null, "no Alipay here");
        }

        @Override
        public RefundAnswer queryRefund(String orderId, String refundId, BigDecimal amount) {
            return new RefundAnswer(RefundAnswer.Kind.UNKNOWN, null, null, null, null, "no Alipay here");
        }
    }
}
