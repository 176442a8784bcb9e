package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Duration;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cancel before the buyer scans gets {@code ACQ.TRADE_NOT_EXIST}, and nothing says that Alipay then voids the QR
 * code. The order is closed, but checked once more when its deadline has passed, so that a payment made meanwhile is
 * recorded; the sandbox plays both possible Alipays.
 */
class EarlyCancelTest {

    private AliPaySandbox sandbox;

    private JdbcConnectionPool database;

    private PaymentFixture shop;

    private ReliabilityContractTest.MovableClock clock;

    @AfterEach
    void close() {
        this.shop.close();
        this.database.dispose();
        this.sandbox.close();
    }

    @Test
    void aQrCodeStillPaidAfterAnEarlyCancelIsRecordedOnceTheDeadlinePasses() throws Exception {
        start(false);
        PayLog order = qrOrder();
        assertThat(this.shop.payment.cancel(order.orderId()).status()).isEqualTo(PayStatus.CLOSE);
        this.sandbox.scan(order.orderId());
        this.sandbox.pay(order.orderId());
        assertThat(this.shop.payment.sweep(10).claimed()).as("not due before the deadline").isZero();
        this.clock.advance(Duration.ofMinutes(31));
        assertThat(this.shop.payment.sweep(10).paid()).isEqualTo(1);
        assertThat(this.shop.payment.find(order.orderId())).get().extracting(PayLog::status)
            .isEqualTo(PayStatus.SUCCESS);
        assertThat(this.shop.events).extracting((event) -> event.payLog().status()).containsExactly(PayStatus.CLOSE,
                PayStatus.SUCCESS);
    }

    @Test
    void anEarlyCancelThatVoidedTheQrCodeIsSettledByOneCheckAfterTheDeadline() throws Exception {
        start(true);
        PayLog order = qrOrder();
        this.shop.payment.cancel(order.orderId());
        this.clock.advance(Duration.ofMinutes(31));
        assertThat(this.shop.payment.sweep(10).claimed()).isEqualTo(1);
        assertThat(this.sandbox.calls("alipay.trade.query", order.orderId())).isEqualTo(1);
        assertThat(this.shop.payment.sweep(10).claimed()).as("settled: never due again").isZero();
        assertThat(this.shop.payment.find(order.orderId())).get().extracting(PayLog::status)
            .isEqualTo(PayStatus.CLOSE);
        assertThat(this.shop.events).hasSize(1);
    }

    @Test
    void aCancelAlipayConfirmedIsNeverCheckedAgain() throws Exception {
        start(true);
        PayLog order = qrOrder();
        this.sandbox.scan(order.orderId());
        this.shop.payment.cancel(order.orderId());
        this.clock.advance(Duration.ofMinutes(31));
        assertThat(this.shop.payment.sweep(10).claimed()).isZero();
    }

    private void start(boolean closeVoids) throws Exception {
        this.sandbox = AliPaySandbox.builder().closeBeforeScanVoidsTrade(closeVoids).start();
        this.database = JdbcConnectionPool.create("jdbc:h2:mem:early" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
        this.clock = new ReliabilityContractTest.MovableClock();
        this.shop = PaymentFixture.start(this.sandbox, this.database, (config) -> config.notifyUrl(null), this.clock);
    }

    private PayLog qrOrder() {
        PayLog order = this.shop.payment.create("Coffee", new BigDecimal("9.90"));
        this.shop.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        return order;
    }
}
