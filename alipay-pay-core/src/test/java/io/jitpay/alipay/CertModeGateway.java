package io.jitpay.alipay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.internal.util.json.ExceptionErrorListener;
import com.alipay.api.internal.util.json.JSONValidatingReader;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A gateway that speaks Alipay's certificate mode, for tests until the embedded sandbox learns it: it checks each
 * request's signature with the SDK's own rule ({@code AlipaySignature.rsaCheckV2}) and its {@code app_cert_sn} and
 * {@code alipay_root_cert_sn}, and answers signed envelopes carrying {@code alipay_cert_sn}, with the key and SN a test
 * chooses. It serves {@code alipay.open.app.alipaycert.download} from the certificates a test offers, and a few trade
 * APIs with fixed answers.
 */
final class CertModeGateway implements AutoCloseable {

    static final String DOWNLOAD = "alipay.open.app.alipaycert.download";

    private final HttpServer server;

    private final String appPublicKey;

    private final String appCertSn;

    private final String rootCertSn;

    private final Map<String, String> offered = new ConcurrentHashMap<>();

    private final Map<String, String> paidTrades = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private final List<Received> received = new CopyOnWriteArrayList<>();

    private volatile String signingKey;

    private volatile String answerSn;

    private volatile boolean tamper;

    /**
     * Starts a gateway for an application.
     * @param appPublicKey the application's public key, which must verify requests
     * @param appCertSn    the SN requests must carry
     * @param rootCertSn   the root SN requests must carry
     * @param alipayKey    the key answers are signed with at first
     * @param alipaySn     the SN answers carry at first
     */
    CertModeGateway(PublicKey appPublicKey, String appCertSn, String rootCertSn, PrivateKey alipayKey,
            String alipaySn) throws IOException {
        this.appPublicKey = Base64.getEncoder().encodeToString(appPublicKey.getEncoded());
        this.appCertSn = appCertSn;
        this.rootCertSn = rootCertSn;
        signWith(alipayKey, alipaySn);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        this.server.createContext("/gateway.do", this::handle);
        this.server.start();
    }

    String url() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/gateway.do";
    }

    /** Answers from now on are signed with this key and name this SN ({@code null}: no {@code alipay_cert_sn}). */
    void signWith(PrivateKey key, String sn) {
        this.signingKey = Base64.getEncoder().encodeToString(key.getEncoded());
        this.answerSn = sn;
    }

    /** Answers from now on change a character of the signed text after signing. */
    void tamper() {
        this.tamper = true;
    }

    /** {@code alipay.open.app.alipaycert.download} gives this content for this SN. */
    void offer(String sn, String pem) {
        this.offered.put(sn, Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    void paid(String orderId) {
        this.paidTrades.put(orderId, "TRADE_SUCCESS");
    }

    int calls(String method) {
        AtomicInteger count = this.calls.get(method);
        return (count != null) ? count.get() : 0;
    }

    List<Received> received() {
        return this.received;
    }

    @Override
    public void close() {
        this.server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        Map<String, String> body;
        try (InputStream in = exchange.getRequestBody()) {
            body = form(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
        Map<String, String> params = new LinkedHashMap<>(query);
        params.putAll(body);
        String method = params.getOrDefault("method", "");
        this.received.add(new Received(method, query, body));
        this.calls.computeIfAbsent(method, (name) -> new AtomicInteger()).incrementAndGet();
        String inner = answer(method, params);
        String root = method.replace('.', '_') + "_response";
        String sign;
        try {
            sign = AlipaySignature.rsa256Sign(inner, this.signingKey, "UTF-8");
        }
        catch (AlipayApiException ex) {
            throw new IOException(ex);
        }
        String sent = this.tamper ? inner.replace("Success", "Sucess") : inner;
        String sn = this.answerSn;
        String envelope = "{\"" + root + "\":" + sent + ((sn != null) ? ",\"alipay_cert_sn\":\"" + sn + "\"" : "")
                + ",\"sign\":\"" + sign + "\"}";
        byte[] bytes = envelope.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String answer(String method, Map<String, String> params) {
        boolean signed;
        try {
            signed = AlipaySignature.rsaCheckV2(new HashMap<>(params), this.appPublicKey, "UTF-8", "RSA2");
        }
        catch (AlipayApiException ex) {
            signed = false;
        }
        if (!signed) {
            return failure("40002", "Invalid Arguments", "isv.invalid-signature", "无效签名");
        }
        String appCertSn = params.get("app_cert_sn");
        String rootCertSn = params.get("alipay_root_cert_sn");
        if (appCertSn == null) {
            return failure("40001", "Missing Required Arguments", "isv.missing-app-cert-sn", "缺少应用公钥证书序列号");
        }
        if (!appCertSn.equals(this.appCertSn)) {
            return failure("40002", "Invalid Arguments", "isv.app-cert-not-exist", "应用公钥证书不存在");
        }
        if (rootCertSn == null) {
            return failure("40001", "Missing Required Arguments", "isv.missing-alipay-root-cert-sn",
                    "缺少支付宝根证书序列号");
        }
        if (!rootCertSn.equals(this.rootCertSn)) {
            return failure("40002", "Invalid Arguments", "isv.invalid-alipay-root-cert-sn", "无效支付宝根证书序列号");
        }
        Map<?, ?> biz = (Map<?, ?>) new JSONValidatingReader(new ExceptionErrorListener())
            .read(params.getOrDefault("biz_content", "{}"));
        String orderId = String.valueOf(biz.get("out_trade_no"));
        switch (method) {
            case DOWNLOAD -> {
                String content = this.offered.get(String.valueOf(biz.get("alipay_cert_sn")));
                return (content != null) ? success("\"alipay_cert_content\":\"" + content + "\"")
                        : failure("40004", "Business Failed", "isv.alipay-cert-not-exist", "支付宝公钥证书不存在");
            }
            case "alipay.trade.precreate" -> {
                return success("\"out_trade_no\":\"" + orderId + "\",\"qr_code\":\"https:\\/\\/qr.alipay.com\\/bax0"
                        + orderId + "\"");
            }
            case "alipay.trade.query" -> {
                String status = this.paidTrades.get(orderId);
                return (status != null) ? success("\"buyer_logon_id\":\"abc***@example.com\",\"buyer_pay_amount\":"
                        + "\"0.01\",\"invoice_amount\":\"0.01\",\"out_trade_no\":\"" + orderId + "\",\"point_amount\":"
                        + "\"0.00\",\"receipt_amount\":\"0.01\",\"send_pay_date\":\"2026-01-02 03:04:05\","
                        + "\"total_amount\":\"0.01\",\"trade_no\":\"2026010222001400000000000001\",\"trade_status\":\""
                        + status + "\"") : failure("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在");
            }
            case "alipay.trade.close" -> {
                return this.paidTrades.containsKey(orderId)
                        ? failure("40004", "Business Failed", "ACQ.TRADE_STATUS_ERROR", "交易状态不合法")
                        : failure("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在");
            }
            default -> {
                return failure("40002", "Invalid Arguments", "isv.invalid-method", "不存在的方法名");
            }
        }
    }

    private static String success(String fields) {
        return "{\"code\":\"10000\",\"msg\":\"Success\"," + fields + "}";
    }

    private static String failure(String code, String msg, String subCode, String subMsg) {
        return "{\"code\":\"" + code + "\",\"msg\":\"" + msg + "\",\"sub_code\":\"" + subCode + "\",\"sub_msg\":\""
                + subMsg + "\"}";
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            try {
                params.put(URLDecoder.decode(pair.substring(0, eq), "UTF-8"),
                        URLDecoder.decode(pair.substring(eq + 1), "UTF-8"));
            }
            catch (UnsupportedEncodingException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return params;
    }

    /**
     * A request as it arrived.
     * @param method the API method
     * @param query  the parameters of the URL query
     * @param body   the parameters of the form body
     */
    record Received(String method, Map<String, String> query, Map<String, String> body) {

        Map<String, String> params() {
            Map<String, String> all = new LinkedHashMap<>(this.query);
            all.putAll(this.body);
            return all;
        }
    }
}
