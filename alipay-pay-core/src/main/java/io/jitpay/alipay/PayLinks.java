package io.jitpay.alipay;

import org.jspecify.annotations.Nullable;

import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayType;
import io.jitpay.pay.PayUrl;

/**
 * What the buyer needs to pay a waiting order, one way of paying per {@link PayType}: a QR link from the gateway, or
 * a cashier request signed here. Each carries the order's stored deadline as {@code time_expire}.
 */
final class PayLinks {

    private final Orders orders;

    private final AliPayLogStore store;

    private final AliPayGateway gateway;

    PayLinks(Orders orders, AliPayLogStore store, AliPayGateway gateway) {
        this.orders = orders;
        this.store = store;
        this.gateway = gateway;
    }

    PayUrl payUrl(String orderId, @Nullable PayType payType) {
        if (payType == null) {
            throw new PayException(PayErrorCode.UNKNOWN_PAY_TYPE, "payType is missing; use PRE_PAY or WAP_PAY");
        }
        PayLog order = this.orders.require(orderId);
        if (!order.status().isPayable()) {
            throw new PayException(PayErrorCode.ORDER_STATUS_ERROR, "Order " + orderId + " is "
                    + order.status().code() + "; only a waiting order can be paid");
        }
        if (!this.orders.now().isBefore(order.expiresAt())) {
            throw new PayException(PayErrorCode.ORDER_STATUS_ERROR, "Order " + orderId + " expired at "
                    + order.expiresAt() + "; create a new order");
        }
        AliPayGateway.TradeOrder trade = new AliPayGateway.TradeOrder(order.orderId(), order.subject(),
                order.amount(), order.expiresAt());
        PayUrl payUrl = switch (payType) {
            case PRE_PAY -> new PayUrl(this.gateway.precreate(trade), null);
            case WAP_PAY -> this.gateway.wapPay(trade);
        };
        if (order.payType() != payType) {
            this.store.updatePayType(order.fullName(), orderId, payType, this.orders.now());
        }
        return payUrl;
    }
}
