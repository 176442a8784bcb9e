package io.jitpay.alipay;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jitpay.alipay.micrometer.MicrometerPaymentObserver;
import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.alipay.sandbox.SandboxFault;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@link MicrometerPaymentObserver} records for notifications, gateway calls, refunds and sweeps, with bounded
 * tags, against the sandbox over HTTP.
 */
class MetricsTest {

    @RegisterExtension
    static final AliPaySandboxExtension sandboxes = new AliPaySandboxExtension();

    private final AliPaySandbox sandbox = sandboxes.get();

    private final MeterRegistry meters = new SimpleMeterRegistry();

    private final TestObservationRegistry observations = TestObservationRegistry.create();

    private PaymentFixture shop;

    private AliPayment payment;

    @BeforeEach
    void start() throws Exception {
        this.shop = PaymentFixture.start(this.sandbox, (config) -> config.notifyUrl(null).name("metered")
            .refundInterval(java.time.Duration.ofMillis(1)));
        this.payment = AliPayment.builder(this.shop.payment.config(), this.shop.store).journal(this.shop.journal)
            .refundStore(new io.jitpay.alipay.jdbc.JdbcRefundLogStore(this.shop.dataSource))
            .observer(new MicrometerPaymentObserver(this.meters, this.observations)).build();
    }

    @AfterEach
    void stop() {
        this.shop.close();
        this.sandbox.clearFaults();
    }

    @Test
    void notificationsAreCountedByOutcomeAndReason() {
        PayLog order = paid("9.90");
        Map<String, String> notification = this.sandbox.notification(order.orderId());
        this.payment.notify(notification);
        this.payment.notify(notification);
        Map<String, String> forged = new java.util.LinkedHashMap<>(notification);
        forged.put("total_amount", "0.01");
        this.payment.notify(forged);
        this.payment.notify(io.jitpay.alipay.NotifyRequest.of("application/json", "{}".getBytes(
                StandardCharsets.UTF_8), null));
        assertThat(count("applied", "none")).isEqualTo(1);
        assertThat(count("duplicate", "none")).isEqualTo(1);
        assertThat(count("rejected", "bad_signature")).isEqualTo(1);
        assertThat(count("rejected", "unsupported_content_type")).isEqualTo(1);
        assertThat(this.meters.find(MicrometerPaymentObserver.NOTIFICATIONS).meters())
            .allSatisfy((meter) -> assertThat(meter.getId().getTag("payment")).isEqualTo("pays.metered"));
    }

    @Test
    void gatewayCallsAreObservedWithTheirOutcomeAndAlipaysSubCode() {
        PayLog order = paid("9.90");
        TestObservationRegistryAssert.assertThat(this.observations)
            .hasObservationWithNameEqualTo(MicrometerPaymentObserver.GATEWAY_REQUESTS).that()
            .hasLowCardinalityKeyValue("method", "alipay.trade.precreate")
            .hasLowCardinalityKeyValue("outcome", "success").hasLowCardinalityKeyValue("payment", "pays.metered");
        this.sandbox.failNext("alipay.trade.query", SandboxFault.httpStatus(502));
        assertThatExceptionOfType(PayException.class).isThrownBy(() -> this.payment.check(order.orderId()));
        this.sandbox.failNext("alipay.trade.query", SandboxFault.systemError());
        assertThatExceptionOfType(PayException.class).isThrownBy(() -> this.payment.check(order.orderId()));
        this.sandbox.failNext("alipay.trade.refund", SandboxFault.error("40004", "ACQ.SELLER_BALANCE_NOT_ENOUGH",
                "卖家余额不足"));
        this.payment.check(order.orderId());
        assertThatExceptionOfType(PayException.class)
            .isThrownBy(() -> this.payment.refund(order.orderId(), new BigDecimal("1.00"), null));
        TestObservationRegistryAssert.assertThat(this.observations)
            .hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("method", "alipay.trade.query")
                .hasLowCardinalityKeyValue("outcome", "transport_error").hasLowCardinalityKeyValue("sub_code", "none"))
            .hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("method", "alipay.trade.query")
                .hasLowCardinalityKeyValue("outcome", "unknown"))
            .hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("method", "alipay.trade.refund")
                .hasLowCardinalityKeyValue("outcome", "business_error")
                .hasLowCardinalityKeyValue("sub_code", "ACQ.SELLER_BALANCE_NOT_ENOUGH"))
            .doesNotHaveAnyRemainingCurrentObservation();
    }

    @Test
    void withoutAnObservationRegistryGatewayCallsAreTimedDirectly() {
        AliPayment timed = AliPayment.builder(this.shop.payment.config(), this.shop.store)
            .observer(new MicrometerPaymentObserver(this.meters, io.micrometer.observation.ObservationRegistry.NOOP))
            .build();
        PayLog order = timed.create("Tea", new BigDecimal("1.00"));
        timed.getPayUrl(order.orderId(), PayType.PRE_PAY);
        assertThat(this.meters.get(MicrometerPaymentObserver.GATEWAY_REQUESTS).tag("method", "alipay.trade.precreate")
            .tag("outcome", "success").timer().count()).isEqualTo(1);
    }

    @Test
    void refundsAndSweepsAreCounted() {
        PayLog order = paid("9.90");
        this.payment.check(order.orderId());
        this.payment.refund(order.orderId(), new BigDecimal("1.00"), null);
        this.payment.sweep(10);
        assertThat(this.meters.get(MicrometerPaymentObserver.REFUNDS).tag("status", "success").counter().count())
            .isEqualTo(1);
        assertThat(this.meters.get(MicrometerPaymentObserver.SWEEPS).tag("payment", "pays.metered").timer().count())
            .isEqualTo(1);
        assertThat(this.meters.get(MicrometerPaymentObserver.SWEPT_ORDERS).tag("result", "paid").counter().count())
            .isZero();
    }

    private PayLog paid(String amount) {
        PayLog order = this.payment.create("Tea", new BigDecimal(amount));
        this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        this.sandbox.pay(order.orderId());
        return order;
    }

    private double count(String outcome, String reason) {
        return this.meters.get(MicrometerPaymentObserver.NOTIFICATIONS).tag("outcome", outcome).tag("reason", reason)
            .counter().count();
    }
}
