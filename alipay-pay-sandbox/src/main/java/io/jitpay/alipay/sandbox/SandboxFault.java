package io.jitpay.alipay.sandbox;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A failure the sandbox plays instead of (or before) its normal answer to the next call of a method, set with
 * {@link AliPaySandbox#failNext(String, SandboxFault)}. For a call that changes something, such as a refund, the
 * kinds differ in whether the change happens, which is what a client must find out afterwards:
 * <ul>
 * <li>never carried out: {@link #httpStatus(int)}, and {@link #error}, {@link #systemError()} and
 * {@link #unsignedError} (definite refusals such as {@code 40004 ACQ.SELLER_BALANCE_NOT_ENOUGH});</li>
 * <li>carried out, answer lost: {@link #appliedThenHttpStatus(int)} and {@link #appliedThenDelay(Duration)};</li>
 * <li>carried out, answer unreadable: {@link #malformedJson()} and {@link #badSignature()};</li>
 * <li>carried out late: {@link #delay(Duration)}, when the wait ends, whether or not the client still listens.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class SandboxFault {

    enum Kind {
        HTTP_STATUS, DELAY, MALFORMED_JSON, BAD_SIGNATURE, ERROR_CODE, UNSIGNED_ERROR, APPLIED_THEN_HTTP_STATUS,
        APPLIED_THEN_DELAY
    }

    private final Kind kind;

    private final int httpStatus;

    private final Duration delay;

    private final @Nullable String code;

    private final @Nullable String subCode;

    private final @Nullable String subMsg;

    private SandboxFault(Kind kind, int httpStatus, Duration delay, @Nullable String code, @Nullable String subCode,
            @Nullable String subMsg) {
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.delay = delay;
        this.code = code;
        this.subCode = subCode;
        this.subMsg = subMsg;
    }

    /**
     * Answers with an HTTP error status and an HTML body before looking at the request, as a proxy in front of Alipay
     * would: the call is never carried out (a refund is not made), so a retry is the first real attempt.
     * @param status for example 500 or 502
     * @return the fault
     */
    public static SandboxFault httpStatus(int status) {
        return new SandboxFault(Kind.HTTP_STATUS, status, Duration.ZERO, null, null, null);
    }

    /**
     * Waits, then handles the call and answers normally: a request slow on its way in. Longer than the client's read
     * timeout, the client sees a timeout, yet the call is carried out when the wait ends (a refund is made then), so
     * for a while a query finds nothing and later it does. For a refund lost before Alipay has it, use
     * {@link #httpStatus(int)}; for one made whose answer is lost, {@link #appliedThenDelay(Duration)}.
     * @param delay the wait
     * @return the fault
     */
    public static SandboxFault delay(Duration delay) {
        return new SandboxFault(Kind.DELAY, 200, Objects.requireNonNull(delay), null, null, null);
    }

    /**
     * Answers with a truncated JSON document.
     * @return the fault
     */
    public static SandboxFault malformedJson() {
        return new SandboxFault(Kind.MALFORMED_JSON, 200, Duration.ZERO, null, null, null);
    }

    /**
     * Answers normally, but with a signature that does not match the response.
     * @return the fault
     */
    public static SandboxFault badSignature() {
        return new SandboxFault(Kind.BAD_SIGNATURE, 200, Duration.ZERO, null, null, null);
    }

    /**
     * Answers with a signed failure under the method's {@code <method>_response} root. Without a {@code sub_code}
     * (for example a bare {@code {"code":"20000","msg":"Service Currently Unavailable"}}) the official SDK's
     * {@code isSuccess()} is {@code true}, since it only looks at {@code sub_code}: a client must read {@code code}.
     * @param code    for example {@code 20000} or {@code 40004}
     * @param subCode for example {@code ACQ.SYSTEM_ERROR}, or {@code null} to send none
     * @param subMsg  the explanation, or {@code null} to send none
     * @return the fault
     */
    public static SandboxFault error(String code, @Nullable String subCode, @Nullable String subMsg) {
        return new SandboxFault(Kind.ERROR_CODE, 200, Duration.ZERO, Objects.requireNonNull(code), subCode, subMsg);
    }

    /**
     * Answers with a business failure under the method's {@code <method>_response} root but without a {@code sign}.
     * The official SDK verifies a failure only when it carries a sign, so it accepts this one unverified
     * ({@code isSuccess()} is {@code false} when a {@code sub_code} is given): anyone on the path could have written
     * it, and a client must not act on it as on a verified answer. Without a {@code sub_code} the SDK takes it for a
     * success, looks for the missing sign and throws.
     * @param code    for example {@code 40004}
     * @param subCode for example {@code ACQ.TRADE_NOT_EXIST}, or {@code null} to send none
     * @param subMsg  the explanation, or {@code null} to send none
     * @return the fault
     */
    public static SandboxFault unsignedError(String code, @Nullable String subCode, @Nullable String subMsg) {
        return new SandboxFault(Kind.UNSIGNED_ERROR, 200, Duration.ZERO, Objects.requireNonNull(code), subCode,
                subMsg);
    }

    /**
     * Carries the call out (a refund is made and notified), then answers with an HTTP error status instead of the
     * result: the client cannot tell whether it happened, and must query or retry with the same request number.
     * @param status for example 500 or 502
     * @return the fault
     */
    public static SandboxFault appliedThenHttpStatus(int status) {
        return new SandboxFault(Kind.APPLIED_THEN_HTTP_STATUS, status, Duration.ZERO, null, null, null);
    }

    /**
     * Carries the call out at once (a refund is made and notified), then waits before answering; longer than the
     * client's read timeout, the client times out on a call that has already happened.
     * @param delay the wait before the answer
     * @return the fault
     */
    public static SandboxFault appliedThenDelay(Duration delay) {
        return new SandboxFault(Kind.APPLIED_THEN_DELAY, 200, Objects.requireNonNull(delay), null, null, null);
    }

    /**
     * {@code 20000 ACQ.SYSTEM_ERROR}: Alipay's "result unknown, query again" answer.
     * @return the fault
     */
    public static SandboxFault systemError() {
        return error("20000", "ACQ.SYSTEM_ERROR", "系统错误");
    }

    Kind kind() {
        return this.kind;
    }

    int status() {
        return this.httpStatus;
    }

    Duration pause() {
        return this.delay;
    }

    @Nullable String code() {
        return this.code;
    }

    @Nullable String subCode() {
        return this.subCode;
    }

    @Nullable String subMsg() {
        return this.subMsg;
    }

    @Override
    public String toString() {
        return switch (this.kind) {
            case HTTP_STATUS -> "HTTP " + this.httpStatus;
            case DELAY -> "delay " + this.delay;
            case MALFORMED_JSON -> "malformed JSON";
            case BAD_SIGNATURE -> "bad response signature";
            case ERROR_CODE -> this.code + " " + this.subCode;
            case UNSIGNED_ERROR -> "unsigned " + this.code + " " + this.subCode;
            case APPLIED_THEN_HTTP_STATUS -> "applied, then HTTP " + this.httpStatus;
            case APPLIED_THEN_DELAY -> "applied, then delay " + this.delay;
        };
    }
}
