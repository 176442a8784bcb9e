package io.jitpay.alipay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.SweepReport;

/**
 * The sweep over the orders of one payment instance that are due for a check: waiting orders past their deadline, and
 * orders closed before Alipay knew their trade, once their deadline has passed. Each due order is claimed first (its
 * next check moves past a lease), so several instances sweeping at once handle each order once; no transaction is held
 * while Alipay is called. For each, Alipay is asked: a paid trade makes the order {@link PayStatus#SUCCESS}; otherwise a
 * waiting order is closed at Alipay and becomes {@link PayStatus#TIMEOUT}, and a closed one is settled. A failure
 * leaves the order due again at the next round; a payment of another amount, which no retry changes and a person must
 * look into, is asked about again (and logged again) an hour later.
 */
final class OrderSweep {

    /** When an order that Alipay reports paid with another amount is asked about again. */
    static final Duration AMOUNT_MISMATCH_RECHECK = Duration.ofHours(1);

    private static final Logger logger = LoggerFactory.getLogger(OrderSweep.class);

    private final String fullName;

    private final AliPayLogStore store;

    private final AliPayGateway gateway;

    private final OrderTransitions transitions;

    private final Duration lease;

    OrderSweep(String fullName, AliPayLogStore store, AliPayGateway gateway, OrderTransitions transitions,
            Duration lease) {
        this.fullName = fullName;
        this.store = store;
        this.gateway = gateway;
        this.transitions = transitions;
        this.lease = lease;
    }

    SweepReport sweep(int batchSize) {
        Instant now = this.transitions.now();
        List<PayLog> due = this.store.findDue(this.fullName, now, batchSize);
        int claimed = 0;
        int paid = 0;
        int timedOut = 0;
        int failed = 0;
        for (PayLog order : due) {
            Instant start = this.transitions.now();
            if (!this.store.claim(this.fullName, order.orderId(), start, start.plus(this.lease))) {
                continue;
            }
            claimed++;
            try {
                PayStatus status = settle(order);
                paid += (status == PayStatus.SUCCESS) ? 1 : 0;
                timedOut += (status == PayStatus.TIMEOUT) ? 1 : 0;
            }
            catch (AmountMismatch ex) {
                failed++;
                // OrderTransitions logged it at ERROR; asking every round would call Alipay and log it each time.
                releaseQuietly(order, start.plus(AMOUNT_MISMATCH_RECHECK));
            }
            catch (RuntimeException ex) {
                failed++;
                logger.warn("Sweeping order {} of {} failed; it is due again at the next round: {}", order.orderId(),
                        this.fullName, ex.toString());
                releaseQuietly(order, order.expiresAt());
            }
        }
        return new SweepReport(due.size(), claimed, paid, timedOut, failed);
    }

    /** Asks Alipay about one claimed order and settles it; returns its status afterwards. */
    private PayStatus settle(PayLog order) {
        Optional<AliPayLog> view = this.gateway.query(order.orderId());
        if (view.isPresent() && view.get().tradeStatus().isPaid()) {
            return applyOrFail(order, view.get()).status();
        }
        if (view.isEmpty() || view.get().tradeStatus() == AliPayStatus.WAIT_BUYER_PAY) {
            AliPayLog afterClose = this.gateway.closeOrQuery(order.orderId()).view();
            if (afterClose != null && afterClose.tradeStatus().isPaid()) {
                return applyOrFail(order, afterClose).status();
            }
        }
        if (order.status() != PayStatus.WAIT) {
            // A close Alipay did not know of, checked once its deadline passed: nothing can be paid any more.
            this.store.reschedule(this.fullName, order.orderId(), null);
            return order.status();
        }
        AliPayLog closed = view.map((trade) -> trade.withTradeStatus(AliPayStatus.TRADE_CLOSED,
                this.transitions.now())).orElse(null);
        return this.transitions.move(order, PayStatus.TIMEOUT, closed, null).status();
    }

    private PayLog applyOrFail(PayLog order, AliPayLog paid) {
        OrderTransitions.Result result = this.transitions.apply(order, paid);
        if (result.kind() == OrderTransitions.Kind.AMOUNT_MISMATCH) {
            throw new AmountMismatch();
        }
        return result.order();
    }

    /**
     * Gives up the claim: due again at {@code dueAt}. From its deadline, as before the claim, the next round finds it,
     * whatever its clock reads.
     */
    private void releaseQuietly(PayLog order, Instant dueAt) {
        try {
            this.store.reschedule(this.fullName, order.orderId(), dueAt);
        }
        catch (RuntimeException ex) {
            logger.debug("Could not release the sweeper's claim on order {}; it runs out by itself", order.orderId(),
                    ex);
        }
    }

    /** Alipay reports the order paid with another amount: nothing was changed, and a retry would not change that. */
    private static final class AmountMismatch extends RuntimeException {

        private static final long serialVersionUID = 1L;

        AmountMismatch() {
            super("Alipay reports a payment of another amount", null, false, false);
        }
    }
}
