package io.jitpay.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeRefundResponse;
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

import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.jdbc.JdbcRefundLogStore;
import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.pay.NotifyResult;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayType;
import io.jitpay.pay.RefundLog;
import io.jitpay.pay.RefundStatus;

/**
 * {@code refund()} of a paid order through {@link AliPayment}, on H2 or PostgreSQL ({@code -p db=h2,postgres}), to the
 * embedded sandbox over HTTP: the order read, the refund recorded under the over-refund guard, the trade's send slot,
 * {@code alipay.trade.refund} signed and its answer verified, the refund settled. Baseline: the official SDK's own
 * {@code DefaultAlipayClient.execute} of the same {@code alipay.trade.refund} request to the same sandbox, answer
 * verified, no database.
 *
 * <p>Every call refunds the whole 9.90 of a paid trade nobody refunded before, so every call is a real refund that
 * moves money ({@code fund_change=Y}); a call that does not fails the run. The paid trades (created, sent to the
 * sandbox with {@code alipay.trade.precreate}, paid there, and settled here by the sandbox's signed notification) are
 * made before each iteration, as many as it can use: its length over the least a call costs, two RSA2 signatures
 * (the request's and the answer's, see {@link CallBudget}), so any {@code -r}, {@code -w} or {@code -t} works.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 10, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(1)
public class RefundBenchmark {

    private static final String REASON = "Returned";

    /** {@code h2} (in memory) or {@code postgres} (schema {@code jitpay_refund_bench}, see {@link Fixtures#postgres}). */
    @Param({ "h2" })
    public String db;

    private AliPaySandbox sandbox;

    private HikariDataSource dataSource;

    private AliPayment payment;

    private DefaultAlipayClient sdk;

    private CallBudget budget;

    /** Paid trades nobody refunded yet, used in order from {@link #next}. */
    private List<String> paid = new ArrayList<>();

    private final AtomicInteger next = new AtomicInteger();

    private boolean announce = true;

    @Setup(Level.Trial)
    public void setUp() throws AlipayApiException {
        this.sandbox = AliPaySandbox.builder().appKeyPair(Fixtures.APP).alipayKeyPair(Fixtures.ALIPAY)
            .appId(Fixtures.APP_ID).sellerId(Fixtures.SELLER_ID).start();
        this.dataSource = Fixtures.database(this.db, "jitpay_refund_bench");
        this.payment = AliPayment.builder(Fixtures.config(this.sandbox.gatewayUrl()), Fixtures.store(this.dataSource))
            .refundStore(new JdbcRefundLogStore(this.dataSource))
            .build();
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(this.sandbox.gatewayUrl());
        config.setAppId(Fixtures.APP_ID);
        config.setPrivateKey(this.sandbox.appPrivateKey());
        config.setAlipayPublicKey(this.sandbox.alipayPublicKey());
        config.setCharset("UTF-8");
        config.setSignType("RSA2");
        this.sdk = new DefaultAlipayClient(config);
        String text = Fixtures.content(Fixtures.notification("floor", Fixtures.ALIPAY.getPrivate()));
        this.budget = new CallBudget("two RSA2 signatures: the request's and the answer's", () -> {
            Fixtures.sign(text, Fixtures.APP.getPrivate());
            Fixtures.sign(text, Fixtures.ALIPAY.getPrivate());
        });
    }

    /** Drops the trades the last iteration refunded and makes enough fresh paid trades for this one. */
    @Setup(Level.Iteration)
    public void freshPaidTrades(BenchmarkParams params, IterationParams iteration) {
        this.paid = new ArrayList<>(this.paid.subList(Math.min(this.next.get(), this.paid.size()), this.paid.size()));
        this.next.set(0);
        this.budget.measure();
        int missing = this.budget.calls(params, iteration) - this.paid.size();
        if (missing > 0) {
            long start = System.nanoTime();
            this.paid.addAll(IntStream.range(0, missing).parallel().mapToObj((i) -> paidTrade()).toList());
            if (this.announce) {
                System.out.printf("%n%d paid trades on %s (a call costs at least %s), made in %d ms; as many as "
                        + "each iteration used are made again before the next%n", missing, this.db,
                        this.budget.describe(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                this.announce = false;
            }
        }
    }

    @TearDown(Level.Iteration)
    public void countCalls(IterationParams iteration) {
        this.budget.observe(this.next.get(), iteration);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        this.dataSource.close();
        this.sandbox.close();
    }

    /** {@code refund(orderId, amount, reason)}: the refund id generated. */
    @Benchmark
    public RefundLog refund() {
        return succeeded(this.payment.refund(nextTrade(), Fixtures.amount(), REASON));
    }

    /** {@code refund(orderId, amount, reason, refundId)}: the caller's id, looked up first (a repeat is no refund). */
    @Benchmark
    public RefundLog refundWithId() {
        String orderId = nextTrade();
        return succeeded(this.payment.refund(orderId, Fixtures.amount(), REASON, "F" + orderId));
    }

    @Benchmark
    public AlipayTradeRefundResponse baseline() throws AlipayApiException {
        String orderId = nextTrade();
        AlipayTradeRefundModel model = new AlipayTradeRefundModel();
        model.setOutTradeNo(orderId);
        model.setOutRequestNo("F" + orderId);
        model.setRefundAmount(Fixtures.amount().toPlainString());
        model.setRefundReason(REASON);
        AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
        request.setBizModel(model);
        AlipayTradeRefundResponse response = this.sdk.execute(request);
        if (!response.isSuccess() || !"Y".equals(response.getFundChange())) {
            throw new IllegalStateException("Not refunded: " + response.getBody());
        }
        return response;
    }

    private String nextTrade() {
        int index = this.next.getAndIncrement();
        if (index >= this.paid.size()) {
            throw new IllegalStateException("More calls in one iteration than the " + this.paid.size()
                    + " paid trades: a call cost less than the floor of " + this.budget.describe());
        }
        return this.paid.get(index);
    }

    private static RefundLog succeeded(RefundLog refund) {
        if (refund.status() != RefundStatus.SUCCESS) {
            throw new IllegalStateException("Not refunded: " + refund);
        }
        return refund;
    }

    /** An order of 9.90, precreated at the sandbox, paid there, and settled here by the sandbox's notification. */
    private String paidTrade() {
        PayLog order = this.payment.create("Coffee", Fixtures.amount());
        this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        this.sandbox.pay(order.orderId());
        NotifyResult settled = this.payment.notify(this.sandbox.notification(order.orderId()));
        if (settled.outcome() != NotifyResult.Outcome.APPLIED) {
            throw new IllegalStateException("Not settled: " + settled);
        }
        return order.orderId();
    }
}
