package io.jitpay.pay;

/**
 * The machine-readable reason of a {@link PayException}.
 *
 * @since 0.1.0
 */
public enum PayErrorCode {

    /** No order with the given id exists. */
    ORDER_NOT_EXIST_ERROR,

    /** The pay type is not one of {@link PayType}. */
    UNKNOWN_PAY_TYPE,

    /** An order with the given id already exists. */
    ORDER_EXISTS_ERROR,

    /** The order's status does not allow the operation, for example paying a closed order or closing a paid one. */
    ORDER_STATUS_ERROR,

    /** An argument is missing or malformed: subject, amount or order id. */
    INVALID_PARAM_ERROR,

    /**
     * The Alipay gateway failed or refused: HTTP error, timeout, malformed or unsigned response, or an error code. The
     * exception carries Alipay's {@code code}, {@code sub_code} and {@code sub_msg} where there was one.
     */
    THIRD_PARTY_ERROR,

    /** A signature did not verify. */
    SIGN_ERROR,

    /**
     * A refund's amount is more than what is left of the order: its amount minus the refunds that succeeded or are
     * still processing.
     */
    REFUND_AMOUNT_ERROR,

    /** The configuration is unusable: a key that does not parse, a missing app id, a key in the wrong slot. */
    CONFIG_ERROR
}
