package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jitpay.alipay.jdbc.JdbcPayLogStore;
import io.jitpay.alipay.jdbc.JdbcStoreSchema;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayStatusChangedEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state machine on its own, without a gateway: Alipay's views are built here and applied to orders in an H2
 * store, as notifications, checks, cancels and sweeps apply them.
 */
class OrderTransitionsTest {

    private static final AtomicInteger databases = new AtomicInteger();

    private static final Instant T0 = Instant.parse("2026-11-26T02:00:00Z");

    private JdbcConnectionPool pool;

    private JdbcPayLogStore store;

    private final List<PayStatusChangedEvent> events = new ArrayList<>();

    private OrderTransitions transitions;

    @BeforeEach
    void store() {
        this.pool = JdbcConnectionPool.create("jdbc:h2:mem:transitions" + databases.incrementAndGet()
                + ";DB_CLOSE_DELAY=-1", "sa", "");
        new JdbcStoreSchema(this.pool).initialize();
        this.store = new JdbcPayLogStore(this.pool);
        this.transitions = new OrderTransitions(this.store, List.of(this.events::add),
                Clock.fixed(T0.plusSeconds(600), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        this.pool.dispose();
    }

    @Test
    void aPaymentMakesAWaitingOrderPaidOnceRecordingTheView() {
        PayLog order = order("4999.00");
        OrderTransitions.Result result = this.transitions.apply(order, view(order, AliPayStatus.TRADE_SUCCESS,
                "4999.00", null, 60));
        assertThat(result.kind()).isEqualTo(OrderTransitions.Kind.CHANGED);
        assertThat(result.order().status()).isEqualTo(PayStatus.SUCCESS);
        assertThat(this.events).singleElement().satisfies((event) -> assertThat(event.isPaid()).isTrue());
        assertThat(this.transitions.apply(result.order(), view(order, AliPayStatus.TRADE_SUCCESS, "4999.00", null,
                60)).kind()).isEqualTo(OrderTransitions.Kind.UNCHANGED);
        assertThat(this.events).hasSize(1);
    }

    /** A 4999.00 order was once recorded paid from a 0.01 trade: no path may do that. */
    @Test
    void aViewOfAnotherAmountChangesNothingAndIsLoggedAtError() {
        PayLog order = order("4999.00");
        try (CapturedLogs logs = CapturedLogs.of(OrderTransitions.class)) {
            OrderTransitions.Result result = this.transitions.apply(order, view(order, AliPayStatus.TRADE_SUCCESS,
                    "0.01", null, 60));
            assertThat(result.kind()).isEqualTo(OrderTransitions.Kind.AMOUNT_MISMATCH);
            assertThat(logs.at(Level.ERROR)).singleElement().asString().contains("total_amount 0.01",
                    order.orderId(), "4999.00");
        }
        assertThat(this.store.find(order.fullName(), order.orderId())).contains(order);
        assertThat(this.store.findAliPayLog(order.fullName(), order.orderId())).isEmpty();
        assertThat(this.events).isEmpty();
        AliPayLog withoutAmount = new AliPayLog(order.orderId(), "T1", AliPayStatus.TRADE_SUCCESS, null, null, null,
                null, null, null, null, null, null, T0, T0);
        assertThat(this.transitions.apply(order, withoutAmount).kind())
            .isEqualTo(OrderTransitions.Kind.AMOUNT_MISMATCH);
    }

    @Test
    void aLateTradeSuccessNeverRewritesARecordedCloseOrFinish() {
        for (AliPayStatus terminal : new AliPayStatus[] { AliPayStatus.TRADE_CLOSED, AliPayStatus.TRADE_FINISHED }) {
            PayLog order = order("9.90");
            PayLog paid = this.transitions.apply(order, view(order, AliPayStatus.TRADE_SUCCESS, "9.90", null, 60))
                .order();
            String refund = (terminal == AliPayStatus.TRADE_CLOSED) ? "9.90" : null;
            this.transitions.apply(paid, view(order, terminal, "9.90", refund, 600));
            OrderTransitions.Result late = this.transitions.apply(paid, view(order, AliPayStatus.TRADE_SUCCESS, "9.90",
                    null, 61));
            assertThat(late.kind()).isEqualTo(OrderTransitions.Kind.STALE);
            assertThat(this.store.findAliPayLog(order.fullName(), order.orderId())).get()
                .extracting(AliPayLog::tradeStatus).isEqualTo(terminal);
        }
    }

    @Test
    void anEarlierReportOfTheSameStateIsStaleAndALargerRefundIsNot() {
        PayLog order = order("9.90");
        PayLog paid = this.transitions.apply(order, view(order, AliPayStatus.TRADE_SUCCESS, "9.90", null, 60))
            .order();
        assertThat(this.transitions.apply(paid, view(order, AliPayStatus.TRADE_SUCCESS, "9.90", "3.00", 300)).kind())
            .isEqualTo(OrderTransitions.Kind.UNCHANGED);
        assertThat(this.transitions.apply(paid, view(order, AliPayStatus.TRADE_SUCCESS, "9.90", "1.00", 400)).kind())
            .isEqualTo(OrderTransitions.Kind.STALE);
        assertThat(this.transitions.apply(paid, view(order, AliPayStatus.TRADE_SUCCESS, "9.90", "3.00", 200)).kind())
            .isEqualTo(OrderTransitions.Kind.STALE);
        assertThat(this.store.findAliPayLog(order.fullName(), order.orderId())).get()
            .satisfies((view) -> {
                assertThat(view.refundFee()).isEqualByComparingTo("3.00");
                assertThat(view.outBizNo()).isEqualTo("R" + order.orderId());
            });
    }

    /**
     * The payment's notification failed, then the merchant refunded it in full: the full refund closes the trade.
     * That is money returned, not an unpaid close; and the payment notification that arrives after it is stale, so
     * "paid" never fires for money that went back.
     */
    @Test
    void aFullRefundOfAnUnrecordedPaymentIsNeitherACloseNorAPayment() {
        PayLog order = order("9.90");
        try (CapturedLogs logs = CapturedLogs.of(OrderTransitions.class)) {
            OrderTransitions.Result refunded = this.transitions.apply(order, view(order, AliPayStatus.TRADE_CLOSED,
                    "9.90", "9.90", 900));
            assertThat(refunded.kind()).isEqualTo(OrderTransitions.Kind.UNCHANGED);
            assertThat(logs.at(Level.ERROR)).singleElement().asString().contains("paid and refunded",
                    order.orderId());
        }
        OrderTransitions.Result late = this.transitions.apply(order, view(order, AliPayStatus.TRADE_SUCCESS, "9.90",
                null, 60));
        assertThat(late.kind()).isEqualTo(OrderTransitions.Kind.STALE);
        assertThat(this.store.find(order.fullName(), order.orderId())).get().extracting(PayLog::status)
            .isEqualTo(PayStatus.WAIT);
        assertThat(this.events).isEmpty();
    }

    @Test
    void anUnpaidCloseClosesAWaitingOrderAndAPaymentAfterItStillCounts() {
        PayLog order = order("9.90");
        PayLog closed = this.transitions.move(order, PayStatus.CLOSE, null, order.expiresAt());
        assertThat(closed.status()).isEqualTo(PayStatus.CLOSE);
        OrderTransitions.Result paid = this.transitions.apply(closed, view(order, AliPayStatus.TRADE_SUCCESS, "9.90",
                null, 700));
        assertThat(paid.order().status()).isEqualTo(PayStatus.SUCCESS);
        assertThat(this.events).extracting((event) -> event.payLog().status()).containsExactly(PayStatus.CLOSE,
                PayStatus.SUCCESS);
    }

    @Test
    void moveOfAnOrderThatIsNoLongerWaitingReturnsItAsItIs() {
        PayLog order = order("9.90");
        PayLog paid = this.transitions.apply(order, view(order, AliPayStatus.TRADE_SUCCESS, "9.90", null, 60))
            .order();
        assertThat(this.transitions.move(order, PayStatus.TIMEOUT, null, null)).isEqualTo(paid);
        assertThat(this.events).hasSize(1);
    }

    private PayLog order(String amount) {
        PayLog order = new PayLog("T" + databases.get() + "_" + this.events.size() + "_" + System.nanoTime(),
                "pays.aliPayment", "Coffee", new BigDecimal(amount), PayStatus.WAIT, null, null, T0,
                T0.plusSeconds(1800), T0, null, PayLog.NOTHING_REFUNDED);
        this.store.insert(order);
        return order;
    }

    private static AliPayLog view(PayLog order, AliPayStatus status, String total, @Nullable String refund,
            long at) {
        Instant reported = T0.plusSeconds(at);
        return new AliPayLog(order.orderId(), "2026112622001" + order.orderId().length(), status,
                new BigDecimal(total), new BigDecimal(total), new BigDecimal(total), "buy***@example.com",
                "2088000000000002", T0.plusSeconds(30), (refund != null) ? new BigDecimal(refund) : null,
                (refund != null) ? reported : null, (refund != null) ? "R" + order.orderId() : null, reported, reported);
    }
}
