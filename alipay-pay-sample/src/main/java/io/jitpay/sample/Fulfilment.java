package io.jitpay.sample;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.jitpay.pay.PayStatusChangedEvent;

/**
 * The shop's reaction to a payment, as a user's code would do it: mark the shop order fulfilled. It runs in the
 * payment's transaction, so the order is paid and fulfilled together or not at all.
 */
@Component
class Fulfilment {

    private static final Logger logger = LoggerFactory.getLogger(Fulfilment.class);

    private final ShopOrders orders;

    Fulfilment(ShopOrders orders) {
        this.orders = orders;
    }

    @EventListener
    void onPayment(PayStatusChangedEvent event) {
        if (event.isPaid() && this.orders.fulfil(event.payLog().orderId(), Instant.now())) {
            logger.info("Order {} paid ({} yuan, trade {}): fulfilled", event.payLog().orderId(),
                    event.payLog().amount(), event.payLog().tradeNo());
        }
    }
}
