package io.jitpay.alipay.sandbox;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.request.AlipayTradeCancelRequest;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.response.AlipayTradeCancelResponse;
import com.alipay.api.response.AlipayTradeCloseResponse;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jitpay.alipay.sandbox.NotificationAndCashierTest.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * What closing (or cancelling) a pre-created order does before the buyer scans its QR code, when the trade does not
 * exist at Alipay yet: the unmodified SDK gets {@code ACQ.TRADE_NOT_EXIST} either way; the builder decides whether the
 * QR code can still be paid.
 */
class CloseBeforeScanTest {

    private static final DateTimeFormatter BEIJING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
        .withZone(ZoneOffset.ofHours(8));

    private final List<String> notifiedStatuses = new CopyOnWriteArrayList<>();

    private final MutableClock clock = new MutableClock(Instant.now());

    private HttpServer merchant;

    private AliPaySandbox sandbox;

    private AlipayClient client;

    @BeforeEach
    void startMerchant() throws Exception {
        this.merchant = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        this.merchant.createContext("/notify", (exchange) -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                for (String pair : body.split("&")) {
                    if (pair.startsWith("trade_status=")) {
                        this.notifiedStatuses.add(pair.substring("trade_status=".length()));
                    }
                }
                byte[] answer = "success".getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        });
        this.merchant.start();
    }

    @AfterEach
    void stop() {
        if (this.sandbox != null) {
            this.sandbox.close();
        }
        this.merchant.stop(0);
    }

    @Test
    void byDefaultACloseBeforeTheScanVoidsTheQrCode() throws Exception {
        start(AliPaySandbox.builder());
        String orderId = "VOID" + System.nanoTime();
        String qrCode = precreate(orderId, Duration.ofMinutes(30));

        AlipayTradeCloseResponse closed = this.client.execute(close(orderId));
        assertThat(closed.isSuccess()).isFalse();
        assertThat(closed.getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");

        assertThat(get(qrCode).body()).contains("This payment is closed").doesNotContain("id=\"pay\"");
        assertThat(post(this.sandbox.cashierUrl(orderId) + "/pay").statusCode()).isEqualTo(409);
        assertThatIllegalStateException().isThrownBy(() -> this.sandbox.pay(orderId));
        assertThat(this.client.execute(query(orderId)).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    }

    @Test
    void withoutVoidingAClosedQrCodeCanStillBeScannedPaidAndNotified() throws Exception {
        start(AliPaySandbox.builder().closeBeforeScanVoidsTrade(false));
        String orderId = "KEEP" + System.nanoTime();
        String qrCode = precreate(orderId, Duration.ofMinutes(30));

        AlipayTradeCloseResponse closed = this.client.execute(close(orderId));
        assertThat(closed.isSuccess()).isFalse();
        assertThat(closed.getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
        AlipayTradeCancelRequest cancel = new AlipayTradeCancelRequest();
        cancel.setBizContent("{\"out_trade_no\":\"" + orderId + "\"}");
        AlipayTradeCancelResponse cancelled = this.client.execute(cancel);
        assertThat(cancelled.isSuccess()).isTrue();
        assertThat(cancelled.getAction()).isNull();

        assertThat(get(qrCode).body()).contains("id=\"pay\"");
        assertThat(this.client.execute(query(orderId)).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
        HttpResponse<String> paid = post(this.sandbox.cashierUrl(orderId) + "/pay");
        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(paid.body()).contains("Payment complete");
        await().until(() -> this.notifiedStatuses.contains("TRADE_SUCCESS"));
        assertThat(this.client.execute(query(orderId)).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(this.sandbox.trade(orderId)).get().extracting(SandboxTrade::closeCalls).isEqualTo(2);
    }

    @Test
    void withoutVoidingAClosedQrCodeStillExpiresAtItsTimeExpire() throws Exception {
        start(AliPaySandbox.builder().closeBeforeScanVoidsTrade(false));
        String orderId = "EXPIRE" + System.nanoTime();
        precreate(orderId, Duration.ofMinutes(10));
        assertThat(this.client.execute(close(orderId)).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");

        this.clock.advance(Duration.ofMinutes(11));
        assertThat(post(this.sandbox.cashierUrl(orderId) + "/pay").statusCode()).isEqualTo(409);
        assertThatIllegalStateException().isThrownBy(() -> this.sandbox.pay(orderId));
        assertThat(this.notifiedStatuses).isEmpty();
    }

    private void start(AliPaySandbox.Builder builder) throws AlipayApiException {
        this.sandbox = builder.clock(this.clock).start();
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(this.sandbox.gatewayUrl());
        config.setAppId(this.sandbox.appId());
        config.setPrivateKey(this.sandbox.appPrivateKey());
        config.setAlipayPublicKey(this.sandbox.alipayPublicKey());
        config.setCharset("UTF-8");
        config.setSignType("RSA2");
        this.client = new DefaultAlipayClient(config);
    }

    /** Pre-creates the order through the SDK, expiring after {@code timeout}; returns the QR code. */
    private String precreate(String orderId, Duration timeout) throws AlipayApiException {
        AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
        request.setNotifyUrl("http://127.0.0.1:" + this.merchant.getAddress().getPort() + "/notify");
        request.setBizContent("{\"out_trade_no\":\"" + orderId + "\",\"total_amount\":\"12.50\",\"subject\":\"Tea\","
                + "\"time_expire\":\"" + BEIJING.format(this.clock.instant().plus(timeout)) + "\"}");
        String qrCode = this.client.execute(request).getQrCode();
        assertThat(qrCode).isNotBlank();
        return qrCode;
    }

    private static AlipayTradeCloseRequest close(String orderId) {
        AlipayTradeCloseRequest request = new AlipayTradeCloseRequest();
        request.setBizContent("{\"out_trade_no\":\"" + orderId + "\"}");
        return request;
    }

    private static AlipayTradeQueryRequest query(String orderId) {
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizContent("{\"out_trade_no\":\"" + orderId + "\"}");
        return request;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
