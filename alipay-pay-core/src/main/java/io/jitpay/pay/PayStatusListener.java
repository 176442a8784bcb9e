package io.jitpay.pay;

/**
 * Business code that reacts to an order's status change, for example fulfilling a shop order once paid.
 *
 * <p>It runs synchronously, in the transaction of the transition. If it throws, the transition is rolled back: a
 * notification then answers {@code failure} so Alipay delivers it again (at-least-once for business code,
 * exactly-once for the stored state).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PayStatusListener {

    /**
     * Called once per real transition.
     * @param event the change
     */
    void onPayStatusChanged(PayStatusChangedEvent event);
}
