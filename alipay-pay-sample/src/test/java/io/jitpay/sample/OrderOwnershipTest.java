package io.jitpay.sample;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.SandboxTrade;
import io.jitpay.pay.PayStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order belongs to the browser session that placed it: another session gets the same 404 for it as for an order that
 * does not exist, on every page and action, and nothing happens to the order. Real HTTP on a random port, one
 * {@link Shopper} per browser, the embedded sandbox playing Alipay.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:access-shop;DB_CLOSE_DELAY=-1")
@ActiveProfiles("dev")
class OrderOwnershipTest {

    @Value("${local.server.port}")
    private int port;

    @Autowired
    @Qualifier("aliPayment")
    private AliPayment payment;

    @Autowired
    private AliPaySandbox sandbox;

    private Shopper alice;

    private Shopper bob;

    @BeforeEach
    void twoBrowsers() {
        this.alice = new Shopper(this.port);
        this.bob = new Shopper(this.port);
    }

    @Test
    void anotherSessionsOrderIsNotFoundAndStaysUntouched() throws Exception {
        String id = this.alice.placeOrder("Cup of coffee", "9.90");

        assertThat(this.bob.get("/orders/" + id).statusCode()).isEqualTo(404);
        assertThat(this.bob.get("/orders/" + id + "/status").statusCode()).isEqualTo(404);
        assertThat(this.bob.getBytes("/orders/" + id + "/qr.png").statusCode()).isEqualTo(404);
        assertThat(this.bob.submit("/orders/" + id + "/check", Map.of()).statusCode()).isEqualTo(404);
        assertThat(this.bob.submit("/orders/" + id + "/cancel", Map.of()).statusCode()).isEqualTo(404);

        assertThat(this.payment.find(id).orElseThrow().status()).isEqualTo(PayStatus.WAIT);
        assertThat(this.sandbox.calls("alipay.trade.query", id)).isZero();
        assertThat(this.sandbox.calls("alipay.trade.close", id)).isZero();
        assertThat(this.sandbox.calls("alipay.trade.cancel", id)).isZero();
        assertThat(this.bob.get("/orders").body()).doesNotContain(id);
    }

    @Test
    void anotherSessionsOrderLooksExactlyLikeAnUnknownOne() throws Exception {
        String id = this.alice.placeOrder("Cup of coffee", "9.90");
        String unknown = "X" + id.substring(1);

        HttpResponse<String> others = this.bob.get("/orders/" + id);
        HttpResponse<String> missing = this.bob.get("/orders/" + unknown);
        assertThat(others.statusCode()).isEqualTo(missing.statusCode()).isEqualTo(404);
        assertThat(others.body().replace(id, "ID")).isEqualTo(missing.body().replace(unknown, "ID"));
    }

    @Test
    void ownOrderCanBeViewedCheckedAndCancelled() throws Exception {
        String id = this.alice.placeOrder("Cup of coffee", "9.90");

        assertThat(this.alice.get("/orders/" + id).body()).contains("Cup of coffee", "Waiting for payment");
        HttpResponse<String> status = this.alice.get("/orders/" + id + "/status");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"status\":\"wait\"");
        HttpResponse<byte[]> qr = this.alice.getBytes("/orders/" + id + "/qr.png");
        assertThat(qr.statusCode()).isEqualTo(200);
        assertThat(qr.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(this.alice.get("/orders").body()).contains(id);

        HttpResponse<String> checked = this.alice.submit("/orders/" + id + "/check", Map.of());
        assertThat(checked.statusCode()).isEqualTo(302);
        assertThat(checked.headers().firstValue("Location").orElseThrow()).endsWith("/orders/" + id);
        assertThat(this.sandbox.calls("alipay.trade.query", id)).isEqualTo(1);

        assertThat(this.alice.submit("/orders/" + id + "/cancel", Map.of()).statusCode()).isEqualTo(302);
        assertThat(this.payment.find(id).orElseThrow().status()).isEqualTo(PayStatus.CLOSE);
        assertThat(this.alice.get("/orders/" + id).body()).contains("Cancelled");
    }

    @Test
    void theOrdersListShowsThisSessionsOrdersOnly() throws Exception {
        String alices = this.alice.placeOrder("Cup of coffee", "9.90");
        String bobs = this.bob.placeOrder("Green tea", "5.50");

        assertThat(this.alice.get("/orders").body()).contains(alices).doesNotContain(bobs);
        assertThat(this.bob.get("/orders").body()).contains(bobs).doesNotContain(alices);
        assertThat(new Shopper(this.port).get("/orders").body()).contains("No orders in this browser yet")
            .doesNotContain(alices)
            .doesNotContain(bobs);
    }

    @Test
    void theCashiersReturnFindsTheOrderInTheBrowserThatPlacedIt() throws Exception {
        String id = this.alice.placeOrder("Cup of coffee", "9.90");
        SandboxTrade trade = this.sandbox.pay(id);
        String returnPath = "/return?" + signedReturn(trade);

        HttpResponse<String> back = this.alice.get(returnPath);
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location").orElseThrow()).endsWith("/orders/" + id);
        assertThat(this.alice.get("/orders/" + id).statusCode()).isEqualTo(200);

        // The same signed link opened elsewhere names the order, but shows it to nobody else.
        assertThat(this.bob.get(returnPath).statusCode()).isEqualTo(302);
        assertThat(this.bob.get("/orders/" + id).statusCode()).isEqualTo(404);
    }

    /** The query string Alipay's cashier returns the buyer with, signed by the sandbox's "Alipay" key. */
    private String signedReturn(SandboxTrade trade) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("charset", "utf-8");
        params.put("out_trade_no", trade.orderId());
        params.put("method", "alipay.trade.wap.pay.return");
        params.put("total_amount", trade.totalAmount().toPlainString());
        params.put("trade_no", trade.tradeNo());
        params.put("auth_app_id", this.sandbox.appId());
        params.put("version", "1.0");
        params.put("app_id", this.sandbox.appId());
        params.put("seller_id", this.sandbox.sellerId());
        params.put("timestamp", "2026-01-01 12:00:00");
        return this.sandbox.sign(params, StandardCharsets.UTF_8).entrySet().stream()
            .map((param) -> param.getKey() + "=" + URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    }
}
