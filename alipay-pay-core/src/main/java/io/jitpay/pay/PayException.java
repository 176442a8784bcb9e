package io.jitpay.pay;

import org.jspecify.annotations.Nullable;

/**
 * The single unchecked exception of the payment API. {@link #code()} says what went wrong in a form code can switch on;
 * the message says what to fix. Messages never contain keys.
 *
 * <p>Gateway failures ({@link PayErrorCode#THIRD_PARTY_ERROR}) carry Alipay's own {@link #gatewayCode() code},
 * {@link #gatewaySubCode() sub_code} and {@link #gatewaySubMsg() sub_msg} when Alipay answered. Configuration failures
 * ({@link PayErrorCode#CONFIG_ERROR}) name the {@link #configField() field} at fault.
 */
public class PayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final PayErrorCode code;

    private final @Nullable String gatewayCode;

    private final @Nullable String gatewaySubCode;

    private final @Nullable String gatewaySubMsg;

    private final @Nullable String configField;

    /**
     * Creates an exception.
     * @param code    the reason
     * @param message what happened and what to do about it
     */
    public PayException(PayErrorCode code, String message) {
        this(code, message, null, null, null, null, null);
    }

    /**
     * Creates an exception with a cause.
     * @param code    the reason
     * @param message what happened and what to do about it
     * @param cause   the underlying failure
     */
    public PayException(PayErrorCode code, String message, @Nullable Throwable cause) {
        this(code, message, cause, null, null, null, null);
    }

    private PayException(PayErrorCode code, String message, @Nullable Throwable cause, @Nullable String gatewayCode,
            @Nullable String gatewaySubCode, @Nullable String gatewaySubMsg, @Nullable String configField) {
        super("[" + code + "] " + message, cause);
        this.code = code;
        this.gatewayCode = gatewayCode;
        this.gatewaySubCode = gatewaySubCode;
        this.gatewaySubMsg = gatewaySubMsg;
        this.configField = configField;
    }

    /**
     * A {@link PayErrorCode#THIRD_PARTY_ERROR} for an answer from Alipay that reports a failure.
     * @param method     the API method, for example {@code alipay.trade.precreate}
     * @param code       Alipay's {@code code}, for example {@code 40004}
     * @param subCode    Alipay's {@code sub_code}, for example {@code ACQ.TRADE_HAS_SUCCESS}
     * @param subMsg     Alipay's {@code sub_msg}
     * @return the exception
     */
    public static PayException gateway(String method, @Nullable String code, @Nullable String subCode,
            @Nullable String subMsg) {
        String message = method + " failed: code=" + code + ", sub_code=" + subCode + ", sub_msg=" + subMsg;
        return new PayException(PayErrorCode.THIRD_PARTY_ERROR, message, null, code, subCode, subMsg, null);
    }

    /**
     * A {@link PayErrorCode#CONFIG_ERROR} about one configuration field.
     * @param field   the field of the configuration, for example {@code publicKey}
     * @param message what is wrong and what to put there; never the value of a key
     * @return the exception
     */
    public static PayException config(String field, String message) {
        return config(field, message, null);
    }

    /**
     * A {@link PayErrorCode#CONFIG_ERROR} about one configuration field, with its cause.
     * @param field   the field of the configuration, for example {@code privateKey}
     * @param message what is wrong and what to put there; never the value of a key
     * @param cause   the parsing failure, if any
     * @return the exception
     */
    public static PayException config(String field, String message, @Nullable Throwable cause) {
        return new PayException(PayErrorCode.CONFIG_ERROR, message, cause, null, null, null, field);
    }

    /**
     * The reason.
     * @return the error code
     */
    public PayErrorCode code() {
        return this.code;
    }

    /**
     * Alipay's {@code code} (for example {@code 40004}) of a gateway failure.
     * @return the code, or {@code null} when Alipay did not answer or this is not a gateway failure
     */
    public @Nullable String gatewayCode() {
        return this.gatewayCode;
    }

    /**
     * Alipay's {@code sub_code} (for example {@code ACQ.SYSTEM_ERROR}) of a gateway failure.
     * @return the sub code, or {@code null}
     */
    public @Nullable String gatewaySubCode() {
        return this.gatewaySubCode;
    }

    /**
     * Alipay's {@code sub_msg}, its human-readable explanation of a gateway failure.
     * @return the sub message, or {@code null}
     */
    public @Nullable String gatewaySubMsg() {
        return this.gatewaySubMsg;
    }

    /**
     * The configuration field at fault for a {@link PayErrorCode#CONFIG_ERROR}, for example {@code privateKey}.
     * @return the field name, or {@code null}
     */
    public @Nullable String configField() {
        return this.configField;
    }
}
