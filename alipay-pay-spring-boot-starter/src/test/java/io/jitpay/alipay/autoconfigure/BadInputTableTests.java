package io.jitpay.alipay.autoconfigure;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.jitpay.alipay.AliPayConfig;
import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.NotifyForm;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.alipay.sandbox.SandboxFault;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and broken input against the API and the notification endpoint. Each must end in a typed error, a
 * {@code failure} answer, an HTTP 4xx, or (for a validly signed notification that can never apply) a {@code success}
 * answer journaled as rejected; and change no row of the order tables (every notification is journaled, by design).
 * The tally is printed at the end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = BadInputTableTests.Shop.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTableTests {

    @RegisterExtension
    static final AliPaySandboxExtension sandbox = new AliPaySandboxExtension();

    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    private final AtomicInteger tried = new AtomicInteger();

    private final AtomicInteger accepted = new AtomicInteger();

    private final AtomicInteger rowsChanged = new AtomicInteger();

    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private AliPayment payment;

    @Autowired
    private DataSource dataSource;

    /** An order paid at the sandbox whose genuine notification is not delivered, and a paid, settled order. */
    private PayLog waiting;

    private PayLog settled;

    private Map<String, String> genuine;

    @DynamicPropertySource
    static void alipay(DynamicPropertyRegistry registry) {
        SandboxProperties.register(registry, sandbox);
    }

    @BeforeAll
    void orders() {
        this.waiting = this.payment.create("Coffee", new BigDecimal("9.90"));
        this.payment.getPayUrl(this.waiting.orderId(), PayType.PRE_PAY);
        sandbox.get().pay(this.waiting.orderId());
        this.genuine = sandbox.get().notification(this.waiting.orderId());
        this.settled = this.payment.create("Tea", new BigDecimal("5.00"));
        this.payment.getPayUrl(this.settled.orderId(), PayType.PRE_PAY);
        sandbox.get().pay(this.settled.orderId());
        this.payment.check(this.settled.orderId());
    }

    @AfterAll
    void tally() {
        System.out.println(this.tried + " bad inputs tried, " + this.accepted + " accepted, " + this.rowsChanged
                + " rows changed");
        assertThat(this.payment.find(this.waiting.orderId())).get().extracting(PayLog::status)
            .isEqualTo(PayStatus.WAIT);
    }

    static Stream<Arguments> badInputs() {
        List<Arguments> cases = new ArrayList<>();
        // The notification endpoint: signatures.
        add(cases, "missing sign", (t) -> t.post(t.without("sign")));
        add(cases, "empty sign", (t) -> t.post(t.with("sign", "")));
        add(cases, "sign that is not base64", (t) -> t.post(t.with("sign", "not base64 at all!")));
        add(cases, "valid sign of other content", (t) -> t.post(t.with("sign",
                sandbox.get().notification(t.settled.orderId()).get("sign"))));
        add(cases, "sign_type=RSA", (t) -> t.post(t.with("sign_type", "RSA")));
        add(cases, "signed by the V2 rule (sign_type included)", (t) -> t.post(t.signedV2()));
        add(cases, "signed with the application's own key", (t) -> t.post(t.signedBy(
                java.util.Base64.getDecoder().decode(sandbox.get().appPrivateKey()))));
        add(cases, "tampered amount", (t) -> t.post(t.with("total_amount", "0.01")));
        add(cases, "tampered subject", (t) -> t.post(t.with("subject", "Coffef")));
        add(cases, "tampered trade_no", (t) -> t.post(t.with("trade_no", "2026112622001000000000000000")));
        add(cases, "tampered trade_status", (t) -> t.post(t.with("trade_status", "TRADE_FINISHED")));
        add(cases, "extra unsigned parameter", (t) -> t.post(t.with("refund_fee", "9.90")));
        add(cases, "control characters injected", (t) -> t.post(t.with("subject", "Coffee\u0000\r\n")));
        // The notification endpoint: validly signed, but not ours or not sane.
        add(cases, "non-numeric amount", (t) -> t.post(t.resigned((p) -> put(p, "total_amount", "abc"))));
        add(cases, "negative amount", (t) -> t.post(t.resigned((p) -> put(p, "total_amount", "-9.90"))));
        add(cases, "three-decimal amount", (t) -> t.post(t.resigned((p) -> put(p, "total_amount", "9.901"))));
        add(cases, "another amount", (t) -> t.post(t.resigned((p) -> put(p, "total_amount", "0.01"))));
        add(cases, "missing amount", (t) -> t.post(t.resigned((p) -> remove(p, "total_amount"))));
        add(cases, "another app_id", (t) -> t.post(t.resigned((p) -> put(p, "app_id", "2021009999999999"))));
        add(cases, "another seller_id", (t) -> t.post(t.resigned((p) -> put(p, "seller_id", "2088999999999999"))));
        add(cases, "unknown order", (t) -> t.post(t.resigned((p) -> put(p, "out_trade_no", "NOT_OURS"))));
        add(cases, "order id with SQL", (t) -> t.post(t.resigned((p) -> put(p, "out_trade_no",
                "1' OR '1'='1'; DROP TABLE jitpay_pay_log;--"))));
        add(cases, "order id with HTML", (t) -> t.post(t.resigned((p) -> put(p, "out_trade_no",
                "<script>alert(1)</script>"))));
        add(cases, "missing order id", (t) -> t.post(t.resigned((p) -> remove(p, "out_trade_no"))));
        add(cases, "unknown trade_status", (t) -> t.post(t.resigned((p) -> put(p, "trade_status", "PAID"))));
        // The notification endpoint: HTTP and encoding.
        add(cases, "duplicated parameter", (t) -> t.postRaw(NotifyForm.encode(t.genuine, StandardCharsets.UTF_8)
                + "&total_amount=0.01", FORM));
        add(cases, "1 MiB body", (t) -> t.postRaw("subject=" + "x".repeat(1 << 20), FORM));
        add(cases, "body just over 64 KiB", (t) -> t.postRaw("a=" + "x".repeat(64 * 1024), FORM));
        add(cases, "unknown charset", (t) -> t.post(t.with("charset", "klingon-8")));
        add(cases, "UTF-8 body claiming GBK", (t) -> t.postRaw(NotifyForm.encode(t.with("charset", "gbk"),
                StandardCharsets.UTF_8), FORM));
        add(cases, "truncated body", (t) -> {
            String body = NotifyForm.encode(t.genuine, StandardCharsets.UTF_8);
            return t.postRaw(body.substring(0, body.length() / 2), FORM);
        });
        add(cases, "truncated percent escape", (t) -> t.postRaw(t.genuineForm() + "%E4%B", FORM));
        add(cases, "empty body", (t) -> t.postRaw("", FORM));
        add(cases, "JSON body", (t) -> t.postRaw("{\"out_trade_no\":\"" + t.waiting.orderId() + "\"}",
                "application/json"));
        add(cases, "text/plain body", (t) -> t.postRaw(t.genuineForm(), "text/plain"));
        add(cases, "broken content type", (t) -> t.postRaw(t.genuineForm(), ";;;=/"));
        add(cases, "charset that decodes but cannot encode", (t) -> t.post(t.with("charset", "ISO-2022-CN")));
        add(cases, "tampered amount in a body a filter consumed", (t) -> t.send("POST",
                NotifyForm.encode(t.with("total_amount", "0.01"), StandardCharsets.UTF_8), FORM,
                NotifyEndpointIntegrationTests.ParameterReadingFilter.HEADER));
        add(cases, "empty body after a filter consumed it", (t) -> t.send("POST", "", FORM,
                NotifyEndpointIntegrationTests.ParameterReadingFilter.HEADER));
        add(cases, "GET", (t) -> t.send("GET", null, null));
        add(cases, "PUT", (t) -> t.send("PUT", NotifyForm.encode(t.genuine, StandardCharsets.UTF_8), FORM));
        // The API.
        add(cases, "zero amount", (t) -> t.call(() -> t.payment.create("Coffee", BigDecimal.ZERO)));
        add(cases, "negative amount", (t) -> t.call(() -> t.payment.create("Coffee", new BigDecimal("-1"))));
        add(cases, "three-decimal amount", (t) -> t.call(() -> t.payment.create("Coffee", new BigDecimal("0.001"))));
        add(cases, "amount above the maximum", (t) -> t.call(() -> t.payment.create("Coffee",
                new BigDecimal("100000000.01"))));
        add(cases, "missing amount", (t) -> t.call(() -> t.payment.create("Coffee", null)));
        add(cases, "blank subject", (t) -> t.call(() -> t.payment.create(" ", BigDecimal.ONE)));
        add(cases, "257-character subject", (t) -> t.call(() -> t.payment.create("x".repeat(257), BigDecimal.ONE)));
        add(cases, "subject with control characters", (t) -> t.call(() -> t.payment.create("Coffee\u0007",
                BigDecimal.ONE)));
        add(cases, "subject spliced with a parameter", (t) -> t.call(() -> t.payment.create(
                "Coffee&total_amount=0.01", new BigDecimal("9.90"))));
        add(cases, "order id with SQL", (t) -> t.call(() -> t.payment.create("Coffee", BigDecimal.ONE,
                "1';DELETE FROM jitpay_pay_log;--")));
        add(cases, "order id with HTML", (t) -> t.call(() -> t.payment.create("Coffee", BigDecimal.ONE, "<b>x</b>")));
        add(cases, "65-character order id", (t) -> t.call(() -> t.payment.create("Coffee", BigDecimal.ONE,
                "A".repeat(65))));
        add(cases, "duplicate order id", (t) -> t.call(() -> t.payment.create("Coffee", BigDecimal.ONE,
                t.waiting.orderId())));
        add(cases, "unknown pay type", (t) -> t.call(() -> t.payment.getPayUrl(t.waiting.orderId(), "BITCOIN")));
        add(cases, "pay URL of an unknown order", (t) -> t.call(() -> t.payment.getPayUrl("NOPE", PayType.WAP_PAY)));
        add(cases, "pay URL of a paid order", (t) -> t.call(() -> t.payment.getPayUrl(t.settled.orderId(),
                PayType.PRE_PAY)));
        add(cases, "cancel of a paid order", (t) -> t.call(() -> t.payment.cancel(t.settled.orderId())));
        add(cases, "check of an unknown order", (t) -> t.call(() -> t.payment.check("NOPE")));
        add(cases, "replay of an unknown notification", (t) -> t.call(() -> t.payment.replayNotification(-7)));
        add(cases, "unsigned TRADE_NOT_EXIST answering a cancel", (t) -> t.afterFault("alipay.trade.close",
                SandboxFault.unsignedError("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在"),
                () -> t.payment.cancel(t.waiting.orderId())));
        add(cases, "unsigned TRADE_NOT_EXIST answering a check", (t) -> t.afterFault("alipay.trade.query",
                SandboxFault.unsignedError("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在"),
                () -> t.payment.check(t.waiting.orderId())));
        add(cases, "signed 20000 without sub_code answering a cancel", (t) -> t.afterFault("alipay.trade.close",
                SandboxFault.error("20000", null, null), () -> t.payment.cancel(t.waiting.orderId())));
        add(cases, "quoted private key with a stray ';'", (t) -> t.call(() -> AliPayConfig.builder()
            .appId("2021000000000001").privateKey("\"" + sandbox.get().appPrivateKey() + ";\"")
            .publicKey(sandbox.get().alipayPublicKey()).build()));
        add(cases, "plain-http gateway on another machine", (t) -> t.call(() -> AliPayConfig.builder()
            .appId("2021000000000001").privateKey(sandbox.get().appPrivateKey()).publicKey(sandbox.get().alipayPublicKey())
            .gatewayUrl("http://203.0.113.5/gateway.do").build()));
        add(cases, "tampered return parameters", (t) -> t.call(() -> t.payment.verifyReturn(t.with("total_amount",
                "0.01"))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void isRefusedAndChangesNothing(String name, BadInput input) throws Exception {
        List<Object> before = snapshot();
        String outcome = input.attempt(this);
        boolean refused = outcome.startsWith("error ") || outcome.equals("failure") || outcome.startsWith("HTTP 4")
                || outcome.startsWith("rejected ");
        boolean unchanged = snapshot().equals(before);
        this.tried.incrementAndGet();
        if (!refused) {
            this.accepted.incrementAndGet();
        }
        if (!unchanged) {
            this.rowsChanged.incrementAndGet();
        }
        assertThat(refused).as("%s ended in %s", name, outcome).isTrue();
        assertThat(unchanged).as("%s changed stored rows", name).isTrue();
    }

    // Attempts, each ending in "error <code>", "failure", "rejected <check>", "success" or "HTTP <status> <body>".

    private String call(Runnable call) {
        try {
            call.run();
            return "returned";
        }
        catch (PayException ex) {
            return "error " + ex.code();
        }
    }

    private String afterFault(String method, SandboxFault fault, Runnable call) {
        sandbox.get().failNext(method, fault);
        try {
            return call(call);
        }
        finally {
            sandbox.get().clearFaults();
        }
    }

    private String genuineForm() {
        return NotifyForm.encode(this.genuine, StandardCharsets.UTF_8);
    }

    private String post(Map<String, String> params) throws Exception {
        return postRaw(NotifyForm.encode(params, StandardCharsets.UTF_8), FORM);
    }

    private String postRaw(String body, String contentType) throws Exception {
        return send("POST", body, contentType);
    }

    private String send(String method, String body, String contentType, String... flags) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port
                + "/jitpay/alipay/notify"));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (String flag : flags) {
            request.header(flag, "true");
        }
        request.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1)
                : HttpRequest.BodyPublishers.noBody());
        HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && "success".equals(response.body())) {
            // Acknowledged: a signed notification that can never apply is journaled as rejected.
            Map<String, Object> last = JdbcClient.create(this.dataSource)
                .sql("SELECT outcome, rejection FROM jitpay_notify_log ORDER BY id DESC").query().listOfRows().get(0);
            return "REJECTED".equals(last.get("OUTCOME")) ? "rejected " + last.get("REJECTION") : "success";
        }
        if (response.statusCode() == 200) {
            return response.body();
        }
        return "HTTP " + response.statusCode() + " " + response.body();
    }

    private Map<String, String> with(String name, String value) {
        Map<String, String> params = new LinkedHashMap<>(this.genuine);
        params.put(name, value);
        return params;
    }

    private Map<String, String> without(String name) {
        Map<String, String> params = new LinkedHashMap<>(this.genuine);
        params.remove(name);
        return params;
    }

    /** The genuine notification changed, then signed again with the sandbox's "Alipay" key. */
    private Map<String, String> resigned(UnaryOperator<Map<String, String>> change) {
        Map<String, String> params = new LinkedHashMap<>(this.genuine);
        params.remove("sign");
        params.remove("sign_type");
        return sandbox.get().sign(change.apply(params), StandardCharsets.UTF_8);
    }

    private Map<String, String> signedV2() throws Exception {
        Map<String, String> params = new LinkedHashMap<>(this.genuine);
        params.remove("sign");
        String content = com.alipay.api.internal.util.AlipaySignature.getSignCheckContentV2(new LinkedHashMap<>(params));
        return with("sign", signWith(content, java.util.Base64.getDecoder().decode(sandbox.get().appPrivateKey())));
    }

    private Map<String, String> signedBy(byte[] pkcs8) throws Exception {
        Map<String, String> params = new LinkedHashMap<>(this.genuine);
        params.remove("sign");
        params.remove("sign_type");
        String content = com.alipay.api.internal.util.AlipaySignature.getSignCheckContentV1(new LinkedHashMap<>(params));
        return with("sign", signWith(content, pkcs8));
    }

    private static String signWith(String content, byte[] pkcs8) throws Exception {
        java.security.Signature signature = java.security.Signature.getInstance("SHA256withRSA");
        signature.initSign(java.security.KeyFactory.getInstance("RSA")
            .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pkcs8)));
        signature.update(content.getBytes(StandardCharsets.UTF_8));
        return java.util.Base64.getEncoder().encodeToString(signature.sign());
    }


    private List<Object> snapshot() {
        JdbcClient jdbc = JdbcClient.create(this.dataSource);
        return List.of(jdbc.sql("SELECT * FROM jitpay_pay_log ORDER BY order_id").query().listOfRows(),
                jdbc.sql("SELECT * FROM jitpay_alipay_log ORDER BY order_id").query().listOfRows());
    }

    private static Map<String, String> put(Map<String, String> params, String name, String value) {
        params.put(name, value);
        return params;
    }

    private static Map<String, String> remove(Map<String, String> params, String name) {
        params.remove(name);
        return params;
    }

    private static void add(List<Arguments> cases, String name, BadInput input) {
        cases.add(Arguments.of(name, input));
    }

    /** One hostile or broken input; returns how it ended. */
    @FunctionalInterface
    interface BadInput {

        String attempt(BadInputTableTests test) throws Exception;
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(NotifyEndpointIntegrationTests.ParameterReadingFilter.class)
    static class Shop {
    }

}
