package io.jitpay.pay;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of handling one asynchronous notification, and what to answer the gateway.
 *
 * <p>Alipay delivers a notification again, for 25 hours, until it is answered {@value #SUCCESS}. So a notification is
 * acknowledged when it was handled, and also when it is validly signed but can never be applied (another app's, an
 * unknown order, a wrong amount): retrying it would change nothing, and it is kept in the journal as
 * {@link Outcome#REJECTED} and logged at ERROR for a person to look at. A notification whose signature does not verify
 * (it may not come from Alipay), a malformed request, and a failure on our side are answered {@value #FAILURE}.
 *
 * @param outcome   what happened
 * @param rejection why it was rejected, when it was
 * @param orderId   the notification's order id ({@code out_trade_no}), if it had one
 * @param reason    what went wrong, without any key; {@code null} when it was applied
 * @since 0.1.0
 */
public record NotifyResult(Outcome outcome, @Nullable Rejection rejection, @Nullable String orderId,
        @Nullable String reason) {

    /** The acknowledgement body the gateway expects when a notification has been handled. */
    public static final String SUCCESS = "success";

    /** The body that makes the gateway deliver the notification again later. */
    public static final String FAILURE = "failure";

    /**
     * It changed the order (and fired one event).
     * @param orderId the order
     * @return the result
     */
    public static NotifyResult applied(String orderId) {
        return new NotifyResult(Outcome.APPLIED, null, orderId, null);
    }

    /**
     * It was valid and changed nothing.
     * @param orderId the order
     * @param reason  why nothing changed, for example a replay or an older report than the one recorded
     * @return the result
     */
    public static NotifyResult duplicate(String orderId, @Nullable String reason) {
        return new NotifyResult(Outcome.DUPLICATE, null, orderId, reason);
    }

    /**
     * It failed a check and changed nothing.
     * @param rejection the check it failed
     * @param orderId   its order id, if it had one
     * @param reason    the details
     * @return the result
     */
    public static NotifyResult rejected(Rejection rejection, @Nullable String orderId, String reason) {
        return new NotifyResult(Outcome.REJECTED, rejection, orderId, reason);
    }

    /**
     * It was valid but could not be applied now (the database or a listener failed): it should be delivered again.
     * @param orderId the order
     * @param reason  the failure
     * @return the result
     */
    public static NotifyResult error(@Nullable String orderId, String reason) {
        return new NotifyResult(Outcome.ERROR, null, orderId, reason);
    }

    /**
     * The exact text to answer the gateway with.
     * @return {@value #SUCCESS} when acknowledged, otherwise {@value #FAILURE}
     */
    public String body() {
        return isAcknowledged() ? SUCCESS : FAILURE;
    }

    /**
     * Whether the notification must not be delivered again: applied, duplicate, or validly signed but never applicable.
     * @return {@code true} when the answer is {@value #SUCCESS}
     */
    public boolean isAcknowledged() {
        return switch (this.outcome) {
            case APPLIED, DUPLICATE -> true;
            case REJECTED -> this.rejection != null && this.rejection.isSigned();
            case ERROR -> false;
        };
    }

    /**
     * The HTTP status to answer with: 200, or a 4xx for a request that is not a notification form at all.
     * @return the status code
     */
    public int httpStatus() {
        return (this.rejection != null) ? this.rejection.httpStatus() : 200;
    }

    /** What handling a notification did. */
    public enum Outcome {

        /** It changed the order's status (and fired one event). */
        APPLIED,

        /** It was valid but changed no status: a replay, or a state the order already reflects. */
        DUPLICATE,

        /** It failed a check and changed nothing; {@link NotifyResult#rejection()} says which. */
        REJECTED,

        /** It was valid but could not be stored, or a listener failed; nothing changed and it should be retried. */
        ERROR
    }

    /** The check a rejected notification failed: a small, fixed set, fit for a metric's tag. */
    public enum Rejection {

        /** The request is not {@code application/x-www-form-urlencoded}. */
        UNSUPPORTED_CONTENT_TYPE(415, false),

        /** The body is larger than any notification. */
        TOO_LARGE(413, false),

        /** The body is not a valid form: a bad escape, a repeated parameter, or a charset Alipay does not use. */
        MALFORMED(400, false),

        /** The body was empty, for example because a filter read the form before the endpoint. */
        EMPTY_BODY(400, false),

        /** The signature does not verify with Alipay's key: it may not come from Alipay. */
        BAD_SIGNATURE(200, false),

        /** Signed, but for another application ({@code app_id}). */
        WRONG_APP(200, true),

        /** Signed, but for another seller ({@code seller_id}). */
        WRONG_SELLER(200, true),

        /** Signed, but without an order id, or for an order this payment instance does not have. */
        UNKNOWN_ORDER(200, true),

        /** Signed, but its {@code total_amount} differs from the order's amount. */
        AMOUNT_MISMATCH(200, true),

        /** Signed, but with a {@code trade_status} this library does not know. */
        UNKNOWN_TRADE_STATUS(200, true);

        private final int httpStatus;

        private final boolean signed;

        Rejection(int httpStatus, boolean signed) {
            this.httpStatus = httpStatus;
            this.signed = signed;
        }

        /**
         * Whether the rejected notification was validly signed by Alipay, so that retrying it can never help.
         * @return {@code true} for the checks made after the signature
         */
        public boolean isSigned() {
            return this.signed;
        }

        /**
         * The HTTP status that answers it.
         * @return 200, or 4xx for a request that is not a form
         */
        public int httpStatus() {
            return this.httpStatus;
        }
    }
}
