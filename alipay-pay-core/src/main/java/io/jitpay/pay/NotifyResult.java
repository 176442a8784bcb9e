package io.jitpay.pay;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of handling one asynchronous notification.
 *
 * @param outcome what happened
 * @param orderId the notification's order id ({@code out_trade_no}), if it had one
 * @param reason  why the notification was rejected or failed, without any key; {@code null} when acknowledged
 */
public record NotifyResult(Outcome outcome, @Nullable String orderId, @Nullable String reason) {

    /** The acknowledgement body the gateway expects when a notification has been handled. */
    public static final String SUCCESS = "success";

    /** The body that makes the gateway deliver the notification again later. */
    public static final String FAILURE = "failure";

    /**
     * The exact text to answer the gateway with.
     * @return {@value #SUCCESS} when handled (applied or duplicate), otherwise {@value #FAILURE}
     */
    public String body() {
        return isAcknowledged() ? SUCCESS : FAILURE;
    }

    /**
     * Whether the notification was handled and must not be delivered again.
     * @return {@code true} for {@link Outcome#APPLIED} and {@link Outcome#DUPLICATE}
     */
    public boolean isAcknowledged() {
        return this.outcome == Outcome.APPLIED || this.outcome == Outcome.DUPLICATE;
    }

    /** What handling a notification did. */
    public enum Outcome {

        /** It changed the order's status (and fired one event). */
        APPLIED,

        /** It was valid but changed no status: a replay, or a state the order already reflects. */
        DUPLICATE,

        /** It failed a check (signature, app id, order, amount, seller) and changed nothing. */
        REJECTED,

        /** It was valid but could not be stored, or a listener failed; nothing changed and it should be retried. */
        ERROR
    }
}
