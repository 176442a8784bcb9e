package io.jitpay.benchmarks;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.jitpay.alipay.AliPayment;
import io.jitpay.pay.PayLog;

/**
 * {@code create()} on H2: validation, a generated order id, one INSERT. Baseline: one {@code JdbcClient} INSERT of
 * the same row with a counter for its id.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 20, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class CreateBenchmark {

    private HikariDataSource dataSource;

    private AliPayment payment;

    private JdbcClient jdbc;

    private long next;

    @Setup(Level.Trial)
    public void setUp() {
        this.dataSource = Fixtures.h2("create-bench");
        this.payment = AliPayment.builder(Fixtures.config("http://127.0.0.1:9/gateway.do"),
                Fixtures.store(this.dataSource)).build();
        this.jdbc = JdbcClient.create(this.dataSource);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        this.dataSource.close();
    }

    @Benchmark
    public PayLog create() {
        return this.payment.create("Coffee", Fixtures.amount());
    }

    @Benchmark
    public int baseline() {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        return this.jdbc.sql("INSERT INTO jitpay_pay_log (order_id, full_name, subject, amount, status, created_at, "
                + "updated_at) VALUES (:id, 'pays.aliPayment', :subject, :amount, 'wait', :now, :now)")
            .param("id", "B" + (this.next++))
            .param("subject", "Coffee")
            .param("amount", Fixtures.amount())
            .param("now", now)
            .update();
    }
}
