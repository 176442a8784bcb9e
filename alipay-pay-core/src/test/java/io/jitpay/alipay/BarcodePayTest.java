package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.alipay.sandbox.SandboxAuthCodes;
import io.jitpay.alipay.sandbox.SandboxFault;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * In-store payment ({@code alipay.trade.pay}, {@code bar_code}) over HTTP against the sandbox, whose payment codes
 * script Alipay's answer: paid at once, paid after the buyer confirms, never confirmed, refused, and unknown.
 */
class BarcodePayTest {

    private static final String PAY = "alipay.trade.pay";

    @RegisterExtension
    static final AliPaySandboxExtension sandboxes = new AliPaySandboxExtension();

    private final AliPaySandbox sandbox = sandboxes.get();

    private PaymentFixture shop;

    @BeforeEach
    void start() throws Exception {
        this.shop = PaymentFixture.start(this.sandbox, (config) -> config.notifyUrl(null)
            .barcodePollInterval(Duration.ofMillis(20)).barcodePollTimeout(Duration.ofMillis(600)));
    }

    @AfterEach
    void stop() {
        this.shop.close();
        this.sandbox.clearFaults();
    }

    @Test
    void aCodeThatPaysAtOnceSettlesTheOrderWithOneEvent() {
        PayLog order = order("3.00");
        PayLog paid = this.shop.payment.barcodePay(order.orderId(), SandboxAuthCodes.PAYS);
        assertThat(paid.status()).isEqualTo(PayStatus.SUCCESS);
        assertThat(paid.payType()).isEqualTo(PayType.BARCODE_PAY);
        assertThat(paid.tradeNo()).isEqualTo(this.sandbox.trade(order.orderId()).orElseThrow().tradeNo());
        assertThat(this.shop.events).singleElement()
            .satisfies((event) -> assertThat(event.previousStatus()).isEqualTo(PayStatus.WAIT));
        assertThat(this.sandbox.calls(PAY, order.orderId())).isEqualTo(1);
        assertThat(this.sandbox.calls("alipay.trade.query", order.orderId())).isZero();
    }

    @Test
    void aPaymentTheBuyerConfirmsOnThePhoneIsPolledUntilPaid() throws Exception {
        PayLog order = order("8.80");
        CompletableFuture<PayLog> paying = CompletableFuture.supplyAsync(
                () -> this.shop.payment.barcodePay(order.orderId(), SandboxAuthCodes.NEEDS_CONFIRMATION));
        await().until(() -> this.sandbox.calls("alipay.trade.query", order.orderId()) >= 1);
        assertThat(paying).isNotDone();
        this.sandbox.confirm(order.orderId());
        PayLog paid = paying.get(10, TimeUnit.SECONDS);
        assertThat(paid.status()).isEqualTo(PayStatus.SUCCESS);
        assertThat(this.shop.events).hasSize(1);
        assertThat(this.sandbox.calls("alipay.trade.cancel", order.orderId())).isZero();
    }

    @Test
    void aPaymentNeverConfirmedIsCancelledAtThePollTimeoutAndTheOrderCloses() {
        PayLog order = order("8.80");
        PayLog closed = this.shop.payment.barcodePay(order.orderId(), SandboxAuthCodes.NEEDS_CONFIRMATION);
        assertThat(closed.status()).isEqualTo(PayStatus.CLOSE);
        assertThat(this.sandbox.calls("alipay.trade.cancel", order.orderId())).isEqualTo(1);
        assertThat(this.sandbox.trade(order.orderId())).get()
            .satisfies((trade) -> assertThat(trade.status()).isEqualTo("TRADE_CLOSED"));
        assertThat(this.shop.events).singleElement()
            .satisfies((event) -> assertThat(event.payLog().status()).isEqualTo(PayStatus.CLOSE));
        // The buyer cannot confirm a cancelled payment any more.
        assertThatExceptionOfType(IllegalStateException.class)
            .isThrownBy(() -> this.sandbox.confirm(order.orderId()));
    }

    @Test
    void aRefusedCodeLeavesTheOrderWaitingForAnotherCode() {
        PayLog order = order("5.00");
        for (String[] refusal : new String[][] { { SandboxAuthCodes.INVALID, "ACQ.PAYMENT_AUTH_CODE_INVALID" },
            { SandboxAuthCodes.NO_BALANCE, "ACQ.BUYER_BALANCE_NOT_ENOUGH" } }) {
            assertThatExceptionOfType(PayException.class)
                .isThrownBy(() -> this.shop.payment.barcodePay(order.orderId(), refusal[0]))
                .satisfies((ex) -> {
                    assertThat(ex.code()).isEqualTo(PayErrorCode.THIRD_PARTY_ERROR);
                    assertThat(ex.gatewayCode()).isEqualTo("40004");
                    assertThat(ex.gatewaySubCode()).isEqualTo(refusal[1]);
                })
                .withMessageNotContaining(refusal[0]);
            assertThat(this.shop.payment.find(order.orderId())).get().extracting(PayLog::status)
                .isEqualTo(PayStatus.WAIT);
        }
        assertThat(this.shop.payment.barcodePay(order.orderId(), "280012345678901234").status())
            .isEqualTo(PayStatus.SUCCESS);
        assertThat(this.shop.events).hasSize(1);
    }

    @Test
    void anUnknownAnswerIsSettledByTheQueryWhenThePaymentWentThrough() {
        PayLog order = order("6.60");
        assertThat(this.shop.payment.barcodePay(order.orderId(), SandboxAuthCodes.UNKNOWN_BUT_PAID).status())
            .isEqualTo(PayStatus.SUCCESS);
        assertThat(this.sandbox.calls("alipay.trade.query", order.orderId())).isGreaterThanOrEqualTo(1);
        assertThat(this.sandbox.calls("alipay.trade.cancel", order.orderId())).isZero();
        assertThat(this.shop.events).hasSize(1);
    }

    @Test
    void anUnknownAnswerForAPaymentThatDidNotGoThroughEndsInACancelAndAClosedOrder() {
        PayLog order = order("6.60");
        assertThat(this.shop.payment.barcodePay(order.orderId(), SandboxAuthCodes.UNKNOWN_NOT_PAID).status())
            .isEqualTo(PayStatus.CLOSE);
        assertThat(this.sandbox.calls("alipay.trade.cancel", order.orderId())).isEqualTo(1);
    }

    @Test
    void aLostAnswerOfAPaymentThatWasMadeIsFoundByTheQuery() {
        PayLog order = order("7.70");
        this.sandbox.failNext(PAY, SandboxFault.appliedThenHttpStatus(500));
        assertThat(this.shop.payment.barcodePay(order.orderId(), SandboxAuthCodes.PAYS).status())
            .isEqualTo(PayStatus.SUCCESS);
        assertThat(this.sandbox.calls("alipay.trade.cancel", order.orderId())).isZero();
    }

    @Test
    void aRequestDroppedBeforeAlipayHadItEndsInACancelAndAClosedOrder() {
        PayLog order = order("7.70");
        this.sandbox.failNext(PAY, SandboxFault.httpStatus(502));
        assertThat(this.shop.payment.barcodePay(order.orderId(), SandboxAuthCodes.PAYS).status())
            .isEqualTo(PayStatus.CLOSE);
        assertThat(this.sandbox.trade(order.orderId())).isEmpty();
    }

    @Test
    void aCodeThatIsNotSixteenToTwentyFourDigitsIsRefusedWithoutACallAndNeverLoggedWhole() {
        PayLog order = order("3.00");
        List<Object> before = this.shop.snapshot();
        for (String code : new String[] { "", "123", "28000000000000000a", "2800000000000000000000000",
            " 280000000000000000", "28000000-0000000000" }) {
            assertThatExceptionOfType(PayException.class)
                .isThrownBy(() -> this.shop.payment.barcodePay(order.orderId(), code))
                .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.INVALID_PARAM_ERROR))
                .withMessageNotContaining(code.isEmpty() ? "\u0000" : code);
        }
        assertThatExceptionOfType(PayException.class)
            .isThrownBy(() -> this.shop.payment.barcodePay(order.orderId(), null))
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.INVALID_PARAM_ERROR));
        assertThat(this.shop.snapshot()).isEqualTo(before);
        assertThat(this.sandbox.calls(PAY, order.orderId())).isZero();
        try (CapturedLogs logs = CapturedLogs.of(BarcodePayments.class, ch.qos.logback.classic.Level.INFO)) {
            this.shop.payment.barcodePay(order.orderId(), "280098765432101234");
            assertThat(logs.all()).contains("2800************34").doesNotContain("280098765432101234");
        }
    }

    @Test
    void aPaidOrCancelledOrderCannotBePaidInStore() {
        PayLog order = order("3.00");
        this.shop.payment.barcodePay(order.orderId(), SandboxAuthCodes.PAYS);
        PayLog cancelled = order("3.00");
        this.shop.payment.cancel(cancelled.orderId());
        for (PayLog settled : List.of(order, cancelled)) {
            assertThatExceptionOfType(PayException.class)
                .isThrownBy(() -> this.shop.payment.barcodePay(settled.orderId(), SandboxAuthCodes.PAYS))
                .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.ORDER_STATUS_ERROR));
        }
        assertThat(this.sandbox.calls(PAY, order.orderId())).isEqualTo(1);
        assertThat(this.sandbox.calls(PAY, cancelled.orderId())).isZero();
    }

    private PayLog order(String amount) {
        return this.shop.payment.create("Bubble tea", new BigDecimal(amount));
    }
}
