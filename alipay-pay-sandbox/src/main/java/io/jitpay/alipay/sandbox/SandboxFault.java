package io.jitpay.alipay.sandbox;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A failure the sandbox plays instead of (or before) its normal answer to the next call of a method, set with
 * {@link AliPaySandbox#failNext(String, SandboxFault)}.
 *
 * @since 0.1.0
 */
public final class SandboxFault {

    enum Kind {
        HTTP_STATUS, DELAY, MALFORMED_JSON, BAD_SIGNATURE, ERROR_CODE, UNSIGNED_ERROR
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
     * Answers with an HTTP error status and a plain-text body.
     * @param status for example 500 or 502
     * @return the fault
     */
    public static SandboxFault httpStatus(int status) {
        return new SandboxFault(Kind.HTTP_STATUS, status, Duration.ZERO, null, null, null);
    }

    /**
     * Waits before answering normally; longer than the client's read timeout, it is a timeout.
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
        };
    }
}
