package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AliPaymentCreateTest {

    @RegisterExtension
    static final AliPaySandboxExtension sandboxes = new AliPaySandboxExtension();

    private final AliPaySandbox sandbox = sandboxes.get();

    private PaymentFixture fixture;

    @BeforeEach
    void startFixture() throws Exception {
        this.fixture = PaymentFixture.start(sandbox);
    }

    @AfterEach
    void stopFixture() {
        this.fixture.close();
    }

    @Test
    void createWithoutIdGeneratesOneInBeijingTimeAndStoresAWaitingOrder() {
        Instant before = Instant.now();
        PayLog order = this.fixture.payment.create("iPhone 15 Pro", new BigDecimal("7999.00"));
        assertThat(order.orderId()).matches("D\\d{20}");
        LocalDateTime stamp = LocalDateTime.parse(order.orderId().substring(1, 15),
                DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        assertThat(Duration.between(before, stamp.toInstant(ZoneOffset.ofHours(8))).abs())
            .isLessThan(Duration.ofSeconds(5));
        assertThat(order.status()).isEqualTo(PayStatus.WAIT);
        assertThat(order.fullName()).isEqualTo("pays.aliPayment");
        assertThat(order.amount()).isEqualTo(new BigDecimal("7999.00"));
        assertThat(order.payType()).isNull();
        assertThat(order.tradeNo()).isNull();
        assertThat(order.paidAt()).isNull();
        assertThat(this.fixture.payment.find(order.orderId())).contains(order);
    }

    @Test
    void blankOrderIdMeansGenerateOne() {
        assertThat(this.fixture.payment.create("Coffee", new BigDecimal("1"), "  ").orderId()).matches("D\\d{20}");
        assertThat(this.fixture.payment.create("Coffee", new BigDecimal("1"), null).orderId()).matches("D\\d{20}");
    }

    @Test
    void createWithAnAlipayStyleOrderIdWithHyphensKeepsIt() {
        PayLog order = this.fixture.payment.create("语雀空间 500人规模", new BigDecimal("0.10"),
                "20190815155618536-564-57");
        assertThat(order.orderId()).isEqualTo("20190815155618536-564-57");
        assertThat(this.fixture.payment.find("20190815155618536-564-57")).contains(order);
    }

    @Test
    void amountsAreStoredAtScaleTwoWithoutRounding() {
        assertThat(this.fixture.payment.create("A", new BigDecimal("100")).amount()).isEqualTo("100.00");
        assertThat(this.fixture.payment.create("B", new BigDecimal("9.9")).amount()).isEqualTo("9.90");
        assertThat(this.fixture.payment.create("C", new BigDecimal("1.000")).amount()).isEqualTo("1.00");
        assertThat(this.fixture.payment.create("D", new BigDecimal("0.01")).amount()).isEqualTo("0.01");
        assertThat(this.fixture.payment.create("E", new BigDecimal("100000000.00")).amount())
            .isEqualTo("100000000.00");
    }

    @Test
    void duplicateOrderIdIsRefusedAndTheFirstOrderIsKept() {
        PayLog first = this.fixture.payment.create("Coffee", new BigDecimal("9.90"), "ORDER_1");
        Object before = this.fixture.snapshot();
        assertThatExceptionOfType(PayException.class)
            .isThrownBy(() -> this.fixture.payment.create("Tea", new BigDecimal("5.00"), "ORDER_1"))
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.ORDER_EXISTS_ERROR))
            .withMessageContaining("ORDER_1 already exists");
        assertThat(this.fixture.snapshot()).isEqualTo(before);
        assertThat(this.fixture.payment.find("ORDER_1")).contains(first);
    }

    static Stream<Arguments> badInputs() {
        String longSubject = "x".repeat(257);
        return Stream.of(
                Arguments.of("zero amount", "Coffee", new BigDecimal("0"), null, "must be greater than 0"),
                Arguments.of("zero amount with decimals", "Coffee", new BigDecimal("0.00"), null,
                        "must be greater than 0"),
                Arguments.of("negative amount", "Coffee", new BigDecimal("-9.90"), null, "must be greater than 0"),
                Arguments.of("three decimals", "Coffee", new BigDecimal("0.001"), null, "more than 2 decimals"),
                Arguments.of("three decimals above a fen", "Coffee", new BigDecimal("9.999"), null,
                        "more than 2 decimals"),
                Arguments.of("amount above the maximum", "Coffee", new BigDecimal("100000000.01"), null,
                        "exceeds the maximum"),
                Arguments.of("missing amount", "Coffee", null, null, "amount is missing"),
                Arguments.of("blank subject", "  ", new BigDecimal("1.00"), null, "subject is empty"),
                Arguments.of("missing subject", null, new BigDecimal("1.00"), null, "subject is empty"),
                Arguments.of("257-character subject", longSubject, new BigDecimal("1.00"), null,
                        "at most 256"),
                Arguments.of("subject with control characters", "Coffee\u0000\n", new BigDecimal("1.00"), null,
                        "control characters"),
                Arguments.of("subject spliced with a parameter", "Coffee&total_amount=0.01", new BigDecimal("9.90"),
                        null, "'&', '=' or '/'"),
                Arguments.of("subject with =", "x=y", new BigDecimal("1.00"), null, "'&', '=' or '/'"),
                Arguments.of("subject with /", "Coffee / Tea", new BigDecimal("1.00"), null, "'&', '=' or '/'"),
                Arguments.of("65-character order id", "Coffee", new BigDecimal("1.00"), "A".repeat(65),
                        "1 to 64 letters"),
                Arguments.of("order id with a blank", "Coffee", new BigDecimal("1.00"), "ORDER 1", "1 to 64 letters"),
                Arguments.of("order id with SQL", "Coffee", new BigDecimal("1.00"), "1';DROP TABLE jitpay_pay_log;--",
                        "1 to 64 letters"),
                Arguments.of("order id with HTML", "Coffee", new BigDecimal("1.00"), "<b>1</b>", "1 to 64 letters"),
                Arguments.of("order id with Chinese", "Coffee", new BigDecimal("1.00"), "订单1", "1 to 64 letters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsRefusedWithInvalidParamAndStoresNothing(String name, String subject, BigDecimal amount,
            String orderId, String message) {
        this.fixture.payment.create("Existing order", new BigDecimal("1.00"));
        Object before = this.fixture.snapshot();
        assertThatExceptionOfType(PayException.class)
            .isThrownBy(() -> this.fixture.payment.create(subject, amount, orderId))
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.INVALID_PARAM_ERROR))
            .withMessageContaining(message);
        assertThat(this.fixture.snapshot()).isEqualTo(before);
    }

    @Test
    void sixtyFourCharacterOrderIdIsAccepted() {
        String id = "a_b-C".repeat(12) + "1234";
        assertThat(this.fixture.payment.create("Coffee", new BigDecimal("1.00"), id).orderId()).isEqualTo(id);
    }

    @Test
    void subjectOfExactly256CharactersIsAccepted() {
        String subject = "字".repeat(256);
        assertThat(this.fixture.payment.create(subject, new BigDecimal("1.00")).subject()).isEqualTo(subject);
    }
}
