package io.jitpay.alipay.sandbox;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.alipay.api.AlipayClient;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeWapPayRequest;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/** The buyer's side and the asynchronous notifications, checked with the official SDK's verification. */
class NotificationAndCashierTest {

    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

    private final List<String> contentTypes = new CopyOnWriteArrayList<>();

    private final AtomicInteger failuresToAnswer = new AtomicInteger();

    private HttpServer merchant;

    private AliPaySandbox sandbox;

    private MutableClock clock;

    @BeforeEach
    void start() throws Exception {
        this.merchant = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        this.merchant.createContext("/notify", (exchange) -> {
            try (exchange) {
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                this.contentTypes.add(type);
                Charset charset = Charset.forName(type.substring(type.indexOf("charset=") + 8));
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
                this.received.add(FormEncoding.parse(body, charset));
                byte[] answer = ((this.failuresToAnswer.getAndDecrement() > 0) ? "failure" : "success").getBytes();
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        });
        this.merchant.start();
        this.clock = new MutableClock(Instant.now());
        this.sandbox = AliPaySandbox.builder().clock(this.clock).notifyRetryScale(0.00002).start();
    }

    @AfterEach
    void stop() {
        this.sandbox.close();
        this.merchant.stop(0);
    }

    @Test
    void paymentNotificationVerifiesWithTheSdksRsaCheckV1() throws Exception {
        String orderId = precreate("UTF-8", "yansongda+测试 - 1");
        this.sandbox.pay(orderId);
        await().until(() -> this.received.size() == 1);
        Map<String, String> notification = this.received.get(0);
        assertThat(notification).containsEntry("trade_status", "TRADE_SUCCESS")
            .containsEntry("out_trade_no", orderId).containsEntry("subject", "yansongda+测试 - 1")
            .containsEntry("notify_type", "trade_status_sync").containsEntry("sign_type", "RSA2")
            .containsEntry("app_id", this.sandbox.appId()).containsEntry("seller_id", this.sandbox.sellerId())
            .containsKeys("notify_id", "gmt_payment", "trade_no", "buyer_id", "fund_bill_list", "notify_time");
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(notification), this.sandbox.alipayPublicKey(), "UTF-8",
                "RSA2")).isTrue();
        assertThat(this.contentTypes.get(0)).isEqualTo("application/x-www-form-urlencoded; charset=utf-8");
        assertThat(this.sandbox.deliveries(orderId)).singleElement()
            .satisfies((delivery) -> assertThat(delivery.acknowledged()).isTrue());
    }

    @Test
    void gbkRequestsGetGbkNotifications() throws Exception {
        String orderId = precreate("GBK", "中文商品");
        this.sandbox.pay(orderId);
        await().until(() -> this.received.size() == 1);
        assertThat(this.contentTypes.get(0)).endsWith("charset=gbk");
        Map<String, String> notification = this.received.get(0);
        assertThat(notification).containsEntry("charset", "gbk").containsEntry("subject", "中文商品");
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(notification), this.sandbox.alipayPublicKey(), "GBK",
                "RSA2")).isTrue();
    }

    @Test
    void unacknowledgedNotificationIsRetriedOnAlipaysLadderUntilSuccess() {
        this.failuresToAnswer.set(3);
        String orderId = precreate("UTF-8", "Coffee");
        this.sandbox.pay(orderId);
        await().until(() -> this.sandbox.deliveries(orderId).size() == 4);
        List<NotificationDelivery> deliveries = this.sandbox.deliveries(orderId);
        assertThat(deliveries).extracting(NotificationDelivery::attempt).containsExactly(1, 2, 3, 4);
        assertThat(deliveries).extracting(NotificationDelivery::acknowledged).containsExactly(false, false, false,
                true);
        assertThat(deliveries).extracting(NotificationDelivery::notifyId).containsOnly(deliveries.get(0).notifyId());
    }

    @Test
    void notificationIsDeliveredEightTimesAtMost() {
        this.failuresToAnswer.set(100);
        String orderId = precreate("UTF-8", "Coffee");
        this.sandbox.pay(orderId);
        await().atMost(Duration.ofSeconds(20)).until(() -> this.sandbox.deliveries(orderId).size() == 8);
        // The last retry of the ladder came 15 scaled hours after the sixth; no ninth follows.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
            .until(() -> this.sandbox.deliveries(orderId).size() == 8);
    }

    @Test
    void qrLinkOpensTheCashierAndPayingThereNotifies() throws Exception {
        String orderId = precreate("UTF-8", "Coffee & <cake>");
        String qr = qrCode(orderId);
        HttpResponse<String> page = get(qr);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Coffee &amp; &lt;cake&gt;", "id=\"pay\"", "¥9.90");
        assertThat(this.sandbox.trade(orderId)).get().extracting(SandboxTrade::status).isEqualTo("WAIT_BUYER_PAY");

        HttpResponse<String> paid = post(this.sandbox.cashierUrl(orderId) + "/pay");
        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(paid.body()).contains("Payment complete");
        await().until(() -> this.received.size() == 1);
        assertThat(this.sandbox.trade(orderId)).get().extracting(SandboxTrade::status).isEqualTo("TRADE_SUCCESS");
    }

    @Test
    void wapCashierReturnsTheBrowserWithSignedReturnParameters() throws Exception {
        AlipayTradeWapPayRequest request = new AlipayTradeWapPayRequest();
        request.setReturnUrl("http://127.0.0.1:1/shop/return?from=wap");
        request.setNotifyUrl(notifyUrl());
        String orderId = "WAP" + System.nanoTime();
        request.setBizContent("{\"out_trade_no\":\"" + orderId + "\",\"total_amount\":\"5.00\",\"subject\":\"Tea\","
                + "\"product_code\":\"QUICK_WAP_WAY\"}");
        String url = client("UTF-8").pageExecute(request, "GET").getBody();
        HttpResponse<String> redirect = get(url);
        String cashier = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(get(cashier).body()).contains("id=\"pay\"");

        HttpResponse<String> paid = post(cashier + "/pay");
        assertThat(paid.statusCode()).isEqualTo(303);
        String back = paid.headers().firstValue("Location").orElseThrow();
        assertThat(back).startsWith("http://127.0.0.1:1/shop/return?from=wap&");
        Map<String, String> params = new HashMap<>(FormEncoding.parse(back.substring(back.indexOf('?') + 1),
                StandardCharsets.UTF_8));
        params.remove("from");
        assertThat(params).containsEntry("method", "alipay.trade.wap.pay.return").containsEntry("out_trade_no",
                orderId).containsEntry("total_amount", "5.00");
        assertThat(AlipaySignature.rsaCheckV1(params, this.sandbox.alipayPublicKey(), "UTF-8", "RSA2")).isTrue();
    }

    @Test
    void expiredTradeCannotBePaidAndACreatedOneCloses() throws Exception {
        String neverScanned = precreate("UTF-8", "Coffee");
        String scanned = precreate("UTF-8", "Tea");
        this.sandbox.scan(scanned);
        this.clock.advance(Duration.ofHours(3));
        assertThatIllegalStateException().isThrownBy(() -> this.sandbox.pay(neverScanned));
        assertThat(this.sandbox.trade(scanned)).get().extracting(SandboxTrade::status).isEqualTo("TRADE_CLOSED");
        assertThat(post(this.sandbox.cashierUrl(scanned) + "/pay").statusCode()).isEqualTo(409);
    }

    @Test
    void unknownCashierLinkIsNotFound() throws Exception {
        assertThat(get(this.sandbox.baseUrl() + "/qr/nope").statusCode()).isEqualTo(404);
    }

    private String precreate(String charset, String subject) {
        String orderId = "N" + System.nanoTime();
        AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
        request.setNotifyUrl(notifyUrl());
        request.setBizContent("{\"out_trade_no\":\"" + orderId + "\",\"total_amount\":\"9.90\",\"subject\":\""
                + subject + "\"}");
        try {
            assertThat(client(charset).execute(request).isSuccess()).isTrue();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
        return orderId;
    }

    private String qrCode(String orderId) throws Exception {
        AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
        request.setNotifyUrl(notifyUrl());
        request.setBizContent("{\"out_trade_no\":\"" + orderId + "\",\"total_amount\":\"9.90\",\"subject\":\""
                + "Coffee & <cake>\"}");
        return client("UTF-8").execute(request).getQrCode();
    }

    private AlipayClient client(String charset) throws Exception {
        com.alipay.api.AlipayConfig config = new com.alipay.api.AlipayConfig();
        config.setServerUrl(this.sandbox.gatewayUrl());
        config.setAppId(this.sandbox.appId());
        config.setPrivateKey(this.sandbox.appPrivateKey());
        config.setAlipayPublicKey(this.sandbox.alipayPublicKey());
        config.setCharset(charset);
        config.setSignType("RSA2");
        return new com.alipay.api.DefaultAlipayClient(config);
    }

    private String notifyUrl() {
        return "http://127.0.0.1:" + this.merchant.getAddress().getPort() + "/notify";
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A clock the test moves forward. */
    static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            this.now = this.now.plus(duration);
        }

        @Override
        public Instant instant() {
            return this.now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
