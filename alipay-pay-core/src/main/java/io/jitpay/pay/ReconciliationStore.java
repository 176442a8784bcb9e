package io.jitpay.pay;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The read-only queries a reconciliation makes of the order and refund stores: the payments and refunds of a day,
 * and the orders and refunds a bill names. Every query but {@link #findOwners} is scoped to one payment instance. No
 * query changes anything, and none joins a caller's transaction.
 *
 * @since 0.1.0
 */
public interface ReconciliationStore {

    /**
     * The orders of an instance paid within a time range, by their payment time ({@link PayLog#paidAt()}).
     * @param fullName the instance
     * @param from     the start, inclusive
     * @param to       the end, exclusive
     * @return the orders, oldest payment first
     */
    List<PayLog> findPaid(String fullName, Instant from, Instant to);

    /**
     * The orders of an instance among some ids.
     * @param fullName the instance
     * @param orderIds the order ids; any number
     * @return the orders found, in no particular order; an id of another instance's order finds nothing
     */
    List<PayLog> findOrders(String fullName, Collection<String> orderIds);

    /**
     * Which instance owns each of some orders, whatever the instance: a bill lists the trades of every application of
     * the merchant.
     * @param orderIds the order ids; any number
     * @return the full name of the owner by order id, for the ids some instance has
     */
    Map<String, String> findOwners(Collection<String> orderIds);

    /**
     * The refunds of an instance that succeeded within a time range, by when the money went back
     * ({@link RefundLog#refundedAt()}).
     * @param fullName the instance
     * @param from     the start, inclusive
     * @param to       the end, exclusive
     * @return the refunds, oldest first
     */
    List<RefundLog> findRefunded(String fullName, Instant from, Instant to);

    /**
     * Every refund (whatever its status) of some orders of an instance.
     * @param fullName the instance
     * @param orderIds the order ids; any number
     * @return the refunds, oldest first
     */
    List<RefundLog> findRefundsOf(String fullName, Collection<String> orderIds);
}
