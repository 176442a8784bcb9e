package io.jitpay.alipay.sandbox;

import java.time.Duration;
import java.time.Instant;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradePayRequest;
import com.alipay.api.response.AlipayTradeCancelResponse;
import com.alipay.api.response.AlipayTradePayResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * An in-store trade after its first answer: the buyer's confirmation, cancel and close of a waiting trade, expiry on
 * the sandbox's clock, and the faults a merchant must survive, all through the unmodified SDK.
 */
class BarcodeLifecycleTest {

    private NotificationAndCashierTest.MutableClock clock;

    private AliPaySandbox sandbox;

    private AlipayClient client;

    private TestMerchant merchant;

    @BeforeEach
    void start() throws Exception {
        this.clock = new NotificationAndCashierTest.MutableClock(Instant.now());
        this.sandbox = AliPaySandbox.builder().clock(this.clock).start();
        this.client = SdkClients.of(this.sandbox);
        this.merchant = new TestMerchant();
    }

    @AfterEach
    void stop() {
        this.sandbox.close();
        this.merchant.close();
    }

    @Test
    void confirmRefusesOrdersThatAwaitNoConfirmation() throws Exception {
        assertThatIllegalArgumentException().isThrownBy(() -> this.sandbox.confirm("NEVER-SENT"));

        String paid = pay(SandboxAuthCodes.PAYS).getOutTradeNo();
        assertThatIllegalStateException().isThrownBy(() -> this.sandbox.confirm(paid))
            .withMessageContaining("awaits no confirmation");

        String confirmed = pay(SandboxAuthCodes.NEEDS_CONFIRMATION).getOutTradeNo();
        this.sandbox.confirm(confirmed);
        assertThatIllegalStateException().isThrownBy(() -> this.sandbox.confirm(confirmed));
        assertThat(this.sandbox.trade(confirmed)).get().extracting(SandboxTrade::status).isEqualTo("TRADE_SUCCESS");

        String precreated = "PRE" + System.nanoTime();
        this.client.execute(SdkCompatibilityTest.precreate(precreated, "1.00"));
        this.sandbox.scan(precreated);
        assertThatIllegalStateException().isThrownBy(() -> this.sandbox.confirm(precreated));
    }

    @Test
    void cancelOfATradeAwaitingConfirmationClosesItAndTheBuyerCanNoLongerConfirm() throws Exception {
        String orderId = pay(SandboxAuthCodes.NEEDS_CONFIRMATION).getOutTradeNo();
        AlipayTradeCancelResponse cancelled = this.client.execute(BarcodePaySdkTest.cancel(orderId));
        assertThat(cancelled.getAction()).isEqualTo("close");
        assertThat(this.sandbox.trade(orderId)).get().extracting(SandboxTrade::status).isEqualTo("TRADE_CLOSED");
        assertThatIllegalStateException().isThrownBy(() -> this.sandbox.confirm(orderId))
            .withMessageContaining("TRADE_CLOSED");
        assertThat(this.client.execute(pay(orderId, "10.00", SandboxAuthCodes.PAYS)).getSubCode())
            .isEqualTo("ACQ.TRADE_HAS_CLOSE");
    }

    @Test
    void closeOfATradeAwaitingConfirmationClosesIt() throws Exception {
        String orderId = pay(SandboxAuthCodes.NEEDS_CONFIRMATION).getOutTradeNo();
        AlipayTradeCloseRequest close = SdkCompatibilityTest.close(orderId);
        assertThat(this.client.execute(close).isSuccess()).isTrue();
        assertThat(this.client.execute(SdkCompatibilityTest.query(orderId)).getTradeStatus()).isEqualTo("TRADE_CLOSED");
        assertThatIllegalStateException().isThrownBy(() -> this.sandbox.confirm(orderId));
    }

    @Test
    void tradeAwaitingConfirmationTakesTheNextCodeScanned() throws Exception {
        String orderId = pay(SandboxAuthCodes.NEEDS_CONFIRMATION).getOutTradeNo();
        String tradeNo = this.sandbox.trade(orderId).orElseThrow().tradeNo();
        AlipayTradePayResponse paid = this.client.execute(pay(orderId, "10.00",
                SandboxAuthCodes.PAYS));
        assertThat(paid.getCode()).isEqualTo("10000");
        assertThat(paid.getTradeNo()).isEqualTo(tradeNo);
    }

    @Test
    void tradeAwaitingConfirmationClosesAtItsExpiry() throws Exception {
        String orderId = "EXP" + System.nanoTime();
        AlipayTradePayRequest request = pay(orderId, "10.00", SandboxAuthCodes.NEEDS_CONFIRMATION);
        request.setBizContent(request.getBizContent().replace("}", ",\"timeout_express\":\"5m\"}"));
        this.client.execute(request);
        assertThat(this.sandbox.trade(orderId).orElseThrow().expiresAt()).isEqualTo(this.clock.instant()
            .plus(Duration.ofMinutes(5)));

        this.clock.advance(Duration.ofMinutes(5));
        assertThat(this.client.execute(SdkCompatibilityTest.query(orderId)).getTradeStatus()).isEqualTo("TRADE_CLOSED");
        assertThatIllegalStateException().isThrownBy(() -> this.sandbox.confirm(orderId));
    }

    @Test
    void faultsPlayOnInStorePaymentsAsOnEveryGatewayMethod() throws Exception {
        String lost = "LOST" + System.nanoTime();
        this.sandbox.failNext("alipay.trade.pay", SandboxFault.httpStatus(502));
        assertThatExceptionOfType(AlipayApiException.class).isThrownBy(() -> this.client.execute(
                pay(lost, "4.00", SandboxAuthCodes.PAYS)));
        assertThat(this.sandbox.trade(lost)).isEmpty();

        String applied = "APPLIED" + System.nanoTime();
        this.sandbox.failNext("alipay.trade.pay", SandboxFault.appliedThenHttpStatus(504));
        assertThatExceptionOfType(AlipayApiException.class).isThrownBy(() -> this.client.execute(
                pay(applied, "4.00", SandboxAuthCodes.PAYS)));
        assertThat(this.client.execute(SdkCompatibilityTest.query(applied)).getTradeStatus())
            .isEqualTo("TRADE_SUCCESS");
        assertThat(this.sandbox.calls("alipay.trade.pay", applied)).isEqualTo(1);

        String busy = "BUSY" + System.nanoTime();
        this.sandbox.failNext("alipay.trade.pay", SandboxFault.systemError());
        AlipayTradePayResponse unknown = this.client.execute(pay(busy, "4.00",
                SandboxAuthCodes.PAYS));
        assertThat(unknown.getCode()).isEqualTo("20000");
        assertThat(this.sandbox.trade(busy)).isEmpty();

        this.sandbox.failNext("alipay.trade.pay", SandboxFault.error("40004", "ACQ.BUYER_BALANCE_NOT_ENOUGH",
                "买家余额不足"));
        assertThat(this.client.execute(pay(busy, "4.00", SandboxAuthCodes.PAYS)).getSubCode())
            .isEqualTo("ACQ.BUYER_BALANCE_NOT_ENOUGH");
        assertThat(this.client.execute(pay(busy, "4.00", SandboxAuthCodes.PAYS)).getCode())
            .isEqualTo("10000");
    }

    private AlipayTradePayResponse pay(String authCode) throws AlipayApiException {
        return this.client.execute(pay("LIFE" + System.nanoTime(), "10.00", authCode));
    }

    private AlipayTradePayRequest pay(String orderId, String amount, String authCode) {
        return BarcodePaySdkTest.pay(orderId, amount, authCode, this.merchant.notifyUrl());
    }
}
