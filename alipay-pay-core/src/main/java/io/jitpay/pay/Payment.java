package io.jitpay.pay;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A payment provider, as the application sees it: create an order, get what the buyer needs to pay it, check and
 * cancel it, and take the provider's signed notifications. Every method that changes an order does so with a
 * conditional update, so concurrent callers and replayed notifications change it at most once.
 *
 * @since 0.1.0
 */
public interface Payment {

    /**
     * Creates an order with a generated id.
     * @param subject the order title: not blank, at most 256 characters
     * @param amount  the amount in yuan: more than 0, at most 2 decimals, at most 100000000.00
     * @return the new order, {@link PayStatus#WAIT}
     * @throws PayException {@link PayErrorCode#INVALID_PARAM_ERROR} for a bad subject or amount
     */
    default PayLog create(String subject, BigDecimal amount) {
        return create(subject, amount, null);
    }

    /**
     * Creates an order.
     * @param subject the order title: not blank, at most 256 characters
     * @param amount  the amount in yuan: more than 0, at most 2 decimals, at most 100000000.00
     * @param orderId the order id, at most 64 letters, digits, {@code _} or {@code -}; {@code null} or blank to
     *                generate one with {@link #generateOrderId()}
     * @return the new order, {@link PayStatus#WAIT}
     * @throws PayException {@link PayErrorCode#INVALID_PARAM_ERROR} for bad input,
     *                      {@link PayErrorCode#ORDER_EXISTS_ERROR} when the id is taken
     */
    PayLog create(String subject, BigDecimal amount, @Nullable String orderId);

    /**
     * Gets what the buyer needs to pay a waiting order.
     * @param orderId the order id
     * @param payType how the buyer pays
     * @return the payment link, and for {@link PayType#WAP_PAY} the form
     * @throws PayException {@link PayErrorCode#ORDER_NOT_EXIST_ERROR}, {@link PayErrorCode#ORDER_STATUS_ERROR} when the
     *                      order is not waiting, {@link PayErrorCode#THIRD_PARTY_ERROR} when the gateway fails
     */
    PayUrl getPayUrl(String orderId, PayType payType);

    /**
     * Gets what the buyer needs to pay a waiting order.
     * @param orderId the order id
     * @param payType {@code PRE_PAY} or {@code WAP_PAY}
     * @return the payment link, and for {@code WAP_PAY} the form
     * @throws PayException {@link PayErrorCode#UNKNOWN_PAY_TYPE} for any other pay type, and as
     *                      {@link #getPayUrl(String, PayType)}
     */
    default PayUrl getPayUrl(String orderId, String payType) {
        return getPayUrl(orderId, PayType.of(payType));
    }

    /**
     * Asks the provider for the order's state and records it.
     * @param orderId the order id
     * @return the order after the check
     * @throws PayException {@link PayErrorCode#ORDER_NOT_EXIST_ERROR}, {@link PayErrorCode#THIRD_PARTY_ERROR}
     */
    PayLog check(String orderId);

    /**
     * Asks the provider for the order's state, records it and applies it to the order.
     * @param payLog the order
     * @return the provider's view of the order, or empty when the provider has no trade for it yet
     * @throws PayException {@link PayErrorCode#THIRD_PARTY_ERROR}
     */
    Optional<?> checkThird(PayLog payLog);

    /**
     * Cancels an order locally and at the provider. Cancelling a closed order changes nothing.
     * @param orderId the order id
     * @return the order after the cancel
     * @throws PayException {@link PayErrorCode#ORDER_STATUS_ERROR} when the order is paid (it is then recorded as
     *                      paid), {@link PayErrorCode#ORDER_NOT_EXIST_ERROR}, {@link PayErrorCode#THIRD_PARTY_ERROR}
     */
    PayLog cancel(String orderId);

    /**
     * Closes the order at the provider only.
     * @param orderId the order id
     * @throws PayException {@link PayErrorCode#ORDER_STATUS_ERROR} when the provider reports the order paid,
     *                      {@link PayErrorCode#THIRD_PARTY_ERROR}
     */
    void cancelThird(String orderId);

    /**
     * Handles one asynchronous notification from the provider: verifies it, checks it against the order and applies
     * it. Never throws for bad input; the result says what to answer.
     * @param params the notification's decoded parameters; not modified
     * @return the outcome and the body to answer with
     */
    NotifyResult notify(Map<String, String> params);

    /**
     * Refunds all or part of a paid order, with a generated refund id ({@code R} + Beijing time + 6 digits).
     * @param orderId the order id
     * @param amount  yuan, more than 0, at most 2 decimals, at most what is left to refund
     * @param reason  what the buyer is told, or {@code null}
     * @return the refund: {@link RefundStatus#SUCCESS}, or {@link RefundStatus#PROCESSING} when the outcome is not
     *         known yet (it is confirmed later; its amount stays reserved meanwhile)
     * @throws PayException {@link PayErrorCode#ORDER_NOT_EXIST_ERROR}, {@link PayErrorCode#ORDER_STATUS_ERROR} for an
     *                      order not paid, {@link PayErrorCode#INVALID_PARAM_ERROR}, {@link PayErrorCode#REFUND_AMOUNT_ERROR},
     *                      {@link PayErrorCode#THIRD_PARTY_ERROR} with the provider's codes when it refused the refund
     *                      for good (the refund is then {@link RefundStatus#FAILED})
     */
    RefundLog refund(String orderId, BigDecimal amount, @Nullable String reason);

    /**
     * Refunds all or part of a paid order under the caller's idempotency key. The same id for the same order and amount
     * again is the same refund: a succeeded one is returned as it is, a processing or failed one is sent again with
     * the same id, never as a second refund.
     * @param orderId  the order id
     * @param amount   yuan, more than 0, at most 2 decimals, at most what is left to refund
     * @param reason   what the buyer is told, or {@code null}
     * @param refundId the refund id, sent to the provider as the refund's request number
     * @return the refund, as {@link #refund(String, BigDecimal, String)} returns it
     * @throws PayException as {@link #refund(String, BigDecimal, String)}, and
     *                      {@link PayErrorCode#INVALID_PARAM_ERROR} when the id belongs to another refund
     */
    RefundLog refund(String orderId, BigDecimal amount, @Nullable String reason, String refundId);

    /**
     * Asks the provider about a processing refund and applies the answer; when the provider never received it, sends it
     * again with the same id and amount.
     * @param refundId the refund id
     * @return the refund afterwards
     * @throws PayException {@link PayErrorCode#INVALID_PARAM_ERROR} for an unknown refund id
     */
    RefundLog checkRefund(String refundId);

    /**
     * Finds a refund.
     * @param refundId the refund id
     * @return the refund, or empty
     */
    Optional<RefundLog> findRefund(String refundId);

    /**
     * The refunds of an order, oldest first.
     * @param orderId the order id
     * @return the refunds
     */
    List<RefundLog> findRefunds(String orderId);

    /**
     * Generates an order id: {@code D}, the time as {@code yyyyMMddHHmmss} in Beijing time, and 6 digits.
     * @return a new order id, distinct from every other one this instance generates
     */
    String generateOrderId();

    /**
     * The full name of this payment instance, for example {@code pays.aliPayment}.
     * @return the full name, stored with each order
     */
    String fullName();

    /**
     * Finds an order.
     * @param orderId the order id
     * @return the order, or empty
     */
    Optional<PayLog> find(String orderId);
}
