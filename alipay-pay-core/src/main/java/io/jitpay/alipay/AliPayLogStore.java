package io.jitpay.alipay;

import java.util.Optional;
import java.util.function.Consumer;

import io.jitpay.pay.NotifyJournal;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayLogStore;

/**
 * The order store of {@link AliPayment}: orders plus the latest Alipay-side view of each. When called inside
 * {@link PayLogStore#transition transition}'s callback, {@link #saveAliPayLog} must join the transition's transaction.
 *
 * @since 0.1.0
 */
public interface AliPayLogStore extends PayLogStore {

    /**
     * Records the Alipay-side view of an order, replacing the previous one only when it
     * {@linkplain AliPayLog#supersedes supersedes} it: the caller checks that against the view it read, and the store
     * checks it again as it writes, so that a report racing with a newer one never moves the recorded view back.
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

    /**
     * Finds an order of a payment instance with its recorded Alipay-side view. A store that can should read both in
     * one statement: every notification starts here when it is not the common case of {@link #settlePaid}.
     * @param fullName the instance
     * @param orderId  the order id
     * @return the order and its view, or empty when there is no such order or another instance owns it
     */
    default Optional<RecordedOrder> findWithView(String fullName, String orderId) {
        return find(fullName, orderId).map((order) -> new RecordedOrder(order,
                findAliPayLog(fullName, orderId).orElse(null)));
    }

    /**
     * Moves a waiting order to SUCCESS in one step, without reading it first, when it is exactly in the state that
     * {@link PaidSettlement} describes: records the view and, when given, the journal record, runs
     * {@code inTransaction} with the changed order, and commits them together (a throwing callback rolls all back).
     * When the order is in any other state, or is not there, nothing is written and the result is empty: the caller
     * then reads the order and decides as usual. The default has no one-step path and always answers empty.
     * @param settlement    the change
     * @param inTransaction work that must commit or roll back with the change, given the changed order
     * @return the changed order, or empty when nothing was changed
     */
    default Optional<PayLog> settlePaid(PaidSettlement settlement, Consumer<PayLog> inTransaction) {
        return Optional.empty();
    }

    /**
     * Whether {@link #settlePaid} writes its journal record to the journal that {@code journal} reads, in the change's
     * transaction. When not, the caller journals the notification on its own.
     * @param journal the notification journal in use
     * @return {@code true} when the journal record may be handed to {@link #settlePaid}
     */
    default boolean journalsFor(NotifyJournal journal) {
        return false;
    }
}
