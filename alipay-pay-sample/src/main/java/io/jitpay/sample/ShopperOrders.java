package io.jitpay.sample;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.jitpay.alipay.AliPayment;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;

/**
 * The orders of the browser session at hand, each with its payment: what every page that shows or acts on an order
 * goes through. Another session's order is as absent as an unknown one, so that the answer does not tell whether the
 * order exists.
 */
@Component
class ShopperOrders {

    private final ShopOrders orders;

    private final SessionOrders session;

    private final ShopPayments payments;

    ShopperOrders(ShopOrders orders, SessionOrders session, ShopPayments payments) {
        this.orders = orders;
        this.session = session;
        this.payments = payments;
    }

    /** Records a new order as this session's. */
    void add(ShopOrder order) {
        this.orders.insert(order);
        this.session.add(order.id());
    }

    /** The order, when it was placed in this session. */
    Optional<ShopOrder> find(String id) {
        return this.session.contains(id) ? this.orders.find(id) : Optional.empty();
    }

    /**
     * The order, when it was placed in this session.
     * @throws PayException {@link PayErrorCode#ORDER_NOT_EXIST_ERROR} otherwise, as for an unknown order
     */
    ShopOrder require(String id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    /** The newest orders of this session, newest first. */
    List<ShopOrder> latest(int limit) {
        return this.orders.latest(this.session.ids(), limit);
    }

    /** The payment that takes an order. */
    AliPayment paymentOf(ShopOrder order) {
        return this.payments.of(order);
    }

    /** The payment's record of an order: its status, trade and refunds. */
    PayLog payLog(ShopOrder order) {
        return paymentOf(order).find(order.id()).orElseThrow(() -> notFound(order.id()));
    }

    static PayException notFound(String id) {
        return new PayException(PayErrorCode.ORDER_NOT_EXIST_ERROR,
                "There is no order " + id + " among the orders placed in this browser");
    }
}
