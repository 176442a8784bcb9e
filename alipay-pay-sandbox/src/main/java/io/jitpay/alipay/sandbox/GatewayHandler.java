package io.jitpay.alipay.sandbox;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.alipay.api.internal.util.json.ExceptionErrorListener;
import com.alipay.api.internal.util.json.JSONValidatingReader;
import com.alipay.api.internal.util.json.JSONWriter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.jspecify.annotations.Nullable;

/**
 * {@code /gateway.do}, the protocol layer of Alipay's OpenAPI, and of the order strings {@link AppPayHandler} brings:
 * reads the request in its own charset, checks the protocol parameters and the app's V2 signature, plays injected
 * faults, hands verified calls to the {@link TradeApi} and wraps its answers in the signed
 * {@code {"<method>_response":{...},"sign":"..."}} envelope, or shows a person the error page. Faults that drop a call
 * play before any check; faults that lose an answer play after the API has carried the call out.
 */
final class GatewayHandler implements HttpHandler {

    private final SandboxContext context;

    private final TradeApi api;

    GatewayHandler(SandboxContext context) {
        this.context = context;
        this.api = new TradeApi(context);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String verb = exchange.getRequestMethod();
            // execute() posts; pageExecute(request, "GET") sends the browser with every parameter in the query.
            if (!"POST".equals(verb) && !"GET".equals(verb)) {
                Exchanges.send(exchange, 405, "text/plain", "Method Not Allowed", StandardCharsets.UTF_8);
                return;
            }
            String body = Exchanges.body(exchange);
            if (body == null) {
                Exchanges.send(exchange, 413, "text/plain", "Request Entity Too Large", StandardCharsets.UTF_8);
                return;
            }
            serve(exchange, exchange.getRequestURI().getRawQuery(), body, false);
        }
    }

    /**
     * Serves one request. The SDK puts the protocol parameters in the query and {@code biz_content} in the body (an
     * app's order string is all query); the signature covers both. The query wins a name given twice, and within
     * each part the first occurrence does.
     * @param fromApp whether Alipay's app brings it ({@code /app}), which serves only {@code alipay.trade.app.pay}
     */
    void serve(HttpExchange exchange, @Nullable String query, String body, boolean fromApp) throws IOException {
        // The charset parameter says how every other value is encoded, so it is read first, undecoded.
        Charset charset = FormEncoding.charsetOf(query, body);
        if (charset == null) {
            refuse(exchange, fromApp, ResultCodes.INVALID_ARGUMENTS, "isv.invalid-charset", StandardCharsets.UTF_8);
            return;
        }
        Map<String, String> params;
        try {
            params = FormEncoding.parse(query, charset);
            FormEncoding.parse(body, charset).forEach(params::putIfAbsent);
        }
        catch (IllegalArgumentException ex) {
            Exchanges.send(exchange, 400, "text/plain", "Bad Request", StandardCharsets.UTF_8);
            return;
        }
        String method = params.get("method");
        if (method == null || method.isEmpty()) {
            refuse(exchange, fromApp, ResultCodes.MISSING_ARGUMENTS, "isv.missing-method", charset);
            return;
        }
        TradeApi.Operation operation = this.api.operation(method);
        if (operation == null || (operation.caller() == TradeApi.Caller.APP) != fromApp) {
            refuse(exchange, fromApp, ResultCodes.INVALID_ARGUMENTS, "isv.invalid-method", charset);
            return;
        }
        handle(exchange, method, operation, params, charset);
    }

    private void handle(HttpExchange exchange, String method, TradeApi.Operation operation, Map<String, String> params,
            Charset charset) throws IOException {
        // Transport faults come before any check: a proxy or a slow network does not read the request.
        SandboxFault fault = this.context.faults().take(method);
        if (fault != null && fault.kind() == SandboxFault.Kind.HTTP_STATUS) {
            httpError(exchange, fault.status(), charset);
            return;
        }
        if (fault != null && fault.kind() == SandboxFault.Kind.DELAY) {
            pause(fault.pause());
        }
        String appId = params.get("app_id");
        if (isEmpty(appId) || !this.context.appId().equals(appId)) {
            String subCode = isEmpty(appId) ? "isv.missing-app-id" : "isv.invalid-app-id";
            String code = isEmpty(appId) ? ResultCodes.MISSING_ARGUMENTS : ResultCodes.INVALID_ARGUMENTS;
            if (operation.page()) {
                refusedPage(exchange, operation.caller(), new ApiAnswer.RefusedPage(subCode, ""), charset);
            }
            else {
                errorResponse(exchange, code, subCode, charset);
            }
            return;
        }
        String failure = checkProtocol(params, charset);
        if (failure != null) {
            if (operation.page()) {
                refusedPage(exchange, operation.caller(), new ApiAnswer.RefusedPage(failure, ""), charset);
            }
            else {
                // Real Alipay answers a bad signature under the method's own root, signed, not as error_response.
                String code = failure.startsWith("isv.missing") ? ResultCodes.MISSING_ARGUMENTS
                        : ResultCodes.INVALID_ARGUMENTS;
                respond(exchange, method, ResultCodes.failure(code, failure), charset, fault);
            }
            return;
        }
        if (fault != null && fault.kind() == SandboxFault.Kind.ERROR_CODE) {
            respond(exchange, method, ResultCodes.failure(fault.code(), fault.subCode(), fault.subMsg()), charset,
                    null);
            return;
        }
        if (fault != null && fault.kind() == SandboxFault.Kind.UNSIGNED_ERROR) {
            respondUnsigned(exchange, method, ResultCodes.failure(fault.code(), fault.subCode(), fault.subMsg()),
                    charset);
            return;
        }
        Map<String, Object> biz;
        try {
            biz = bizContent(params.get("biz_content"));
        }
        catch (IllegalArgumentException ex) {
            respond(exchange, method, ResultCodes.failure(ResultCodes.INVALID_ARGUMENTS, "isv.invalid-parameter"),
                    charset, fault);
            return;
        }
        this.context.trades().countCall(method, ApiCall.text(biz.get("out_trade_no")));
        ApiAnswer answer = operation.handler().apply(new ApiCall(method, params, biz, charset));
        // The call is carried out; these faults lose its answer on the way back.
        if (fault != null && fault.kind() == SandboxFault.Kind.APPLIED_THEN_HTTP_STATUS) {
            httpError(exchange, fault.status(), charset);
            return;
        }
        if (fault != null && fault.kind() == SandboxFault.Kind.APPLIED_THEN_DELAY) {
            pause(fault.pause());
        }
        if (answer instanceof ApiAnswer.Json json) {
            respond(exchange, method, json.inner(), charset, fault);
        }
        else if (answer instanceof ApiAnswer.Redirect redirect) {
            Exchanges.redirect(exchange, 302, redirect.location());
        }
        else if (answer instanceof ApiAnswer.RefusedPage refused) {
            refusedPage(exchange, operation.caller(), refused, charset);
        }
    }

    /** The failing sub_code of the protocol parameters and signature, or {@code null}. */
    private @Nullable String checkProtocol(Map<String, String> params, Charset charset) {
        if (isEmpty(params.get("sign"))) {
            return "isv.missing-signature";
        }
        if (isEmpty(params.get("sign_type"))) {
            return "isv.missing-signature-type";
        }
        // RSA2 only: the SHA1 "RSA" type is legacy, and the sandbox never offers it.
        if (!SandboxKeys.RSA2.equals(params.get("sign_type"))) {
            return "isv.invalid-signature-type";
        }
        if (isEmpty(params.get("timestamp"))) {
            return "isv.missing-timestamp";
        }
        if (isEmpty(params.get("version"))) {
            return "isv.missing-version";
        }
        // In certificate mode Alipay finds the application's certificate, whose key verifies the signature, by its SN.
        SandboxCertificates certificates = this.context.certificates();
        String refusedSn = (certificates != null) ? certificates.refusal(params) : null;
        if (refusedSn != null) {
            return refusedSn;
        }
        // The V2 rule signs every parameter but sign (sign_type included), sorted, with raw decoded values, in the
        // request's charset: the bytes differ for GBK and UTF-8, so a wrong charset fails here like tampering.
        if (!this.context.keys().verifyRequest(params, charset)) {
            return "isv.invalid-signature";
        }
        return null;
    }

    /**
     * Answers {@code {"<root>":<inner>,"sign":"..."}}, or in certificate mode
     * {@code {"<root>":<inner>,"alipay_cert_sn":"...","sign":"..."}} as the real gateway writes it. The SDK verifies the
     * exact bytes between the root's braces, not a re-serialised object, so the inner text is written once and those
     * very bytes are signed. The SDK's JSON writer escapes {@code /} as {@code \/}, as real Alipay does and signs; the
     * SDK falls back to unescaping only when the first check fails, so signing the escaped form keeps clients on the
     * path production takes.
     */
    private void respond(HttpExchange exchange, String method, Map<String, ?> inner, Charset charset,
            @Nullable SandboxFault fault) throws IOException {
        String root = root(method);
        String content = new JSONWriter().write(inner);
        String body;
        if (fault != null && fault.kind() == SandboxFault.Kind.MALFORMED_JSON) {
            body = "{\"" + root + "\":" + content.substring(0, content.length() / 2);
        }
        else {
            // A trailing space is enough to break the signature while the JSON stays valid and identical.
            String signed = (fault != null && fault.kind() == SandboxFault.Kind.BAD_SIGNATURE) ? content + " "
                    : content;
            SandboxKeys.SignedAnswer answer = this.context.keys().signAnswer(signed, charset);
            String certSn = (answer.certSn() != null) ? ",\"alipay_cert_sn\":\"" + answer.certSn() + "\"" : "";
            body = "{\"" + root + "\":" + content + certSn + ",\"sign\":\"" + answer.sign() + "\"}";
        }
        Exchanges.send(exchange, 200, "application/json", body, charset);
    }

    /**
     * Answers {@code {"<root>":<inner>}} with no sign: what a forged or stripped answer looks like, which the SDK
     * accepts unverified when it is a failure.
     */
    private static void respondUnsigned(HttpExchange exchange, String method, Map<String, String> inner,
            Charset charset) throws IOException {
        String body = "{\"" + root(method) + "\":" + new JSONWriter().write(inner) + "}";
        Exchanges.send(exchange, 200, "application/json", body, charset);
    }

    /**
     * A protocol error outside any method, unsigned: the real gateway answers {@code error_response} this way when it
     * refuses a request before choosing an app and its keys. The SDK verifies a failure only when it carries a sign.
     */
    private static void errorResponse(HttpExchange exchange, String code, String subCode, Charset charset)
            throws IOException {
        String inner = new JSONWriter().write(ResultCodes.failure(code, subCode));
        Exchanges.send(exchange, 200, "application/json", "{\"error_response\":" + inner + "}", charset);
    }

    /** An error page where the answer should be, as a proxy or load balancer in front of Alipay sends one. */
    private static void httpError(HttpExchange exchange, int status, Charset charset) throws IOException {
        Exchanges.send(exchange, status, "text/html", "<html><body>" + status + " sandbox fault</body></html>",
                charset);
    }

    /** A protocol error before the method is known to be served: the app's error page, or {@code error_response}. */
    private static void refuse(HttpExchange exchange, boolean fromApp, String code, String subCode, Charset charset)
            throws IOException {
        if (fromApp) {
            refusedPage(exchange, TradeApi.Caller.APP, new ApiAnswer.RefusedPage(subCode, ""), charset);
        }
        else {
            errorResponse(exchange, code, subCode, charset);
        }
    }

    /** Page requests come from the buyer's browser or Alipay's app, which cannot read JSON: refusals are pages. */
    private static void refusedPage(HttpExchange exchange, TradeApi.Caller caller, ApiAnswer.RefusedPage refused,
            Charset charset) throws IOException {
        String html = (caller == TradeApi.Caller.APP) ? HtmlPages.appError(refused.subCode(), refused.detail())
                : HtmlPages.cashierError(refused.subCode(), refused.detail());
        Exchanges.send(exchange, 200, "text/html", html, charset);
    }

    /** The response's root key: the method with dots as underscores, as the SDK looks for it. */
    private static String root(String method) {
        return method.replace('.', '_') + "_response";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> bizContent(@Nullable String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        Object parsed = new JSONValidatingReader(new ExceptionErrorListener()).read(json);
        if (!(parsed instanceof Map)) {
            throw new IllegalArgumentException("not an object");
        }
        return (Map<String, Object>) parsed;
    }

    private static boolean isEmpty(@Nullable String value) {
        return value == null || value.isEmpty();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
