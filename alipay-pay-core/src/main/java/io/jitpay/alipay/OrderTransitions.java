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

import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayStatusChangedEvent;
import io.jitpay.pay.PayStatusListener;

/**
 * The order state machine: the one place where an order's status changes. Every path that moves money state
 * (notifications, checks, cancels, the sweep) goes through {@link #apply} or {@link #move}, so each rule holds for all:
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
 */
final class OrderTransitions {

    /** A status can change at most WAIT -> CLOSE -> SUCCESS, so a few re-reads always settle a lost race. */
    private static final int MAX_ATTEMPTS = 4;

    private static final Logger logger = LoggerFactory.getLogger(OrderTransitions.class);

    private final AliPayLogStore store;

    private final List<PayStatusListener> listeners;

    private final Clock clock;

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
        if (view.totalAmount() == null || view.totalAmount().compareTo(observed.amount()) != 0) {
            logger.error("Alipay reports total_amount {} ({}) for order {} of {}: not applied, the order is left {}; "
                    + "check the trade in the Alipay console", view.totalAmount(), view.tradeStatus(),
                    observed.orderId(), observed.amount(), observed.status());
            return new Result(Kind.AMOUNT_MISMATCH, observed);
        }
        Optional<AliPayLog> recorded = this.store.findAliPayLog(observed.fullName(), observed.orderId());
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
                return new Result(Kind.CHANGED, changed.get());
            }
            current = reread(current);
        }
        throw new IllegalStateException("Order " + observed.orderId() + " kept changing while being updated");
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
            PayStatusChangedEvent event = new PayStatusChangedEvent(changed, current.status());
            for (PayStatusListener listener : this.listeners) {
                listener.onPayStatusChanged(event);
            }
        });
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
