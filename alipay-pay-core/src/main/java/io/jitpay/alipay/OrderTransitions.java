package io.jitpay.alipay;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jitpay.pay.NotifyRecord;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayStatusChangedEvent;
import io.jitpay.pay.PayStatusListener;

/**
 * The order state machine: the one place where an order's status changes. Every path that moves money state
 * (notifications, checks, cancels, the sweep) goes through {@link #apply}, {@link #settlePaid} or {@link #move}, so
 * each rule holds for all:
 *
 * <ul>
 * <li>Alipay's view is applied only when its {@code total_amount} equals the order's amount: a mismatch leaves the
 * order unchanged and is logged at ERROR.</li>
 * <li>The recorded view never moves backwards ({@link AliPayLog#supersedes}): a stale notification changes nothing.</li>
 * <li>A refund is never taken for an unpaid close, nor for a new payment.</li>
 * <li>Each change is one conditional update on the status read before it; a lost race re-reads and decides again, a
 * bounded number of times (a status changes at most WAIT, CLOSE, SUCCESS).</li>
 * <li>The view is recorded and the listeners are called in the transaction of the change, exactly once per change.</li>
 * </ul>
 *
 * <p>The most common change, a waiting order paid, is one step of the store ({@link #settlePaid}): the store applies it
 * only in the state where these rules call for it, and the report that paid is remembered, so that its repeated
 * delivery is known to change nothing ({@link #repeatsRecentPayment}).
 */
final class OrderTransitions {

    /** A status can change at most WAIT -> CLOSE -> SUCCESS, so a few re-reads always settle a lost race. */
    private static final int MAX_ATTEMPTS = 4;

    /** How many recent payments are remembered for {@link #repeatsRecentPayment}. */
    private static final int RECENTLY_PAID = 4096;

    private static final Logger logger = LoggerFactory.getLogger(OrderTransitions.class);

    private final AliPayLogStore store;

    private final List<PayStatusListener> listeners;

    private final Clock clock;

    /**
     * The reports that paid orders of this instance lately, by order id. SUCCESS is final and a recorded view never
     * moves back, so the same report delivered again changes nothing, and is known to without a read.
     */
    private final RecentPayments recentlyPaid = new RecentPayments(RECENTLY_PAID);

    OrderTransitions(AliPayLogStore store, List<PayStatusListener> listeners, Clock clock) {
        this.store = store;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    /**
     * Applies Alipay's view of a trade to an order: checks it, records it and moves the order when the view calls for
     * it.
     * @param observed the order as read before
     * @param view     Alipay's view
     * @return what happened, with the order afterwards
     */
    Result apply(PayLog observed, AliPayLog view) {
        return apply(observed, this.store.findAliPayLog(observed.fullName(), observed.orderId()).orElse(null), view);
    }

    /**
     * As {@link #apply(PayLog, AliPayLog)}, with the view recorded for the order read together with it.
     * @param observed the order as read before
     * @param recordedView the Alipay-side view recorded for it, or {@code null} for none
     * @param view     Alipay's view
     * @return what happened, with the order afterwards
     */
    Result apply(PayLog observed, @Nullable AliPayLog recordedView, AliPayLog view) {
        if (!sameAmount(observed, view)) {
            logger.error("Alipay reports total_amount {} ({}) for order {} of {}: not applied, the order is left {}; "
                    + "check the trade in the Alipay console", view.totalAmount(), view.tradeStatus(),
                    observed.orderId(), observed.amount(), observed.status());
            return new Result(Kind.AMOUNT_MISMATCH, observed);
        }
        Optional<AliPayLog> recorded = Optional.ofNullable(recordedView);
        if (recorded.isPresent() && !view.supersedes(recorded.get())) {
            return new Result(Kind.STALE, observed);
        }
        PayLog current = observed;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            PayStatus target = target(current.status(), view);
            if (target == null) {
                if (view.reportsRefund() && current.status() != PayStatus.SUCCESS) {
                    logger.error("Alipay reports order {} paid and refunded (refund_fee {}), but its payment was never "
                            + "recorded here; it stays {}: check the journal and the Alipay console",
                            current.orderId(), view.refundFee(), current.status());
                }
                if (recorded.isEmpty() || !recorded.get().sameStateAs(view)) {
                    this.store.saveAliPayLog(view);
                }
                return new Result(Kind.UNCHANGED, current);
            }
            Instant paidAt = (target == PayStatus.SUCCESS) ? Objects.requireNonNullElseGet(view.gmtPayment(),
                    this::now) : null;
            Optional<PayLog> changed = transition(current, target, view.tradeNo(), paidAt, null, view);
            if (changed.isPresent()) {
                rememberPayment(changed.get(), view);
                return new Result(Kind.CHANGED, changed.get());
            }
            current = reread(current);
        }
        throw new IllegalStateException("Order " + observed.orderId() + " kept changing while being updated");
    }

    /**
     * The common case of a notification in one step of the store, without reading the order first: a waiting order of
     * the view's amount, of which Alipay reported nothing beyond {@code WAIT_BUYER_PAY}, is paid. In that state
     * {@link #apply} would move it to SUCCESS and record the view, and so does the store's {@link PaidSettlement}; the
     * listeners are called in its transaction, as for every change.
     * @param fullName the instance that owns the order
     * @param orderId  the order id
     * @param view     Alipay's view, reporting a payment
     * @param journal  the journal record to write with the change, or {@code null}
     * @return the paid order, or empty when the order is in any other state: then read it and {@link #apply} the view
     */
    Optional<PayLog> settlePaid(String fullName, String orderId, AliPayLog view, @Nullable NotifyRecord journal) {
        if (!PaidSettlement.isFor(view)) {
            return Optional.empty();
        }
        Instant paidAt = Objects.requireNonNullElseGet(view.gmtPayment(), this::now);
        PaidSettlement settlement = new PaidSettlement(fullName, orderId, view, paidAt, now(), journal);
        Optional<PayLog> settled = this.store.settlePaid(settlement, (paid) -> {
            if (!sameAmount(paid, view) || target(PayStatus.WAIT, view) != PayStatus.SUCCESS) {
                throw new IllegalStateException("The store paid order " + orderId
                        + " against the state machine's rules");
            }
            publish(paid, PayStatus.WAIT);
        });
        settled.ifPresent((paid) -> rememberPayment(paid, view));
        return settled;
    }

    /**
     * Whether a view is the very report that paid an order of this instance lately (same trade, status and amount, no
     * refund): applying it again would change nothing, so it needs no read of the order. Another report, or one
     * that reaches another instance, takes the usual path.
     * @param orderId the order id
     * @param view    Alipay's view
     * @return {@code true} when the view repeats a recent payment
     */
    boolean repeatsRecentPayment(String orderId, AliPayLog view) {
        AliPayLog paid = this.recentlyPaid.get(orderId);
        return paid != null && !view.reportsRefund() && paid.sameStateAs(view) && paid.totalAmount() != null
                && view.totalAmount() != null && paid.totalAmount().compareTo(view.totalAmount()) == 0;
    }

    /** Remembers the report that paid an order, once its change is committed. */
    private void rememberPayment(PayLog order, AliPayLog view) {
        if (order.status() == PayStatus.SUCCESS && view.tradeStatus().isPaid() && !view.reportsRefund()
                && sameAmount(order, view)) {
            this.recentlyPaid.put(order.orderId(), view);
        }
    }

    /**
     * As {@link #apply}, for a caller that asked for Alipay's view and must hear when it cannot be applied.
     * @param observed the order as read before
     * @param view     Alipay's view
     * @return the order afterwards
     * @throws PayException {@link PayErrorCode#THIRD_PARTY_ERROR} when Alipay reports another amount
     */
    PayLog applyOrThrow(PayLog observed, AliPayLog view) {
        Result result = apply(observed, view);
        if (result.kind() == Kind.AMOUNT_MISMATCH) {
            throw new PayException(PayErrorCode.THIRD_PARTY_ERROR, "Alipay reports total_amount "
                    + view.totalAmount() + " for order " + observed.orderId() + " of " + observed.amount()
                    + "; the order is left unchanged");
        }
        return result.order();
    }

    /**
     * Moves a waiting order to a status of our own deciding (a cancel's {@link PayStatus#CLOSE}, a sweep's
     * {@link PayStatus#TIMEOUT}), re-reading after a lost race until it is no longer waiting.
     * @param observed    the order as read before
     * @param target      the new status
     * @param view        Alipay's view to record with the change, if any
     * @param nextCheckAt when the sweeper must check the order again, or {@code null} for never
     * @return the order afterwards: changed, or as another caller left it
     */
    PayLog move(PayLog observed, PayStatus target, @Nullable AliPayLog view, @Nullable Instant nextCheckAt) {
        PayLog current = observed;
        for (int attempt = 0; attempt < MAX_ATTEMPTS && current.status() == PayStatus.WAIT; attempt++) {
            Optional<PayLog> changed = transition(current, target, null, null, nextCheckAt, view);
            if (changed.isPresent()) {
                return changed.get();
            }
            current = reread(current);
        }
        if (current.status() == PayStatus.WAIT) {
            throw new IllegalStateException("Order " + observed.orderId() + " kept changing while being updated");
        }
        return current;
    }

    Instant now() {
        return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The status Alipay's view calls for, or {@code null} when it calls for none. */
    private static @Nullable PayStatus target(PayStatus local, AliPayLog view) {
        if (view.tradeStatus().isPaid() && local != PayStatus.SUCCESS) {
            return PayStatus.SUCCESS;
        }
        // A full refund also closes the trade: that is money returned, not an order that was never paid.
        if (view.tradeStatus() == AliPayStatus.TRADE_CLOSED && !view.reportsRefund() && local == PayStatus.WAIT) {
            return PayStatus.CLOSE;
        }
        return null;
    }

    private Optional<PayLog> transition(PayLog current, PayStatus target, @Nullable String tradeNo,
            @Nullable Instant paidAt, @Nullable Instant nextCheckAt, @Nullable AliPayLog view) {
        return this.store.transition(current, target, tradeNo, paidAt, nextCheckAt, now(), (changed) -> {
            if (view != null) {
                this.store.saveAliPayLog(view);
            }
            publish(changed, current.status());
        });
    }

    /** Calls the listeners of a change: in its transaction, so that a failing listener rolls it back. */
    private void publish(PayLog changed, PayStatus previous) {
        PayStatusChangedEvent event = new PayStatusChangedEvent(changed, previous);
        for (PayStatusListener listener : this.listeners) {
            listener.onPayStatusChanged(event);
        }
    }

    /** The rule every path shares: Alipay's view applies only to an order of exactly its {@code total_amount}. */
    private static boolean sameAmount(PayLog order, AliPayLog view) {
        return view.totalAmount() != null && view.totalAmount().compareTo(order.amount()) == 0;
    }

    private PayLog reread(PayLog order) {
        return this.store.find(order.fullName(), order.orderId()).orElseThrow(() -> new IllegalStateException(
                "Order " + order.orderId() + " disappeared while being updated"));
    }

    /** What applying a view did. */
    enum Kind {

        /** The order changed status; its listeners were called. */
        CHANGED,

        /** The view was recorded (when new), the order's status stays. */
        UNCHANGED,

        /** The view is older than the recorded one: nothing was recorded or changed. */
        STALE,

        /** The view's amount differs from the order's: nothing was recorded or changed. */
        AMOUNT_MISMATCH
    }

    /**
     * The outcome of {@link #apply}.
     * @param kind  what happened
     * @param order the order afterwards
     */
    record Result(Kind kind, PayLog order) {
    }
}
