package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jitpay.alipay.AliPayGateway.RefundAnswer;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.RefundLog;
import io.jitpay.pay.RefundLogStore;
import io.jitpay.pay.RefundSweepReport;
import io.jitpay.pay.RefundStatus;
import io.jitpay.pay.RefundStatusChangedEvent;
import io.jitpay.pay.RefundStatusListener;

/**
 * The refund ledger of one payment instance: the one place where a refund's status changes. Every refund is recorded
 * before Alipay is called (under the store's over-refund guard), and its id is sent as {@code out_request_no}, so a
 * request that is sent again, by a retry, a second operator or the sweeper, is the same refund and never a second one.
 *
 * <ul>
 * <li>Only {@code fund_change=Y}, or a query that says {@code REFUND_SUCCESS}, makes a refund
 * {@link RefundStatus#SUCCESS}; {@code fund_change=N} is confirmed by a query first.</li>
 * <li>A signed business refusal makes it {@link RefundStatus#FAILED}, freeing its amount; anything that leaves the
 * outcome open (a timeout, a system error, an unsigned answer) leaves it {@link RefundStatus#PROCESSING}, and the
 * sweeper asks Alipay later, sending it again with the same number and amount when Alipay never received it.</li>
 * <li>Requests for one trade are at least the configured interval apart; a query waits the configured delay.</li>
 * <li>Refund notifications confirm the refund they name; one nobody requested here (made in the merchant console) is
 * recorded as it is, so that the refunded total stays true to the money.</li>
 * <li>{@link RefundStatusChangedEvent} fires once per transition into SUCCESS or FAILED, in its transaction.</li>
 * </ul>
 */
final class RefundLedger {

    private static final Logger logger = LoggerFactory.getLogger(RefundLedger.class);

    private final Orders orders;

    private final RefundLogStore store;

    private final AliPayGateway gateway;

    private final List<RefundStatusListener> listeners;

    private final AliPayConfig.Refunds settings;

    private final Clock clock;

    private final OrderIdGenerator ids;

    RefundLedger(Orders orders, RefundLogStore store, AliPayGateway gateway, List<RefundStatusListener> listeners,
            AliPayConfig.Refunds settings, Clock clock) {
        this.orders = orders;
        this.store = store;
        this.gateway = gateway;
        this.listeners = List.copyOf(listeners);
        this.settings = settings;
        this.clock = clock;
        this.ids = new OrderIdGenerator(clock, "R");
    }

    RefundLog refund(String orderId, RefundRequest request) {
        PayLog order = this.orders.require(orderId);
        if (request.refundId() != null) {
            Optional<RefundLog> existing = this.store.find(order.fullName(), request.refundId());
            if (existing.isPresent()) {
                return again(existing.get(), order, request);
            }
        }
        if (order.status() != PayStatus.SUCCESS) {
            throw new PayException(PayErrorCode.ORDER_STATUS_ERROR, "Order " + orderId + " is "
                    + order.status().code() + "; only a paid order can be refunded");
        }
        Instant now = this.orders.now();
        String refundId = (request.refundId() != null) ? request.refundId() : this.ids.next();
        RefundLog refund = new RefundLog(refundId, orderId, order.fullName(), request.amount(), request.reason(),
                RefundStatus.PROCESSING, now, now, null, null, null, null);
        try {
            this.store.insert(refund, now.plus(this.settings.queryDelay()), (inserted) -> {
            });
        }
        catch (PayException ex) {
            if (ex.code() != PayErrorCode.ORDER_EXISTS_ERROR || request.refundId() == null) {
                throw ex;
            }
            // Another caller recorded the same id a moment ago: it is the same refund.
            return again(require(order.fullName(), refundId), order, request);
        }
        return send(refund, true);
    }

    /** A refund id seen before: the same refund if it is for the same order and amount. */
    private RefundLog again(RefundLog existing, PayLog order, RefundRequest request) {
        if (!existing.orderId().equals(order.orderId()) || existing.amount().compareTo(request.amount()) != 0) {
            throw new PayException(PayErrorCode.INVALID_PARAM_ERROR, "Refund " + existing.refundId() + " is a refund "
                    + "of " + existing.amount() + " for order " + existing.orderId() + "; use another refund id for "
                    + "another refund");
        }
        return switch (existing.status()) {
            case SUCCESS -> existing;
            case PROCESSING -> send(existing, true);
            case FAILED -> {
                RefundLog retried = existing.withStatus(RefundStatus.PROCESSING, null, null, null, null,
                        this.orders.now());
                Optional<RefundLog> processing = this.store.transition(existing, retried,
                        retried.updatedAt().plus(this.settings.queryDelay()), (changed) -> {
                        });
                yield send(processing.orElseGet(() -> require(existing.fullName(), existing.refundId())), true);
            }
        };
    }

    RefundLog check(String refundId) {
        RefundLog refund = require(this.orders.fullName(), refundId);
        if (refund.status() != RefundStatus.PROCESSING
                || this.orders.now().isBefore(refund.updatedAt().plus(this.settings.queryDelay()))) {
            // Too soon to ask: Alipay may not know the request yet, and "not received" would be wrong.
            return refund;
        }
        return confirm(refund);
    }

    Optional<RefundLog> find(String refundId) {
        return this.store.find(this.orders.fullName(), refundId);
    }

    List<RefundLog> findByOrder(String orderId) {
        return this.store.findByOrder(this.orders.fullName(), orderId);
    }

    /** Asks Alipay about a processing refund: confirms it, or sends it again when Alipay never received it. */
    private RefundLog confirm(RefundLog refund) {
        RefundAnswer answer = this.gateway.queryRefund(refund.orderId(), refund.refundId(), refund.amount());
        return switch (answer.kind()) {
            case REFUNDED -> succeed(refund, answer.refundedAt());
            case NOT_RECEIVED -> send(refund, false);
            default -> {
                this.store.reschedule(refund.fullName(), refund.refundId(),
                        this.orders.now().plus(this.settings.queryDelay()));
                yield refund;
            }
        };
    }

    /** Sends a processing refund with its own number and amount, after the trade's previous request by the interval. */
    private RefundLog send(RefundLog refund, boolean throwOnRefusal) {
        waitUntil(this.store.takeSendSlot(refund.fullName(), refund.orderId(), this.orders.now(),
                this.settings.interval()));
        RefundAnswer answer = this.gateway.refund(new AliPayGateway.RefundOrder(refund.orderId(), refund.refundId(),
                refund.amount(), refund.reason()));
        // A refund that stays processing is confirmed a query delay after this request, not after its insert (the
        // send slot may have made it wait); one that succeeds or fails here is settled and needs no confirmation.
        return switch (answer.kind()) {
            case REFUNDED -> succeed(refund, answer.refundedAt());
            case NO_FUND_CHANGE -> {
                // Seen before: only a query tells whether that earlier request moved the money.
                RefundAnswer query = this.gateway.queryRefund(refund.orderId(), refund.refundId(), refund.amount());
                yield (query.kind() == RefundAnswer.Kind.REFUNDED) ? succeed(refund, query.refundedAt())
                        : confirmLater(refund);
            }
            case REFUSED -> {
                RefundLog failed = fail(refund, answer);
                if (throwOnRefusal) {
                    throw PayException.gateway("alipay.trade.refund", answer.code(), answer.subCode(),
                            answer.subMsg());
                }
                yield failed;
            }
            case NOT_RECEIVED, UNKNOWN -> {
                logger.warn("Refund {} of order {}: outcome unknown ({}); it stays processing and is confirmed later",
                        refund.refundId(), refund.orderId(), describe(answer));
                yield confirmLater(refund);
            }
        };
    }

    /** A processing refund just sent: due for confirmation a query delay from now. */
    private RefundLog confirmLater(RefundLog refund) {
        this.store.reschedule(refund.fullName(), refund.refundId(), this.orders.now().plus(this.settings.queryDelay()));
        return refund;
    }

    /**
     * A refund notification: confirms the refund it names ({@code out_biz_no}); records one nobody requested here;
     * returns whether it changed a refund.
     */
    boolean onNotification(PayLog order, AliPayNotification notification) {
        if (order.status() != PayStatus.SUCCESS) {
            return false;
        }
        String refundId = notification.outBizNo();
        boolean changed = false;
        Optional<RefundLog> known = (refundId != null) ? this.store.find(order.fullName(), refundId) : Optional.empty();
        if (known.isPresent()) {
            if (known.get().status() == RefundStatus.PROCESSING) {
                changed = succeed(known.get(), notification.gmtRefund()).status() == RefundStatus.SUCCESS;
            }
        }
        else {
            changed = recordExternal(order, refundId, notification);
        }
        checkTotal(order, notification);
        return changed;
    }

    RefundSweepReport sweep(int batchSize) {
        Instant now = this.orders.now();
        List<RefundLog> due = this.store.findDue(this.orders.fullName(), now, batchSize);
        int claimed = 0;
        int succeeded = 0;
        int failed = 0;
        for (RefundLog refund : due) {
            Instant start = this.orders.now();
            if (!this.store.claim(refund.fullName(), refund.refundId(), start, start.plus(lease()))) {
                continue;
            }
            claimed++;
            try {
                RefundStatus status = confirm(refund).status();
                succeeded += (status == RefundStatus.SUCCESS) ? 1 : 0;
                failed += (status == RefundStatus.FAILED) ? 1 : 0;
            }
            catch (RuntimeException ex) {
                logger.warn("Confirming refund {} failed; it is due again later: {}", refund.refundId(), ex.toString());
                this.store.reschedule(refund.fullName(), refund.refundId(), start);
            }
        }
        int stuck = this.store.countProcessingSince(this.orders.fullName(),
                now.minus(this.settings.processingLimit()));
        if (stuck > 0) {
            logger.error("{} refunds of {} have been processing for more than {}: look them up in the Alipay console",
                    stuck, this.orders.fullName(), this.settings.processingLimit());
        }
        return new RefundSweepReport(due.size(), claimed, succeeded, failed, stuck);
    }

    private RefundLog succeed(RefundLog refund, @Nullable Instant refundedAt) {
        RefundLog next = refund.withStatus(RefundStatus.SUCCESS,
                Objects.requireNonNullElseGet(refundedAt, this.orders::now), null, null, null, this.orders.now());
        return transition(refund, next);
    }

    private RefundLog fail(RefundLog refund, RefundAnswer answer) {
        logger.warn("Alipay refused refund {} of order {}: {}", refund.refundId(), refund.orderId(), describe(answer));
        return transition(refund, refund.withStatus(RefundStatus.FAILED, null, answer.code(), answer.subCode(),
                answer.subMsg(), this.orders.now()));
    }

    private RefundLog transition(RefundLog current, RefundLog next) {
        return this.store.transition(current, next, null, (changed) -> publish(changed, current.status()))
            .orElseGet(() -> require(current.fullName(), current.refundId()));
    }

    /** A refund made outside this service: its amount is what Alipay's total adds to ours. */
    private boolean recordExternal(PayLog order, @Nullable String refundId, AliPayNotification notification) {
        BigDecimal total = notification.refundFee();
        if (refundId == null || total == null) {
            return false;
        }
        BigDecimal ours = this.orders.require(order.orderId()).refundedAmount();
        BigDecimal amount = total.subtract(ours);
        if (amount.signum() <= 0) {
            return false;
        }
        Instant now = this.orders.now();
        Instant refundedAt = Objects.requireNonNullElse(notification.gmtRefund(), now);
        RefundLog refund = new RefundLog(refundId, order.orderId(), order.fullName(), amount, null,
                RefundStatus.SUCCESS, now, now, refundedAt, null, null, null);
        try {
            this.store.insert(refund, null, (inserted) -> publish(inserted, null));
        }
        catch (PayException ex) {
            if (ex.code() == PayErrorCode.ORDER_EXISTS_ERROR) {
                return false;
            }
            throw ex;
        }
        logger.warn("Alipay reports refund {} of {} for order {} that was not requested here (the merchant console?); "
                + "recorded as refunded", refundId, amount, order.orderId());
        return true;
    }

    /** An in-store payment's cancel refunded a payment made at the last moment: the whole amount went back. */
    void recordCancelRefund(PayLog order) {
        Instant now = this.orders.now();
        RefundLog refund = new RefundLog(order.orderId() + "-cancel", order.orderId(), order.fullName(),
                order.amount(), "in-store payment cancelled", RefundStatus.SUCCESS, now, now, now, null, null, null);
        try {
            this.store.insert(refund, null, (inserted) -> publish(inserted, null));
        }
        catch (PayException ex) {
            if (ex.code() != PayErrorCode.ORDER_EXISTS_ERROR) {
                throw ex;
            }
        }
    }

    private void checkTotal(PayLog order, AliPayNotification notification) {
        BigDecimal total = notification.refundFee();
        BigDecimal ours = this.orders.require(order.orderId()).refundedAmount();
        if (total != null && total.compareTo(ours) != 0) {
            logger.error("Alipay reports {} refunded on order {}, the ledger {}: a refund is missing or unconfirmed "
                    + "here; check the order's refunds", total, order.orderId(), ours);
        }
    }

    private void publish(RefundLog refund, @Nullable RefundStatus previous) {
        if (refund.status() == RefundStatus.PROCESSING) {
            return;
        }
        RefundStatusChangedEvent event = new RefundStatusChangedEvent(refund, previous);
        for (RefundStatusListener listener : this.listeners) {
            listener.onRefundStatusChanged(event);
        }
    }

    private RefundLog require(String fullName, String refundId) {
        return this.store.find(fullName, refundId).orElseThrow(() -> new PayException(
                PayErrorCode.INVALID_PARAM_ERROR, "There is no refund " + refundId));
    }

    /** Long enough for a refund's calls: a send and a query, each bounded by the timeouts, and the pacing. */
    private Duration lease() {
        return this.settings.interval().plus(Duration.ofMinutes(2));
    }

    private void waitUntil(Instant slot) {
        long millis = Duration.between(this.clock.instant(), slot).toMillis();
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(Math.min(millis, this.settings.interval().toMillis()));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new PayException(PayErrorCode.THIRD_PARTY_ERROR, "Interrupted while pacing a refund request", ex);
        }
    }

    private static String describe(RefundAnswer answer) {
        return "code=" + answer.code() + ", sub_code=" + answer.subCode() + ", sub_msg=" + answer.subMsg();
    }
}
