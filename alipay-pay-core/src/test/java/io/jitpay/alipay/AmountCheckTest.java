package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Duration;

import ch.qos.logback.classic.Level;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;
import io.jitpay.pay.SweepReport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A 4999.00 order must never be recorded paid from a 0.01 trade, whichever path meets it: the sweep and the cancel
 * apply Alipay's answer through the same check as notifications and checks.
 */
class AmountCheckTest {

    @RegisterExtension
    static final AliPaySandboxExtension sandboxes = new AliPaySandboxExtension();

    private final AliPaySandbox sandbox = sandboxes.get();

    private JdbcConnectionPool database;

    private ReliabilityContractTest.MovableClock clock;

    private PaymentFixture shop;

    @BeforeEach
    void shop() throws Exception {
        this.database = JdbcConnectionPool.create("jdbc:h2:mem:amount" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
        this.clock = new ReliabilityContractTest.MovableClock();
        this.shop = PaymentFixture.start(sandbox, this.database, (config) -> config.notifyUrl(null), this.clock);
    }

    @AfterEach
    void close() {
        this.shop.close();
        this.database.dispose();
    }

    @Test
    void theSweepLeavesAnOrderPaidWithAnotherAmountWaitingAndLogsIt() {
        PayLog order = orderPaidAtAlipayWithOneFen();
        this.clock.advance(Duration.ofMinutes(31));
        try (CapturedLogs logs = CapturedLogs.of(OrderTransitions.class)) {
            SweepReport report = this.shop.payment.sweep(10);
            assertThat(report.failed()).isEqualTo(1);
            assertThat(report.paid()).isZero();
            assertThat(logs.at(Level.ERROR)).singleElement().asString().contains("total_amount 0.01",
                    order.orderId(), "4999.00");
        }
        assertThat(this.shop.payment.find(order.orderId())).get().extracting(PayLog::status)
            .isEqualTo(PayStatus.WAIT);
        assertThat(this.shop.payment.findAliPayLog(order.orderId())).isEmpty();
        assertThat(this.shop.events).isEmpty();
    }

    @Test
    void theSweepAsksAboutAnOrderPaidWithAnotherAmountHourlyNotEveryRound() {
        PayLog order = orderPaidAtAlipayWithOneFen();
        this.clock.advance(Duration.ofMinutes(31));
        assertThat(this.shop.payment.sweep(10).failed()).isEqualTo(1);
        try (CapturedLogs logs = CapturedLogs.of(OrderTransitions.class)) {
            this.clock.advance(Duration.ofMinutes(59));
            assertThat(this.shop.payment.sweep(10).overdue()).isZero();
            assertThat(logs.at(Level.ERROR)).isEmpty();

            this.clock.advance(Duration.ofMinutes(1));
            SweepReport again = this.shop.payment.sweep(10);
            assertThat(again.overdue()).isEqualTo(1);
            assertThat(again.failed()).isEqualTo(1);
            assertThat(logs.at(Level.ERROR)).singleElement().asString().contains(order.orderId());
        }
        assertThat(this.shop.payment.find(order.orderId())).get().extracting(PayLog::status)
            .isEqualTo(PayStatus.WAIT);
    }

    @Test
    void cancelOfAnOrderPaidWithAnotherAmountChangesNothingAndSaysSo() {
        PayLog order = orderPaidAtAlipayWithOneFen();
        try (CapturedLogs logs = CapturedLogs.of(OrderTransitions.class)) {
            assertThatExceptionOfType(PayException.class).isThrownBy(() -> this.shop.payment.cancel(order.orderId()))
                .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.THIRD_PARTY_ERROR))
                .withMessageContaining("total_amount 0.01").withMessageContaining("left unchanged");
            assertThat(logs.at(Level.ERROR)).hasSize(1);
        }
        assertThat(this.shop.payment.find(order.orderId())).get().extracting(PayLog::status)
            .isEqualTo(PayStatus.WAIT);
        assertThat(this.shop.events).isEmpty();
    }

    /** The shop's order of 4999.00 whose trade at "Alipay" was created, and paid, for 0.01 under the same id. */
    private PayLog orderPaidAtAlipayWithOneFen() {
        PayLog order = this.shop.payment.create("Laptop", new BigDecimal("4999.00"));
        try (PaymentFixture forger = PaymentFixture.start(sandbox, (config) -> config.notifyUrl(null))) {
            forger.payment.create("Laptop", new BigDecimal("0.01"), order.orderId());
            forger.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
        sandbox.pay(order.orderId());
        return order;
    }
}
