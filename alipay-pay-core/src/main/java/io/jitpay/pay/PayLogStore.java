package io.jitpay.pay;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Where orders are kept. Every status change is a conditional update on the status the caller observed, so that of
 * several concurrent callers exactly one wins.
 */
public interface PayLogStore {

    /**
     * Stores a new order.
     * @param payLog the order
     * @throws PayException {@link PayErrorCode#ORDER_EXISTS_ERROR} when an order with the same id exists
     */
    void insert(PayLog payLog);

    /**
     * Finds an order.
     * @param orderId the order id
     * @return the order, or empty
     */
    Optional<PayLog> find(String orderId);

    /**
     * Records the pay type of a waiting order.
     * @param orderId the order id
     * @param payType the pay type
     * @param at      the time of the change
     * @return whether a waiting order was updated
     */
    boolean updatePayType(String orderId, PayType payType, Instant at);

    /**
     * Moves an order from the status the caller observed to another, if nobody else changed it first. When the change
     * wins, {@code inTransaction} runs in the same transaction; if it throws, the change is rolled back and the
     * exception propagates.
     * @param current       the order as the caller observed it
     * @param to            the new status
     * @param tradeNo       the provider's trade number to record, or {@code null} to keep the current one
     * @param paidAt        the payment time to record, or {@code null} to keep the current one
     * @param at            the time of the change
     * @param inTransaction work that must commit or roll back with the change, given the changed order
     * @return the changed order when this caller won, empty when the order no longer had the observed status
     */
    Optional<PayLog> transition(PayLog current, PayStatus to, @Nullable String tradeNo, @Nullable Instant paidAt,
            Instant at, Consumer<PayLog> inTransaction);

    /**
     * Waiting orders created before a time that no sweeper holds, oldest first. Served by the index on
     * {@code (status, created_at)}: the cost follows the number of overdue orders, not the size of the table.
     * @param createdBefore the creation time before which an order is overdue
     * @param now           the current time, to skip orders another sweeper holds
     * @param limit         the most orders to return
     * @return the overdue orders
     */
    List<PayLog> findOverdue(Instant createdBefore, Instant now, int limit);

    /**
     * Claims a waiting order for one sweeper until a time: of several instances claiming it, exactly one succeeds.
     * @param orderId the order id
     * @param now     the current time; an earlier claim that has run out may be taken over
     * @param until   when the claim runs out if it is not released
     * @return whether this caller holds the order now
     */
    boolean claim(String orderId, Instant now, Instant until);

    /**
     * Gives up a claim, so that the next round can try the order again.
     * @param orderId the order id
     */
    void release(String orderId);
}
