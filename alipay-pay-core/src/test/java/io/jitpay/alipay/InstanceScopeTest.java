package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Duration;

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
 * Several payment instances on one store: each sees and changes only its own orders (those stored with its full
 * name), and an order's deadline is the one fixed when it was created, whatever the sweeping instance's configuration.
 */
class InstanceScopeTest {

    @RegisterExtension
    static final AliPaySandboxExtension sandboxes = new AliPaySandboxExtension();

    private final AliPaySandbox sandbox = sandboxes.get();

    private JdbcConnectionPool database;

    private ReliabilityContractTest.MovableClock clock;

    private PaymentFixture shopA;

    private PaymentFixture shopB;

    @BeforeEach
    void twoInstancesOnOneDatabase() throws Exception {
        this.database = JdbcConnectionPool.create("jdbc:h2:mem:scope" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
        this.clock = new ReliabilityContractTest.MovableClock();
        this.shopA = PaymentFixture.start(sandbox, this.database, (config) -> config.name("shopA").notifyUrl(null),
                this.clock);
        this.shopB = PaymentFixture.start(sandbox, this.database, (config) -> config.name("shopB").notifyUrl(null),
                this.clock);
    }

    @AfterEach
    void close() {
        this.shopA.close();
        this.shopB.close();
        this.database.dispose();
    }

    @Test
    void anotherInstancesOrderIsNotFoundAndCannotBeCancelledThroughThisOne() {
        PayLog theirs = qrOrder(this.shopB);
        sandbox.scan(theirs.orderId());
        assertThat(this.shopA.payment.find(theirs.orderId())).isEmpty();
        for (Runnable call : new Runnable[] { () -> this.shopA.payment.cancel(theirs.orderId()),
            () -> this.shopA.payment.cancelThird(theirs.orderId()), () -> this.shopA.payment.check(theirs.orderId()),
            () -> this.shopA.payment.getPayUrl(theirs.orderId(), PayType.PRE_PAY) }) {
            assertThatExceptionOfType(PayException.class).isThrownBy(call::run)
                .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.ORDER_NOT_EXIST_ERROR));
        }
        assertThat(sandbox.calls("alipay.trade.close", theirs.orderId())).isZero();
        assertThat(sandbox.trade(theirs.orderId())).get().extracting((trade) -> trade.status())
            .isEqualTo("WAIT_BUYER_PAY");
        assertThat(this.shopB.payment.find(theirs.orderId())).get().extracting(PayLog::status)
            .isEqualTo(PayStatus.WAIT);
    }

    @Test
    void aSweepTouchesOnlyItsOwnInstancesOrders() {
        PayLog mine = qrOrder(this.shopA);
        PayLog theirs = qrOrder(this.shopB);
        this.clock.advance(Duration.ofMinutes(31));
        SweepReport report = this.shopA.payment.sweep(100);
        assertThat(report.claimed()).isEqualTo(1);
        assertThat(this.shopA.payment.find(mine.orderId())).get().extracting(PayLog::status)
            .isEqualTo(PayStatus.TIMEOUT);
        assertThat(this.shopB.payment.find(theirs.orderId())).get().extracting(PayLog::status)
            .isEqualTo(PayStatus.WAIT);
        assertThat(sandbox.calls("alipay.trade.query", theirs.orderId())).isZero();
        assertThat(sandbox.calls("alipay.trade.close", theirs.orderId())).isZero();
        assertThat(this.shopB.events).isEmpty();
    }

    /**
     * An order created with a 2-hour timeout is payable at Alipay for 2 hours: an instance started later with a
     * 30-minute timeout (a changed setting, a rolling deploy) must not time it out after 30 minutes.
     */
    @Test
    void anOrderIsDueAtTheDeadlineItWasCreatedWithNotAtTheSweepersTimeout() throws Exception {
        try (PaymentFixture longOrders = PaymentFixture.start(sandbox, this.database,
                (config) -> config.name("shopA").notifyUrl(null).orderTimeout(Duration.ofHours(2)), this.clock)) {
            PayLog order = qrOrder(longOrders);
            assertThat(order.expiresAt()).isEqualTo(order.createdAt().plus(Duration.ofHours(2))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            this.clock.advance(Duration.ofHours(1));
            assertThat(this.shopA.payment.sweep(100).claimed()).isZero();
            assertThat(this.shopA.payment.find(order.orderId())).get().extracting(PayLog::status)
                .isEqualTo(PayStatus.WAIT);
            assertThat(sandbox.calls("alipay.trade.query", order.orderId())).isZero();
            this.clock.advance(Duration.ofMinutes(61));
            assertThat(this.shopA.payment.sweep(100).timedOut()).isEqualTo(1);
        }
    }

    @Test
    void anOrderIdIsUniqueAcrossInstances() {
        PayLog theirs = this.shopB.payment.create("Coffee", new BigDecimal("1.00"), "SHARED_1");
        assertThatExceptionOfType(PayException.class)
            .isThrownBy(() -> this.shopA.payment.create("Tea", new BigDecimal("2.00"), "SHARED_1"))
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.ORDER_EXISTS_ERROR));
        assertThat(this.shopB.payment.find("SHARED_1")).contains(theirs);
        assertThat(this.shopA.payment.find("SHARED_1")).isEmpty();
    }

    private static PayLog qrOrder(PaymentFixture shop) {
        PayLog order = shop.payment.create("Coffee", new BigDecimal("9.90"));
        shop.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        return order;
    }
}
