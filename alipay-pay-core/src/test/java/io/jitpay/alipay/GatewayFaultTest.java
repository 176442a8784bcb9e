package io.jitpay.alipay;

import java.security.KeyPair;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.alipay.sandbox.SandboxFault;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;
import io.jitpay.alipay.sandbox.TestRsaKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every kind of gateway failure, during getPayUrl, check and cancel: a typed THIRD_PARTY_ERROR carrying Alipay's codes
 * where there are some, nothing changed locally, and a later check converges.
 */
class GatewayFaultTest {

    private static final KeyPair APP = TestRsaKeys.generate();

    private static final KeyPair ALIPAY = TestRsaKeys.generate();

    @RegisterExtension
    static final AliPaySandboxExtension sandboxes = new AliPaySandboxExtension();

    private final AliPaySandbox sandbox = sandboxes.get();

    private PaymentFixture fixture;

    private AliPayment payment;

    @BeforeEach
    void startFixture() throws Exception {
        this.fixture = PaymentFixture.start(sandbox,
                (config) -> config.notifyUrl(null).readTimeout(Duration.ofMillis(400)));
        this.payment = this.fixture.payment;
        sandbox.clearFaults();
    }

    @AfterEach
    void stopFixture() {
        this.fixture.close();
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("HTTP 500", SandboxFault.httpStatus(500), null, null),
                Arguments.of("read timeout", SandboxFault.delay(Duration.ofMillis(1200)), null, null),
                Arguments.of("malformed JSON", SandboxFault.malformedJson(), null, null),
                Arguments.of("bad response signature", SandboxFault.badSignature(), null, null),
                Arguments.of("20000 system error", SandboxFault.systemError(), "20000", "ACQ.SYSTEM_ERROR"),
                Arguments.of("40004 business error", SandboxFault.error("40004", "ACQ.ACCESS_FORBIDDEN", "无权限"),
                        "40004", "ACQ.ACCESS_FORBIDDEN"),
                // The SDK calls this a success (no sub_code); only code 10000 is one.
                Arguments.of("signed 20000 without sub_code", SandboxFault.error("20000", null, null), "20000", null),
                // The SDK accepts failures without a signature: from anyone on the path, they must change nothing.
                Arguments.of("unsigned TRADE_NOT_EXIST", SandboxFault.unsignedError("40004", "ACQ.TRADE_NOT_EXIST",
                        "交易不存在"), "40004", "ACQ.TRADE_NOT_EXIST"),
                Arguments.of("unsigned TRADE_STATUS_ERROR", SandboxFault.unsignedError("40004",
                        "ACQ.TRADE_STATUS_ERROR", "交易状态不合法"), "40004", "ACQ.TRADE_STATUS_ERROR"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void faultDuringPrecreateIsAThirdPartyErrorAndChangesNothing(String name, SandboxFault fault, String code,
            String subCode) {
        PayLog order = this.payment.create("Coffee", new BigDecimal("9.90"));
        Object before = this.fixture.snapshot();
        sandbox.failNext("alipay.trade.precreate", fault);
        assertThirdPartyError(() -> this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY), code, subCode);
        assertThat(this.fixture.snapshot()).isEqualTo(before);
        assertThat(this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY).payUrl()).contains("/qr/");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void faultDuringCheckIsAThirdPartyErrorAndTheNextCheckConverges(String name, SandboxFault fault, String code,
            String subCode) {
        PayLog order = this.payment.create("Coffee", new BigDecimal("9.90"));
        this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        sandbox.pay(order.orderId());
        Object before = this.fixture.snapshot();
        sandbox.failNext("alipay.trade.query", fault);
        assertThirdPartyError(() -> this.payment.check(order.orderId()), code, subCode);
        assertThat(this.fixture.snapshot()).isEqualTo(before);
        assertThat(this.fixture.events).isEmpty();
        assertThat(this.payment.check(order.orderId()).status()).isEqualTo(PayStatus.SUCCESS);
        assertThat(this.fixture.events).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void faultDuringCancelIsAThirdPartyErrorAndLeavesTheOrderWaiting(String name, SandboxFault fault, String code,
            String subCode) {
        PayLog order = this.payment.create("Coffee", new BigDecimal("9.90"));
        this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        sandbox.scan(order.orderId());
        Object before = this.fixture.snapshot();
        sandbox.failNext("alipay.trade.close", fault);
        assertThirdPartyError(() -> this.payment.cancel(order.orderId()), code, subCode);
        assertThat(this.fixture.snapshot()).isEqualTo(before);
        PayLog after = this.payment.cancel(order.orderId());
        // A close that timed out may have closed the trade anyway; either way the order ends closed.
        assertThat(after.status()).isEqualTo(PayStatus.CLOSE);
    }

    @Test
    void unreachableGatewayIsAThirdPartyErrorNamingTheGateway() throws Exception {
        try (PaymentFixture offline = PaymentFixture.start(sandbox,
                (config) -> config.gatewayUrl("http://127.0.0.1:9/gateway.do"))) {
            PayLog order = offline.payment.create("Coffee", new BigDecimal("9.90"));
            Object before = offline.snapshot();
            assertThirdPartyError(() -> offline.payment.getPayUrl(order.orderId(), PayType.PRE_PAY), null, null,
                    (ex) -> assertThat(ex).hasMessageContaining("cannot connect to http://127.0.0.1:9/gateway.do"));
            assertThirdPartyError(() -> offline.payment.check(order.orderId()), null, null, (ex) -> {
            });
            assertThirdPartyError(() -> offline.payment.cancel(order.orderId()), null, null, (ex) -> {
            });
            assertThat(offline.snapshot()).isEqualTo(before);
        }
    }

    @Test
    void unknownAppIdIsAThirdPartyErrorWithAlipaysCodes() throws Exception {
        try (PaymentFixture stranger = PaymentFixture.start(sandbox, (config) -> config.appId("2021000000009999"))) {
            PayLog order = stranger.payment.create("Coffee", new BigDecimal("9.90"));
            assertThirdPartyError(() -> stranger.payment.getPayUrl(order.orderId(), PayType.PRE_PAY), "40002",
                    "isv.invalid-app-id");
        }
    }

    @Test
    void requestSignedWithAnotherKeyIsRefusedByTheGatewayWithInvalidSignature() throws Exception {
        try (PaymentFixture wrongKey = PaymentFixture.start(sandbox,
                (config) -> config.privateKey(TestRsaKeys.pkcs8Base64(APP)))) {
            PayLog order = wrongKey.payment.create("Coffee", new BigDecimal("9.90"));
            assertThirdPartyError(() -> wrongKey.payment.check(order.orderId()), "40002", "isv.invalid-signature");
        }
    }

    @Test
    void responsesSignedByAnotherAlipayKeyAreRejected() throws Exception {
        try (PaymentFixture wrongKey = PaymentFixture.start(sandbox,
                (config) -> config.publicKey(TestRsaKeys.x509Base64(ALIPAY)))) {
            PayLog order = wrongKey.payment.create("Coffee", new BigDecimal("9.90"));
            assertThirdPartyError(() -> wrongKey.payment.getPayUrl(order.orderId(), PayType.PRE_PAY), null, null,
                    (ex) -> assertThat(ex).hasMessageContaining("does not verify with the configured Alipay public key"));
        }
    }

    @Test
    void precreateOfAPaidTradeIsAThirdPartyErrorWithTheSubCode() {
        PayLog order = this.payment.create("Coffee", new BigDecimal("9.90"));
        this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        sandbox.pay(order.orderId());
        assertThirdPartyError(() -> this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY), "40004",
                "ACQ.TRADE_HAS_SUCCESS");
    }

    private static void assertThirdPartyError(Runnable call, String code, String subCode) {
        assertThirdPartyError(call, code, subCode, (ex) -> {
        });
    }

    private static void assertThirdPartyError(Runnable call, String code, String subCode,
            Consumer<PayException> more) {
        assertThatExceptionOfType(PayException.class).isThrownBy(call::run).satisfies((ex) -> {
            assertThat(ex.code()).isEqualTo(PayErrorCode.THIRD_PARTY_ERROR);
            assertThat(ex.gatewayCode()).isEqualTo(code);
            assertThat(ex.gatewaySubCode()).isEqualTo(subCode);
            if (subCode != null) {
                assertThat(ex.getMessage()).contains(code, subCode);
                assertThat(ex.gatewaySubMsg()).isNotBlank();
            }
            more.accept(ex);
        });
    }
}
