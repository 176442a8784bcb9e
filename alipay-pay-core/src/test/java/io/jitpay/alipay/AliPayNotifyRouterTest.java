package io.jitpay.alipay;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.alipay.sandbox.TestRsaKeys;
import io.jitpay.pay.NotifyResult;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;
import io.jitpay.pay.Payment;
import io.jitpay.pay.Payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Two applications with different keys and their own sandboxes on one database, without Spring: one router hands each
 * notification to the instance that owns the order, which verifies it with its own key; {@link Payments} finds both.
 */
class AliPayNotifyRouterTest {

    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    @RegisterExtension
    static final AliPaySandboxExtension sandboxA = new AliPaySandboxExtension();

    @RegisterExtension
    static final AliPaySandboxExtension sandboxB = new AliPaySandboxExtension((builder) -> builder
        .appId("2021000000000002").sellerId("2088000000000002").appKeyPair(TestRsaKeys.generate())
        .alipayKeyPair(TestRsaKeys.generate()));

    private JdbcConnectionPool database;

    private PaymentFixture shopA;

    private PaymentFixture shopB;

    private AliPayNotifyRouter router;

    @BeforeEach
    void twoApplicationsOnOneDatabase() throws Exception {
        this.database = JdbcConnectionPool.create("jdbc:h2:mem:router" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
        ReliabilityContractTest.MovableClock clock = new ReliabilityContractTest.MovableClock();
        this.shopA = PaymentFixture.start(sandboxA.get(), this.database, (config) -> config.name("shopA")
            .notifyUrl(null), clock);
        this.shopB = PaymentFixture.start(sandboxB.get(), this.database, (config) -> config.name("shopB")
            .notifyUrl(null), clock);
        this.router = new AliPayNotifyRouter(List.of(this.shopA.payment, this.shopB.payment), this.shopA.store);
    }

    @AfterEach
    void close() {
        this.shopA.close();
        this.shopB.close();
        this.database.dispose();
    }

    @Test
    void eachNotificationIsHandledByTheInstanceThatOwnsTheOrder() {
        PayLog orderA = paidOrder(this.shopA.payment, sandboxA.get());
        PayLog orderB = paidOrder(this.shopB.payment, sandboxB.get());
        assertThat(route(sandboxB.get().notification(orderB.orderId()))).isEqualTo(NotifyResult.Outcome.APPLIED);
        assertThat(route(sandboxA.get().notification(orderA.orderId()))).isEqualTo(NotifyResult.Outcome.APPLIED);
        assertThat(this.shopA.payment.find(orderA.orderId())).get().extracting(PayLog::status)
            .isEqualTo(PayStatus.SUCCESS);
        assertThat(this.shopB.payment.find(orderB.orderId())).get().extracting(PayLog::status)
            .isEqualTo(PayStatus.SUCCESS);
        assertThat(this.shopA.events).extracting((event) -> event.payLog().orderId()).containsExactly(orderA.orderId());
        assertThat(this.shopB.events).extracting((event) -> event.payLog().orderId()).containsExactly(orderB.orderId());
    }

    @Test
    void aNotificationForAsOrderSignedWithBsAlipayKeyIsRejected() {
        PayLog orderA = paidOrder(this.shopA.payment, sandboxA.get());
        Map<String, String> params = PaymentFixture.unsigned(sandboxA.get().notification(orderA.orderId()));
        NotifyResult result = this.router.notify(request(sandboxB.get().sign(params, StandardCharsets.UTF_8)));
        assertThat(result.rejection()).isEqualTo(NotifyResult.Rejection.BAD_SIGNATURE);
        assertThat(this.shopA.payment.find(orderA.orderId())).get().extracting(PayLog::status)
            .isEqualTo(PayStatus.WAIT);
    }

    @Test
    void aNotificationSignedForAnotherAppIdIsRejectedByTheOwner() {
        PayLog orderA = paidOrder(this.shopA.payment, sandboxA.get());
        Map<String, String> params = PaymentFixture.unsigned(sandboxA.get().notification(orderA.orderId()));
        params.put("app_id", sandboxB.get().appId());
        NotifyResult result = this.router.notify(request(sandboxA.get().sign(params, StandardCharsets.UTF_8)));
        assertThat(result.rejection()).isEqualTo(NotifyResult.Rejection.WRONG_APP);
        assertThat(this.shopA.payment.find(orderA.orderId())).get().extracting(PayLog::status)
            .isEqualTo(PayStatus.WAIT);
    }

    @Test
    void whatNoInstanceOwnsIsRejectedByTheFirst() {
        PayLog orderB = paidOrder(this.shopB.payment, sandboxB.get());
        Map<String, String> params = PaymentFixture.unsigned(sandboxB.get().notification(orderB.orderId()));
        params.put("out_trade_no", "NOBODYS");
        assertThat(this.router.notify(request(sandboxB.get().sign(params, StandardCharsets.UTF_8))).rejection())
            .isEqualTo(NotifyResult.Rejection.BAD_SIGNATURE);
        assertThat(this.router.notify(NotifyRequest.of(FORM, "a=%zz".getBytes(StandardCharsets.ISO_8859_1), null))
            .rejection()).isEqualTo(NotifyResult.Rejection.MALFORMED);
    }

    @Test
    void aNamedInstanceHandlesOnlyItsOwnOrders() {
        PayLog orderB = paidOrder(this.shopB.payment, sandboxB.get());
        NotifyRequest forB = request(sandboxB.get().notification(orderB.orderId()));
        assertThat(this.router.notify("shopA", forB)).get().extracting(NotifyResult::rejection)
            .isEqualTo(NotifyResult.Rejection.BAD_SIGNATURE);
        assertThat(this.router.notify("shopC", forB)).isEmpty();
        assertThat(this.router.notify("pays.shopB", forB)).get().extracting(NotifyResult::outcome)
            .isEqualTo(NotifyResult.Outcome.APPLIED);
    }

    @Test
    void severalInstancesNeedTheStoreAndDistinctNames() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AliPayNotifyRouter(
                List.of(this.shopA.payment, this.shopB.payment), null)).withMessageContaining("order store");
        assertThatIllegalArgumentException().isThrownBy(() -> new AliPayNotifyRouter(
                List.of(this.shopA.payment, this.shopA.payment), this.shopA.store)).withMessageContaining("pays.shopA");
        assertThatIllegalArgumentException().isThrownBy(() -> new AliPayNotifyRouter(List.of(), null));
    }

    @Test
    void paymentsFindsEachInstanceByEitherNameWithoutSpring() {
        Payments payments = new Payments(List.of(this.shopA.payment, this.shopB.payment));
        assertThat(payments.get("shopA")).isSameAs(this.shopA.payment).isSameAs(payments.get("pays.shopA"));
        assertThat(payments.get("pays.shopB")).isSameAs(this.shopB.payment);
        assertThat(payments.all()).containsExactly(this.shopA.payment, this.shopB.payment);
        for (String unknown : new String[] { "shopC", "pays.", "", "PAYS.shopA" }) {
            assertThatExceptionOfType(PayException.class).isThrownBy(() -> payments.get(unknown))
                .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.INVALID_PARAM_ERROR))
                .withMessageContaining("[pays.shopA, pays.shopB]");
        }
        assertThatIllegalArgumentException().isThrownBy(() -> new Payments(List.<Payment>of(this.shopA.payment,
                namedLike(this.shopA.payment)))).withMessageContaining("pays.shopA");
    }

    /** Another Type that claims the same full name. */
    private static Payment namedLike(Payment payment) {
        return (Payment) java.lang.reflect.Proxy.newProxyInstance(Payment.class.getClassLoader(),
                new Class<?>[] { Payment.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "fullName" -> payment.fullName();
                    case "toString" -> "twin of " + payment.fullName();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private NotifyResult.Outcome route(Map<String, String> params) {
        return this.router.notify(request(params)).outcome();
    }

    private static NotifyRequest request(Map<String, String> params) {
        return NotifyRequest.of(FORM, NotifyForm.encode(params, StandardCharsets.UTF_8)
            .getBytes(StandardCharsets.ISO_8859_1), "127.0.0.1");
    }

    private static PayLog paidOrder(AliPayment payment, AliPaySandbox sandbox) {
        PayLog order = payment.create("Coffee", new BigDecimal("9.90"));
        payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        sandbox.pay(order.orderId());
        return order;
    }
}
