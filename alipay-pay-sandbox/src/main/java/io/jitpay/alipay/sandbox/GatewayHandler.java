package io.jitpay.alipay.sandbox;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.alipay.api.internal.util.json.ExceptionErrorListener;
import com.alipay.api.internal.util.json.JSONValidatingReader;
import com.alipay.api.internal.util.json.JSONWriter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.jspecify.annotations.Nullable;

/**
 * {@code /gateway.do}: verifies each request with the app's public key (V2 rule, query and body merged), serves the
 * trade APIs and answers {@code {"<method>_response":{...},"sign":"..."}}, signed over the exact bytes of the inner
 * object, with {@code /} escaped as {@code \/} as real Alipay does.
 */
final class GatewayHandler implements HttpHandler {

    static final String PRECREATE = "alipay.trade.precreate";

    static final String WAP_PAY = "alipay.trade.wap.pay";

    static final String QUERY = "alipay.trade.query";

    static final String CLOSE = "alipay.trade.close";

    static final String CANCEL = "alipay.trade.cancel";

    private static final Pattern AMOUNT = Pattern.compile("\\d{1,9}(\\.\\d{1,2})?");

    private static final Pattern TIMEOUT_EXPRESS = Pattern.compile("(\\d+)([mhdc])");

    private static final BigDecimal MAX_AMOUNT = new BigDecimal("100000000.00");

    private final AliPaySandbox sandbox;

    GatewayHandler(AliPaySandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String verb = exchange.getRequestMethod();
            if (!"POST".equals(verb) && !"GET".equals(verb)) {
                Exchanges.send(exchange, 405, "text/plain", "Method Not Allowed", StandardCharsets.UTF_8);
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            String body = Exchanges.body(exchange);
            if (body == null) {
                Exchanges.send(exchange, 413, "text/plain", "Request Entity Too Large", StandardCharsets.UTF_8);
                return;
            }
            Charset charset = FormEncoding.charsetOf(query, body);
            if (charset == null) {
                errorResponse(exchange, "40002", "isv.invalid-charset", "字符集不合法", StandardCharsets.UTF_8);
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
            handle(exchange, params, charset);
        }
    }

    private void handle(HttpExchange exchange, Map<String, String> params, Charset charset) throws IOException {
        String method = params.get("method");
        if (method == null || method.isEmpty()) {
            errorResponse(exchange, "40001", "isv.missing-method", "缺少方法名参数", charset);
            return;
        }
        SandboxFault fault = this.sandbox.takeFault(method);
        if (fault != null && fault.kind() == SandboxFault.Kind.HTTP_STATUS) {
            Exchanges.send(exchange, fault.status(), "text/html", "<html><body>" + fault.status()
                    + " sandbox fault</body></html>", charset);
            return;
        }
        if (fault != null && fault.kind() == SandboxFault.Kind.DELAY) {
            pause(fault.pause());
        }
        String appId = params.get("app_id");
        if (appId == null || appId.isEmpty()) {
            errorResponse(exchange, "40001", "isv.missing-app-id", "缺少AppID参数", charset);
            return;
        }
        if (!this.sandbox.appId().equals(appId)) {
            errorResponse(exchange, "40002", "isv.invalid-app-id", "无效的AppID参数", charset);
            return;
        }
        boolean page = WAP_PAY.equals(method);
        if (!page && !QUERY.equals(method) && !PRECREATE.equals(method) && !CLOSE.equals(method)
                && !CANCEL.equals(method)) {
            errorResponse(exchange, "40002", "isv.invalid-method", "不存在的方法名", charset);
            return;
        }
        String failure = checkProtocol(params, charset);
        if (failure != null) {
            if (page) {
                errorPage(exchange, failure, charset);
            }
            else {
                String code = failure.startsWith("isv.missing") ? "40001" : "40002";
                respond(exchange, method, failure(code, failure, "签名校验失败"), charset, fault);
            }
            return;
        }
        if (fault != null && fault.kind() == SandboxFault.Kind.ERROR_CODE) {
            respond(exchange, method, failure(fault.code(), fault.subCode(), fault.subMsg()), charset, null);
            return;
        }
        Map<String, Object> biz;
        try {
            biz = bizContent(params.get("biz_content"));
        }
        catch (IllegalArgumentException ex) {
            respond(exchange, method, failure("40002", "isv.invalid-parameter", "biz_content 不是合法的 JSON"),
                    charset, fault);
            return;
        }
        this.sandbox.countCall(method, string(biz.get("out_trade_no")));
        switch (method) {
            case PRECREATE -> respond(exchange, method, precreate(params, biz, charset), charset, fault);
            case WAP_PAY -> wapPay(exchange, params, biz, charset);
            case QUERY -> respond(exchange, method, query(biz), charset, fault);
            case CLOSE -> respond(exchange, method, close(biz), charset, fault);
            default -> respond(exchange, method, cancel(biz), charset, fault);
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
        if (!SandboxKeys.RSA2.equals(params.get("sign_type"))) {
            return "isv.invalid-signature-type";
        }
        if (isEmpty(params.get("timestamp"))) {
            return "isv.missing-timestamp";
        }
        if (isEmpty(params.get("version"))) {
            return "isv.missing-version";
        }
        if (!this.sandbox.keys().verifyRequest(params, charset)) {
            return "isv.invalid-signature";
        }
        return null;
    }

    private Map<String, String> precreate(Map<String, String> params, Map<String, Object> biz, Charset charset) {
        String invalid = invalidField(biz);
        if (invalid != null) {
            return failure("40004", "ACQ.INVALID_PARAMETER", "参数无效: " + invalid);
        }
        Order order = Order.of(biz);
        Trade trade = this.sandbox.trades().computeIfAbsent(order.orderId(), (id) -> this.sandbox.newTrade(id,
                PRECREATE, order.subject(), order.amount(), charset, expiry(biz, Duration.ofHours(2)),
                params.get("notify_url"), null));
        String problem = reuse(trade, order);
        if (problem != null) {
            return problem.startsWith("ACQ.") ? failure("40004", problem, describe(problem)) : failure("40004",
                    "ACQ.INVALID_PARAMETER", problem);
        }
        Map<String, String> fields = new TreeMap<>();
        fields.put("out_trade_no", trade.orderId);
        fields.put("qr_code", this.sandbox.baseUrl() + "/qr/" + trade.token);
        return success(fields);
    }

    private void wapPay(HttpExchange exchange, Map<String, String> params, Map<String, Object> biz, Charset charset)
            throws IOException {
        String invalid = invalidField(biz);
        if (invalid != null) {
            errorPage(exchange, "ACQ.INVALID_PARAMETER: " + invalid, charset);
            return;
        }
        if (!"QUICK_WAP_WAY".equals(biz.get("product_code"))) {
            errorPage(exchange, "ACQ.INVALID_PARAMETER: product_code must be QUICK_WAP_WAY", charset);
            return;
        }
        Order order = Order.of(biz);
        Trade trade = this.sandbox.trades().computeIfAbsent(order.orderId(), (id) -> this.sandbox.newTrade(id,
                WAP_PAY, order.subject(), order.amount(), charset, expiry(biz, Duration.ofDays(15)),
                params.get("notify_url"), params.get("return_url")));
        String problem = reuse(trade, order);
        if (problem != null) {
            errorPage(exchange, problem + ": " + describe(problem), charset);
            return;
        }
        trade.engage(this.sandbox.now());
        Exchanges.redirect(exchange, 302, this.sandbox.baseUrl() + "/cashier/" + trade.token);
    }

    private Map<String, String> query(Map<String, Object> biz) {
        Trade trade = find(biz);
        Instant now = this.sandbox.now();
        String status = (trade != null) ? trade.status(now) : null;
        if (trade == null || status == null) {
            return failure("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在");
        }
        boolean paid = Trade.TRADE_SUCCESS.equals(status) || (trade.paidAt() != null);
        String paidAmount = paid ? trade.amount.toPlainString() : "0.00";
        Map<String, String> fields = new TreeMap<>();
        fields.put("buyer_logon_id", trade.buyerLogonId);
        fields.put("buyer_pay_amount", paidAmount);
        fields.put("buyer_user_id", trade.buyerId);
        fields.put("buyer_user_type", "PRIVATE");
        fields.put("invoice_amount", paidAmount);
        fields.put("out_trade_no", trade.orderId);
        fields.put("point_amount", "0.00");
        fields.put("receipt_amount", paidAmount);
        if (trade.paidAt() != null) {
            fields.put("send_pay_date", this.sandbox.beijing(trade.paidAt()));
        }
        fields.put("total_amount", trade.amount.toPlainString());
        fields.put("trade_no", trade.tradeNo);
        fields.put("trade_status", status);
        return success(fields);
    }

    private Map<String, String> close(Map<String, Object> biz) {
        Trade trade = find(biz);
        if (trade == null) {
            return failure("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在");
        }
        String problem = trade.close(this.sandbox.now());
        if (problem != null) {
            return failure("40004", problem, describe(problem));
        }
        this.sandbox.notifyTrade(trade);
        Map<String, String> fields = new TreeMap<>();
        fields.put("out_trade_no", trade.orderId);
        fields.put("trade_no", trade.tradeNo);
        return success(fields);
    }

    private Map<String, String> cancel(Map<String, Object> biz) {
        Trade trade = find(biz);
        Map<String, String> fields = new TreeMap<>();
        fields.put("out_trade_no", string(biz.get("out_trade_no")));
        fields.put("retry_flag", "N");
        if (trade != null) {
            String action = trade.cancel(this.sandbox.now());
            if (action != null) {
                fields.put("action", action);
                fields.put("trade_no", trade.tradeNo);
                if ("refund".equals(action)) {
                    fields.put("gmt_refund_pay", this.sandbox.beijing(this.sandbox.now()));
                }
                this.sandbox.notifyTrade(trade);
            }
        }
        return success(fields);
    }

    private @Nullable Trade find(Map<String, Object> biz) {
        String tradeNo = string(biz.get("trade_no"));
        if (!tradeNo.isEmpty()) {
            return this.sandbox.trades().values().stream().filter((t) -> t.tradeNo.equals(tradeNo)).findFirst()
                .orElse(null);
        }
        return this.sandbox.trades().get(string(biz.get("out_trade_no")));
    }

    /** The trade's problem when a create request comes again for it, or {@code null} when it may be reused. */
    private @Nullable String reuse(Trade trade, Order order) {
        Instant now = this.sandbox.now();
        if (trade.amount.compareTo(order.amount()) != 0 || !trade.subject.equals(order.subject())) {
            return "ACQ.CONTEXT_INCONSISTENT";
        }
        String status = trade.status(now);
        if (Trade.TRADE_SUCCESS.equals(status)) {
            return "ACQ.TRADE_HAS_SUCCESS";
        }
        if (!trade.payable(now)) {
            return "ACQ.TRADE_HAS_CLOSE";
        }
        return null;
    }

    /** The first invalid field of a create request, or {@code null} when it is valid. */
    private static @Nullable String invalidField(Map<String, Object> biz) {
        String orderId = string(biz.get("out_trade_no"));
        String subject = string(biz.get("subject"));
        String amount = string(biz.get("total_amount"));
        if (orderId.isEmpty() || orderId.length() > 64) {
            return "out_trade_no";
        }
        if (subject.isEmpty() || subject.length() > 256) {
            return "subject";
        }
        if (!AMOUNT.matcher(amount).matches()) {
            return "total_amount";
        }
        BigDecimal value = new BigDecimal(amount);
        if (value.signum() <= 0 || value.compareTo(MAX_AMOUNT) > 0) {
            return "total_amount";
        }
        return null;
    }

    private Instant expiry(Map<String, Object> biz, Duration fallback) {
        Instant now = this.sandbox.now();
        String timeExpire = string(biz.get("time_expire"));
        if (!timeExpire.isEmpty()) {
            try {
                return LocalDateTime.parse(timeExpire.replace(' ', 'T')).toInstant(AliPaySandbox.BEIJING);
            }
            catch (DateTimeParseException ex) {
                return now.plus(fallback);
            }
        }
        var matcher = TIMEOUT_EXPRESS.matcher(string(biz.get("timeout_express")));
        if (matcher.matches()) {
            long n = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "m" -> now.plus(Duration.ofMinutes(n));
                case "h" -> now.plus(Duration.ofHours(n));
                default -> now.plus(Duration.ofDays(n));
            };
        }
        return now.plus(fallback);
    }

    private void respond(HttpExchange exchange, String method, Map<String, String> inner, Charset charset,
            @Nullable SandboxFault fault) throws IOException {
        String root = method.replace('.', '_') + "_response";
        String content = new JSONWriter().write(inner);
        String body;
        if (fault != null && fault.kind() == SandboxFault.Kind.MALFORMED_JSON) {
            body = "{\"" + root + "\":" + content.substring(0, content.length() / 2);
        }
        else {
            String signed = (fault != null && fault.kind() == SandboxFault.Kind.BAD_SIGNATURE) ? content + " "
                    : content;
            body = "{\"" + root + "\":" + content + ",\"sign\":\"" + this.sandbox.keys().sign(signed, charset)
                    + "\"}";
        }
        Exchanges.send(exchange, 200, "application/json", body, charset);
    }

    /** A protocol error outside any method, unsigned, as the real gateway sends for an unknown app. */
    private static void errorResponse(HttpExchange exchange, String code, String subCode, String subMsg,
            Charset charset) throws IOException {
        String inner = new JSONWriter().write(failure(code, subCode, subMsg));
        Exchanges.send(exchange, 200, "application/json", "{\"error_response\":" + inner + "}", charset);
    }

    private void errorPage(HttpExchange exchange, String problem, Charset charset) throws IOException {
        Exchanges.send(exchange, 200, "text/html", HtmlPages.refusedPayment(problem), charset);
    }

    static Map<String, String> success(Map<String, String> fields) {
        Map<String, String> inner = new LinkedHashMap<>();
        inner.put("code", "10000");
        inner.put("msg", "Success");
        inner.putAll(fields);
        return inner;
    }

    static Map<String, String> failure(@Nullable String code, @Nullable String subCode, @Nullable String subMsg) {
        Map<String, String> inner = new LinkedHashMap<>();
        inner.put("code", (code != null) ? code : "40004");
        inner.put("msg", switch (inner.get("code")) {
            case "20000" -> "Service Currently Unavailable";
            case "20001" -> "Insufficient Token Permissions";
            case "40001" -> "Missing Required Arguments";
            case "40002" -> "Invalid Arguments";
            case "40003" -> "Insufficient Conditions";
            case "40005" -> "Call Limited";
            case "40006" -> "Insufficient Permissions";
            default -> "Business Failed";
        });
        if (subCode != null) {
            inner.put("sub_code", subCode);
        }
        if (subMsg != null) {
            inner.put("sub_msg", subMsg);
        }
        return inner;
    }

    private static String describe(String subCode) {
        return switch (subCode) {
            case "ACQ.TRADE_HAS_SUCCESS" -> "交易已被支付";
            case "ACQ.TRADE_HAS_CLOSE" -> "交易已经关闭";
            case "ACQ.CONTEXT_INCONSISTENT" -> "交易信息被篡改";
            case "ACQ.TRADE_NOT_EXIST" -> "交易不存在";
            case "ACQ.TRADE_STATUS_ERROR" -> "交易状态不合法";
            default -> subCode;
        };
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

    private static String string(@Nullable Object value) {
        return (value != null) ? value.toString().trim() : "";
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

    private record Order(String orderId, String subject, BigDecimal amount) {

        /** The order of a create request that {@link #invalidField} accepted. */
        static Order of(Map<String, Object> biz) {
            return new Order(string(biz.get("out_trade_no")), string(biz.get("subject")),
                    new BigDecimal(string(biz.get("total_amount"))).setScale(2));
        }
    }
}
