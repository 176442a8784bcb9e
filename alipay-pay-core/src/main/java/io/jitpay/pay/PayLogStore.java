package io.jitpay.pay;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Where orders are kept. Every read and change is scoped to the payment instance that owns the order (its
 * {@linkplain PayLog#fullName() full name}): another instance's order is "not found". Every status change is a
 * conditional update on the status the caller observed, so that of several concurrent callers exactly one wins.
 *
 * <p>Each order also carries the time of its next check, which the sweeper serves: a waiting order is due at its
 * {@linkplain PayLog#expiresAt() deadline}; an order closed before Alipay knew the trade is due again then, so that a
 * late payment is still found; a settled order is never due. The store's work runs in its own transactions, never in
 * a caller's: a caller's long transaction must not make a re-read see an old snapshot.
 *
 * @since 0.1.0
 */
public interface PayLogStore {

    /**
     * Stores a new order, due for a check at its deadline.
     * @param payLog the order
     * @throws PayException {@link PayErrorCode#ORDER_EXISTS_ERROR} when an order with the same id exists, whoever owns it
     */
    void insert(PayLog payLog);

    /**
     * Finds an order of a payment instance.
     * @param fullName the instance
     * @param orderId  the order id
     * @return the order, or empty when there is none or another instance owns it
     */
    Optional<PayLog> find(String fullName, String orderId);

    /**
     * Records the pay type of a waiting order.
     * @param fullName the instance
     * @param orderId  the order id
     * @param payType  the pay type
     * @param at       the time of the change
     * @return whether a waiting order was updated
     */
    boolean updatePayType(String fullName, String orderId, PayType payType, Instant at);

    /**
     * Moves an order from the status the caller observed to another, if nobody else changed it first. When the change
     * wins, {@code inTransaction} runs in the same transaction; if it throws, the change is rolled back and the
     * exception propagates.
     * @param current       the order as the caller observed it; its full name scopes the change
     * @param to            the new status
     * @param tradeNo       the provider's trade number to record, or {@code null} to keep the current one
     * @param paidAt        the payment time to record, or {@code null} to keep the current one
     * @param nextCheckAt   when the sweeper must ask the provider about the order again, or {@code null} for never
     * @param at            the time of the change
     * @param inTransaction work that must commit or roll back with the change, given the changed order
     * @return the changed order when this caller won, empty when the order no longer had the observed status
     */
    Optional<PayLog> transition(PayLog current, PayStatus to, @Nullable String tradeNo, @Nullable Instant paidAt,
            @Nullable Instant nextCheckAt, Instant at, Consumer<PayLog> inTransaction);

    /**
     * Orders of an instance due for a check that no sweeper holds, the longest due first. Served by the index on
     * {@code (full_name, next_check_at)}: the cost follows the number of due orders, not the size of the table.
     * @param fullName the instance
     * @param now      the current time
     * @param limit    the most orders to return
     * @return the due orders
     */
    List<PayLog> findDue(String fullName, Instant now, int limit);

    /**
     * Claims a due order for one sweeper until a time, by moving its next check there: of several instances claiming
     * it, exactly one succeeds, and if that one dies the order is due again when the claim runs out.
     * @param fullName the instance
     * @param orderId  the order id
     * @param now      the current time; only an order due by then can be claimed
     * @param until    when the claim runs out
     * @return whether this caller holds the order now
     */
    boolean claim(String fullName, String orderId, Instant now, Instant until);

    /**
     * Sets when an order is next checked, without changing its status: to give up a claim ({@code now}, due again at
     * the next round), or to settle a check that found nothing to change ({@code null}).
     * @param fullName    the instance
     * @param orderId     the order id
     * @param nextCheckAt the next check, or {@code null} for never
     */
    void reschedule(String fullName, String orderId, @Nullable Instant nextCheckAt);
}
