package io.jitpay.alipay.autoconfigure;

import org.springframework.context.ApplicationEventPublisher;

import io.jitpay.pay.PayStatusChangedEvent;
import io.jitpay.pay.PayStatusListener;
import io.jitpay.pay.RefundStatusChangedEvent;
import io.jitpay.pay.RefundStatusListener;

/**
 * Publishes each {@link PayStatusChangedEvent} and {@link RefundStatusChangedEvent} as a Spring application event.
 * It is published synchronously, in the transaction of the change: an {@code @EventListener} that throws rolls the
 * change back (a notification then answers {@code failure} and Alipay delivers it again), and a
 * {@code @TransactionalEventListener} is called after the change commits. Add it (as a listener and a refund listener)
 * to an {@link io.jitpay.alipay.AliPayment} you build yourself to get the same events.
 *
 * @since 0.1.0
 */
public final class SpringPayStatusPublisher implements PayStatusListener, RefundStatusListener {

    private final ApplicationEventPublisher publisher;

    /**
     * Creates a publisher.
     * @param publisher where to publish, usually the application context
     */
    public SpringPayStatusPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void onPayStatusChanged(PayStatusChangedEvent event) {
        this.publisher.publishEvent(event);
    }

    @Override
    public void onRefundStatusChanged(RefundStatusChangedEvent event) {
        this.publisher.publishEvent(event);
    }
}
