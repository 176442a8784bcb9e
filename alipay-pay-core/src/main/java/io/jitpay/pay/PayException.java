package io.jitpay.pay;

import org.jspecify.annotations.Nullable;

/**
 * The single unchecked exception of the payment API. Its parts are data, not text to slice: {@link #code()} says what
 * went wrong in a form code can switch on, {@link #problem()} what happened and {@link #fix()} what to do about it;
 * {@link #getMessage()} renders them as {@code [CODE] problem; fix}. Messages never contain keys.
 *
 * <p>Gateway failures ({@link PayErrorCode#THIRD_PARTY_ERROR}) carry Alipay's own {@link #gatewayCode() code},
 * {@link #gatewaySubCode() sub_code} and {@link #gatewaySubMsg() sub_msg} when Alipay answered. Configuration failures
 * ({@link PayErrorCode#CONFIG_ERROR}) name the {@link #configField() field} at fault; their problem is phrased to follow
 * the field's name ("privateKey" + " is empty").
 *
 * @since 0.1.0
 */
public class PayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final PayErrorCode code;

    private final String problem;

    private final @Nullable String fix;

    private final @Nullable String configField;

    private final @Nullable String gatewayCode;

    private final @Nullable String gatewaySubCode;

    private final @Nullable String gatewaySubMsg;

    /**
     * Creates an exception.
     * @param code    the reason
     * @param problem what happened, and what to do about it unless {@link #fix()} says it
     */
    public PayException(PayErrorCode code, String problem) {
        this(code, problem, null, null, null, null, null, null);
    }

    /**
     * Creates an exception with a cause.
     * @param code    the reason
     * @param problem what happened
     * @param cause   the underlying failure
     */
    public PayException(PayErrorCode code, String problem, @Nullable Throwable cause) {
        this(code, problem, null, cause, null, null, null, null);
    }

    private PayException(PayErrorCode code, String problem, @Nullable String fix, @Nullable Throwable cause,
            @Nullable String configField, @Nullable String gatewayCode, @Nullable String gatewaySubCode,
            @Nullable String gatewaySubMsg) {
        super(render(code, configField, problem, fix), cause);
        this.code = code;
        this.problem = problem;
        this.fix = fix;
        this.configField = configField;
        this.gatewayCode = gatewayCode;
        this.gatewaySubCode = gatewaySubCode;
        this.gatewaySubMsg = gatewaySubMsg;
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
        String problem = method + " failed: code=" + code + ", sub_code=" + subCode + ", sub_msg=" + subMsg;
        return new PayException(PayErrorCode.THIRD_PARTY_ERROR, problem, null, null, null, code, subCode, subMsg);
    }

    /**
     * A {@link PayErrorCode#THIRD_PARTY_ERROR} for an answer from Alipay that reports a failure, with what to do about
     * it, for example when to try again.
     * @param method     the API method, for example {@code alipay.data.dataservice.bill.downloadurl.query}
     * @param code       Alipay's {@code code}, for example {@code 40004}
     * @param subCode    Alipay's {@code sub_code}, for example {@code isp.bill_not_exist}
     * @param subMsg     Alipay's {@code sub_msg}
     * @param fix        what to do about it
     * @return the exception
     * @since 0.1.0
     */
    public static PayException gateway(String method, @Nullable String code, @Nullable String subCode,
            @Nullable String subMsg, String fix) {
        String problem = method + " failed: code=" + code + ", sub_code=" + subCode + ", sub_msg=" + subMsg;
        return new PayException(PayErrorCode.THIRD_PARTY_ERROR, problem, fix, null, null, code, subCode, subMsg);
    }

    /**
     * A {@link PayErrorCode#CONFIG_ERROR} about one configuration field.
     * @param field   the field of the configuration, for example {@code publicKey}
     * @param problem what is wrong, phrased to follow the field's name, for example "is empty"; never a key's value
     * @param fix     what to put there
     * @return the exception
     */
    public static PayException config(String field, String problem, String fix) {
        return config(field, problem, fix, null);
    }

    /**
     * A {@link PayErrorCode#CONFIG_ERROR} about one configuration field, with its cause.
     * @param field   the field of the configuration, for example {@code privateKey}
     * @param problem what is wrong, phrased to follow the field's name; never a key's value
     * @param fix     what to put there
     * @param cause   the underlying failure, if any; it must not carry key material either
     * @return the exception
     */
    public static PayException config(String field, String problem, String fix, @Nullable Throwable cause) {
        return new PayException(PayErrorCode.CONFIG_ERROR, problem, fix, cause, field, null, null, null);
    }

    /**
     * The reason.
     * @return the error code
     */
    public PayErrorCode code() {
        return this.code;
    }

    /**
     * What happened, without the code. For a configuration error it follows the field's name.
     * @return the problem
     */
    public String problem() {
        return this.problem;
    }

    /**
     * What to do about it, when it is known apart from the problem.
     * @return the fix, or {@code null}
     */
    public @Nullable String fix() {
        return this.fix;
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

    private static String render(PayErrorCode code, @Nullable String field, String problem, @Nullable String fix) {
        return "[" + code + "] " + ((field != null) ? field + " " : "") + problem + ((fix != null) ? "; " + fix : "");
    }
}
