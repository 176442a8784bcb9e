package io.jitpay.pay;

/**
 * Business code that reacts to a refund's outcome, for example restocking the goods or telling customer service. It
 * runs synchronously, in the transaction of the change: if it throws, the change is rolled back.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RefundStatusListener {

    /**
     * Called once per transition into {@link RefundStatus#SUCCESS} or {@link RefundStatus#FAILED}.
     * @param event the change
     */
    void onRefundStatusChanged(RefundStatusChangedEvent event);
}
