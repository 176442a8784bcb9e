package io.jitpay.alipay;

import org.jspecify.annotations.Nullable;

import io.jitpay.pay.PayException;

/**
 * How a call to Alipay's gateway ended, for metrics: {@code success} (a signed answer that settles the question,
 * including "no such trade"), {@code business_error} (a signed refusal, with Alipay's {@code sub_code}),
 * {@code unknown} (Alipay said it does not know yet: {@code 20000}, {@code ACQ.SYSTEM_ERROR}) or
 * {@code transport_error} (no usable answer: a timeout, an HTTP error, an unsigned or malformed answer).
 *
 * @param outcome one of the four values above
 * @param subCode Alipay's {@code sub_code} of a business error, else {@code null}
 * @since 0.1.0
 */
public record GatewayOutcome(String outcome, @Nullable String subCode) {

    /** A signed answer that settles the question. */
    public static final GatewayOutcome SUCCESS = new GatewayOutcome("success", null);

    /** Alipay does not know yet. */
    public static final GatewayOutcome UNKNOWN = new GatewayOutcome("unknown", null);

    /** No usable answer. */
    public static final GatewayOutcome TRANSPORT_ERROR = new GatewayOutcome("transport_error", null);

    /**
     * A signed refusal.
     * @param subCode Alipay's {@code sub_code}
     * @return the outcome
     */
    public static GatewayOutcome businessError(@Nullable String subCode) {
        return new GatewayOutcome("business_error", (subCode != null) ? subCode : "none");
    }

    /**
     * What an exception thrown by a gateway call means.
     * @param ex the exception
     * @return {@code transport_error} without Alipay's codes, {@code unknown} for {@code 20000} or
     *         {@code ACQ.SYSTEM_ERROR}, else a business error
     */
    public static GatewayOutcome of(PayException ex) {
        return answered(ex.gatewayCode(), ex.gatewaySubCode());
    }

    /**
     * What an answer's codes mean, for an answer that did not settle the question.
     * @param code    Alipay's {@code code}, {@code null} when there was no usable answer
     * @param subCode Alipay's {@code sub_code}
     * @return the outcome
     */
    public static GatewayOutcome answered(@Nullable String code, @Nullable String subCode) {
        if (code == null) {
            return TRANSPORT_ERROR;
        }
        if ("20000".equals(code) || "ACQ.SYSTEM_ERROR".equals(subCode)) {
            return UNKNOWN;
        }
        return businessError(subCode);
    }
}
