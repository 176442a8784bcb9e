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
        if (payType == null || payType == PayType.BARCODE_PAY) {
            throw new PayException(PayErrorCode.UNKNOWN_PAY_TYPE, "payType " + payType + " has no pay link; use "
                    + "PRE_PAY, WAP_PAY, PAGE_PAY or APP_PAY, or barcodePay(orderId, authCode) in store");
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
            case PRE_PAY -> PayUrl.link(this.gateway.precreate(trade));
            case WAP_PAY -> this.gateway.wapPay(trade);
            case PAGE_PAY -> this.gateway.pagePay(trade);
            case APP_PAY -> PayUrl.forApp(this.gateway.appPay(trade));
            case BARCODE_PAY -> throw new IllegalStateException("refused above");
        };
        if (order.payType() != payType) {
            this.store.updatePayType(order.fullName(), orderId, payType, this.orders.now());
        }
        return payUrl;
    }
}
