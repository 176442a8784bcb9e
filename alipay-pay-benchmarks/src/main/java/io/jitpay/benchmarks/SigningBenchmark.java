package io.jitpay.benchmarks;

import java.util.concurrent.TimeUnit;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradePrecreateModel;
import com.alipay.api.domain.AlipayTradeWapPayModel;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeWapPayRequest;
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

import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayType;
import io.jitpay.pay.PayUrl;

/**
 * The two signing paths of {@code getPayUrl}, beside the official SDK doing the same request with its own
 * {@code DefaultAlipayClient}: {@code WAP_PAY} (a signed page request built locally) and {@code PRE_PAY}
 * ({@code alipay.trade.precreate} over HTTP to the embedded sandbox, response verified).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 10, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(1)
public class SigningBenchmark {

    private AliPaySandbox sandbox;

    private HikariDataSource dataSource;

    private AliPayment payment;

    private DefaultAlipayClient sdk;

    private PayLog order;

    @Setup(Level.Trial)
    public void setUp() throws AlipayApiException {
        this.sandbox = AliPaySandbox.builder().appKeyPair(Fixtures.APP).alipayKeyPair(Fixtures.ALIPAY)
            .appId(Fixtures.APP_ID).sellerId(Fixtures.SELLER_ID).start();
        this.dataSource = Fixtures.h2("signing-bench");
        this.payment = AliPayment.builder(Fixtures.config(this.sandbox.gatewayUrl()), Fixtures.store(this.dataSource))
            .build();
        this.order = this.payment.create("Coffee", Fixtures.amount());
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(this.sandbox.gatewayUrl());
        config.setAppId(Fixtures.APP_ID);
        config.setPrivateKey(this.sandbox.appPrivateKey());
        config.setAlipayPublicKey(this.sandbox.alipayPublicKey());
        config.setCharset("UTF-8");
        config.setSignType("RSA2");
        this.sdk = new DefaultAlipayClient(config);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        this.dataSource.close();
        this.sandbox.close();
    }

    @Benchmark
    public PayUrl wapPay() {
        return this.payment.getPayUrl(this.order.orderId(), PayType.WAP_PAY);
    }

    @Benchmark
    public String wapPayBaseline() throws AlipayApiException {
        AlipayTradeWapPayModel model = new AlipayTradeWapPayModel();
        model.setOutTradeNo(this.order.orderId());
        model.setSubject(this.order.subject());
        model.setTotalAmount(this.order.amount().toPlainString());
        model.setProductCode("QUICK_WAP_WAY");
        AlipayTradeWapPayRequest request = new AlipayTradeWapPayRequest();
        request.setBizModel(model);
        return this.sdk.pageExecute(request, "GET").getBody();
    }

    @Benchmark
    public PayUrl prePay() {
        return this.payment.getPayUrl(this.order.orderId(), PayType.PRE_PAY);
    }

    @Benchmark
    public String prePayBaseline() throws AlipayApiException {
        AlipayTradePrecreateModel model = new AlipayTradePrecreateModel();
        model.setOutTradeNo(this.order.orderId());
        model.setSubject(this.order.subject());
        model.setTotalAmount(this.order.amount().toPlainString());
        AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
        request.setBizModel(model);
        return this.sdk.execute(request).getQrCode();
    }
}
