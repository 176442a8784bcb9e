package io.jitpay.alipay;

import java.time.Instant;

import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;

/**
 * Cancelling a waiting order: the trade is closed at Alipay first, and a trade that turns out paid is recorded as
 * paid and the cancel refused (money received is never ignored). A close of a trade Alipay did not know yet leaves the
 * order due for one more check at its deadline, since nothing says that Alipay then voids the QR code.
 */
final class Cancellations {

    private final Orders orders;

    private final AliPayGateway gateway;

    private final OrderTransitions transitions;

    Cancellations(Orders orders, AliPayGateway gateway, OrderTransitions transitions) {
        this.orders = orders;
        this.gateway = gateway;
        this.transitions = transitions;
    }

    PayLog cancel(String orderId) {
        PayLog order = this.orders.require(orderId);
        if (order.status() == PayStatus.SUCCESS) {
            throw paidCannotClose(order);
        }
        if (order.status() != PayStatus.WAIT) {
            return order;
        }
        AliPayGateway.Closing closing = closeAtAlipay(order);
        Instant recheck = (closing.outcome() == AliPayGateway.CloseOutcome.NOT_FOUND) ? order.expiresAt() : null;
        PayLog closed = this.transitions.move(order, PayStatus.CLOSE, null, recheck);
        if (closed.status() == PayStatus.SUCCESS) {
            throw paidCannotClose(closed);
        }
        return closed;
    }

    void cancelThird(String orderId) {
        closeAtAlipay(this.orders.require(orderId));
    }

    private AliPayGateway.Closing closeAtAlipay(PayLog order) {
        AliPayGateway.Closing closing = this.gateway.closeOrQuery(order.orderId());
        AliPayLog view = closing.view();
        if (view != null) {
            PayLog after = this.transitions.applyOrThrow(order, view);
            if (view.tradeStatus().isPaid()) {
                throw new PayException(PayErrorCode.ORDER_STATUS_ERROR, "Alipay reports order " + order.orderId()
                        + " paid (trade_no " + view.tradeNo() + "); it is recorded as " + after.status().code()
                        + ", refund it instead");
            }
        }
        return closing;
    }

    private static PayException paidCannotClose(PayLog order) {
        return new PayException(PayErrorCode.ORDER_STATUS_ERROR, "Order " + order.orderId()
                + " is paid and cannot be cancelled; refund it instead");
    }
}
