package io.jitpay.alipay;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayRequest;
import com.alipay.api.AlipayResponse;
import com.alipay.api.internal.util.json.ExceptionErrorListener;
import com.alipay.api.internal.util.json.JSONValidatingReader;

import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;

/**
 * Calls through the official SDK client, and how to read what comes back: an I/O failure becomes a message an operator
 * can act on, success is {@code code 10000} only, and a failure is believed only when Alipay signed it.
 */
final class SdkCalls {

    /** Alipay's "Success": {@code isSuccess()} of the SDK only means "no sub_code", which a 20000 may lack too. */
    static final String SUCCESS = "10000";

    /** A barcode payment the buyer must still confirm on the phone. */
    static final String PROCESSING = "10003";

    /** A business failure; its sub_code says which. */
    static final String BUSINESS_FAILED = "40004";

    private final AliPayConfig config;

    private final AlipayClient client;

    SdkCalls(AliPayConfig config, AlipayClient client) {
        this.config = config;
        this.client = client;
    }

    AliPayConfig config() {
        return this.config;
    }

    AlipayClient client() {
        return this.client;
    }

    /** Sends a request and verifies the answer; a transport or signature failure is a {@code THIRD_PARTY_ERROR}. */
    <T extends AlipayResponse> T execute(AlipayRequest<T> request) {
        String method = request.getApiMethodName();
        T response;
        try {
            // A client of the caller's own built for certificate mode is the SDK's, which refuses execute().
            response = (this.config.certificates() != null && !(this.client instanceof KeyedAlipayClient))
                    ? this.client.certificateExecute(request) : this.client.execute(request);
        }
        catch (AlipayApiException | RuntimeException ex) {
            throw new PayException(PayErrorCode.THIRD_PARTY_ERROR, method + " failed: " + describe(ex), ex);
        }
        if (response == null) {
            throw new PayException(PayErrorCode.THIRD_PARTY_ERROR, method + " got no response");
        }
        return response;
    }

    static boolean succeeded(AlipayResponse response) {
        return SUCCESS.equals(response.getCode()) && response.isSuccess();
    }

    /**
     * Whether a failure is the given one and Alipay signed it. The SDK verifies a failure only when it carries a
     * signature, and accepts it unsigned: such an answer may come from anyone on the path, so it must not change state.
     */
    static boolean isSignedFailure(AlipayResponse response, String subCode) {
        return subCode.equals(response.getSubCode()) && isSigned(response);
    }

    /** The SDK verified any signature the answer carries, so an answer with one is Alipay's. */
    static boolean isSigned(AlipayResponse response) {
        try {
            Object body = new JSONValidatingReader(new ExceptionErrorListener()).read(response.getBody());
            return (body instanceof Map<?, ?> map) && (map.get("sign") instanceof String sign) && !sign.isEmpty();
        }
        catch (RuntimeException ex) {
            return false;
        }
    }

    static PayException failure(AlipayRequest<?> request, AlipayResponse response) {
        return PayException.gateway(request.getApiMethodName(), response.getCode(), response.getSubCode(),
                (response.getSubMsg() != null) ? response.getSubMsg() : response.getMsg());
    }

    private String describe(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return "no answer from " + this.config.gatewayUrl() + " in time (" + cause.getMessage()
                        + "); the trade's state is unknown, check it again later";
            }
            if (cause instanceof UnknownHostException) {
                return "cannot resolve the gateway host of " + this.config.gatewayUrl() + " (" + cause.getMessage()
                        + "); check DNS and outbound network access";
            }
            if (cause instanceof ConnectException) {
                return "cannot connect to " + this.config.gatewayUrl() + " (" + cause.getMessage() + ")";
            }
            if (cause instanceof IOException) {
                return "the gateway answered with an HTTP error or broke the connection: " + cause.getMessage();
            }
        }
        String message = String.valueOf(ex.getMessage());
        if (ex instanceof CertModeAnswers.Rejected) {
            return message;
        }
        if (message.contains("sign check fail")) {
            return "the response signature does not verify with the configured Alipay public key; check that "
                    + "publicKey holds the Alipay public key of this app (" + message + ")";
        }
        if (ex instanceof IllegalArgumentException) {
            return "the gateway's answer is not valid JSON (" + message + ")";
        }
        return ex.getClass().getSimpleName() + ": " + message;
    }
}
