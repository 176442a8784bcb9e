package io.jitpay.alipay;

import java.util.Optional;

import io.jitpay.pay.PayLogStore;

/**
 * The order store of {@link AliPayment}: orders plus the latest Alipay-side view of each. When called inside
 * {@link PayLogStore#transition transition}'s callback, {@link #saveAliPayLog} must join the transition's transaction.
 *
 * @since 0.1.0
 */
public interface AliPayLogStore extends PayLogStore {

    /**
     * Records the Alipay-side view of an order, replacing the previous one. The caller decides that it
     * {@linkplain AliPayLog#supersedes supersedes} the recorded one.
     * @param aliPayLog the view
     */
    void saveAliPayLog(AliPayLog aliPayLog);

    /**
     * Finds the recorded Alipay-side view of an order of a payment instance.
     * @param fullName the instance
     * @param orderId  the order id
     * @return the view, or empty when Alipay has not reported the trade yet or another instance owns the order
     */
    Optional<AliPayLog> findAliPayLog(String fullName, String orderId);

    /**
     * Which payment instance owns an order: for one notification endpoint that serves several instances.
     * @param orderId the order id
     * @return the owner's full name, or empty when no instance has such an order
     */
    Optional<String> findOwner(String orderId);
}
