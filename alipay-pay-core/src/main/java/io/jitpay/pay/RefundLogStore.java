package io.jitpay.pay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Where refunds are kept, beside their orders. The store keeps, on each paid order, the total of its refunds that
 * succeeded ({@link PayLog#refundedAmount()}) and of those that succeeded or are still processing (the reserved
 * total), and changes both with the refunds in one transaction, so that the reserved total never exceeds the order's
 * amount, whatever runs concurrently on however many instances. Every read and change is scoped to the payment
 * instance that owns the order.
 *
 * @since 0.1.0
 */
public interface RefundLogStore {

    /**
     * Records a refund, reserving its amount on its order in the same transaction. A {@link RefundStatus#PROCESSING}
     * refund is recorded only if the order is {@link PayStatus#SUCCESS} and its amount fits in what is left; a
     * {@link RefundStatus#SUCCESS} one (a refund Alipay reports that was never requested here) is recorded whatever is
     * left, since the money has moved, and adds to the refunded total. A processing refund is due for a check at
     * {@code nextCheckAt}.
     * @param refund        the refund
     * @param nextCheckAt   when the sweeper must ask Alipay about it, or {@code null} for never
     * @param inTransaction work that must commit or roll back with the record, given the refund
     * @throws PayException {@link PayErrorCode#ORDER_NOT_EXIST_ERROR} for an order the instance does not have,
     *                      {@link PayErrorCode#ORDER_STATUS_ERROR} for an order not paid,
     *                      {@link PayErrorCode#REFUND_AMOUNT_ERROR} when the amount does not fit,
     *                      {@link PayErrorCode#ORDER_EXISTS_ERROR} when a refund with the same id exists
     */
    void insert(RefundLog refund, @Nullable Instant nextCheckAt, Consumer<RefundLog> inTransaction);

    /**
     * Finds a refund of a payment instance.
     * @param fullName the instance
     * @param refundId the refund id
     * @return the refund, or empty
     */
    Optional<RefundLog> find(String fullName, String refundId);

    /**
     * The refunds of an order, oldest first.
     * @param fullName the instance
     * @param orderId  the order id
     * @return the refunds
     */
    List<RefundLog> findByOrder(String fullName, String orderId);

    /**
     * Moves a refund from the status the caller observed to another, if nobody changed it first, and adjusts its
     * order's totals in the same transaction: {@link RefundStatus#SUCCESS} adds it to the refunded total,
     * {@link RefundStatus#FAILED} frees its reserved amount, and {@link RefundStatus#PROCESSING} (sending a failed
     * refund again) reserves it again, only if it still fits.
     * @param current       the refund as the caller observed it
     * @param next          the refund as it should be stored: status, refund time, Alipay's codes
     * @param nextCheckAt   when the sweeper must ask Alipay about it, or {@code null} for never
     * @param inTransaction work that must commit or roll back with the change, given the changed refund
     * @return the changed refund when this caller won, empty when the refund no longer had the observed status
     * @throws PayException {@link PayErrorCode#REFUND_AMOUNT_ERROR} when a failed refund no longer fits
     */
    Optional<RefundLog> transition(RefundLog current, RefundLog next, @Nullable Instant nextCheckAt,
            Consumer<RefundLog> inTransaction);

    /**
     * Takes the next slot to send a refund request of an order in, so that two requests for one trade are at least
     * {@code gap} apart, as Alipay asks, across threads and instances.
     * @param fullName the instance
     * @param orderId  the order id
     * @param now      the current time
     * @param gap      the least time between two requests of the trade
     * @return when this request may be sent: {@code now}, or later
     */
    Instant takeSendSlot(String fullName, String orderId, Instant now, Duration gap);

    /**
     * Processing refunds of an instance due for a check that no sweeper holds, the longest due first.
     * @param fullName the instance
     * @param now      the current time
     * @param limit    the most refunds to return
     * @return the due refunds
     */
    List<RefundLog> findDue(String fullName, Instant now, int limit);

    /**
     * Claims a due refund for one sweeper until a time, by moving its next check there.
     * @param fullName the instance
     * @param refundId the refund id
     * @param now      the current time
     * @param until    when the claim runs out
     * @return whether this caller holds the refund now
     */
    boolean claim(String fullName, String refundId, Instant now, Instant until);

    /**
     * Sets when a processing refund is next checked.
     * @param fullName    the instance
     * @param refundId    the refund id
     * @param nextCheckAt the next check, or {@code null} for never
     */
    void reschedule(String fullName, String refundId, @Nullable Instant nextCheckAt);

    /**
     * How many refunds of an instance have been processing since before a time: stuck, for a person to look at.
     * @param fullName      the instance
     * @param createdBefore the limit
     * @return the count
     */
    int countProcessingSince(String fullName, Instant createdBefore);
}
