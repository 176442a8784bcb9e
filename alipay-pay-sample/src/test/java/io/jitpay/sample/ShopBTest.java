package io.jitpay.sample;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.SandboxAuthCodes;
import io.jitpay.alipay.sandbox.SandboxTrade;
import io.jitpay.alipay.sandbox.boot.AliPaySandboxes;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.Payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shop B, the second Alipay application the dev profile plays with a sandbox of its own: an order placed with it
 * belongs to {@code pays.shopB}, goes to shop B's sandbox only, and is settled, checked, cancelled, returned and refunded
 * through shop B's payment. Real HTTP on a random port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:shop-b;DB_CLOSE_DELAY=-1")
@ActiveProfiles("dev")
class ShopBTest {

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private Payments payments;

    @Autowired
    private AliPaySandboxes sandboxes;

    private AliPayment shopA;

    private AliPayment shopB;

    private AliPaySandbox sandboxA;

    private AliPaySandbox sandboxB;

    private Shopper alice;

    @BeforeEach
    void twoApps() {
        this.shopA = (AliPayment) this.payments.get("aliPayment");
        this.shopB = (AliPayment) this.payments.get("shopB");
        this.sandboxA = this.sandboxes.get("aliPayment");
        this.sandboxB = this.sandboxes.get("shopB");
        this.alice = new Shopper(this.port);
    }

    @Test
    void theShopOffersBothAppsTheTopLevelOneFirst() throws Exception {
        String home = this.alice.get("/").body();
        assertThat(home).containsPattern("id=\"app-aliPayment\"[^>]*checked")
            .contains("id=\"app-shopB\"", "app id " + this.sandboxB.appId(), "app id " + this.sandboxA.appId());
    }

    @Test
    void aShopBOrderIsShopBsAloneAndSettledByItsNotification() throws Exception {
        String id = this.alice.placeOrder("Green tea", "5.50", "shopB");

        assertThat(this.shopB.find(id)).get().extracting((order) -> order.fullName()).isEqualTo("pays.shopB");
        assertThat(this.shopA.find(id)).isEmpty();
        assertThat(this.sandboxB.calls("alipay.trade.precreate", id)).isEqualTo(1);
        assertThat(this.sandboxA.trade(id)).isEmpty();

        this.sandboxB.pay(id);
        await().atMost(Duration.ofSeconds(10))
            .until(() -> this.shopB.find(id).orElseThrow().status() == PayStatus.SUCCESS);
        assertThat(this.alice.get("/orders/" + id).body()).contains("Paid", "<dd id=\"app\" title=\"pays.shopB\">shopB</dd>");
        assertThat(this.alice.get("/orders").body()).containsPattern(id + "(?s:.)*?<td class=\"app\" "
                + "title=\"pays.shopB\">shopB</td>");
    }

    @Test
    void checkCancelAndRefundGoToShopBsSandbox() throws Exception {
        String cancelled = this.alice.placeOrder("Green tea", "5.50", "shopB");
        assertThat(this.alice.submit("/orders/" + cancelled + "/check", Map.of()).statusCode()).isEqualTo(302);
        assertThat(this.alice.submit("/orders/" + cancelled + "/cancel", Map.of()).statusCode()).isEqualTo(302);
        assertThat(this.sandboxB.calls("alipay.trade.query", cancelled)).isEqualTo(1);
        assertThat(this.sandboxB.calls("alipay.trade.close", cancelled)
                + this.sandboxB.calls("alipay.trade.cancel", cancelled)).isEqualTo(1);
        assertThat(this.sandboxA.calls("alipay.trade.query", cancelled)).isZero();
        assertThat(this.shopB.find(cancelled).orElseThrow().status()).isEqualTo(PayStatus.CLOSE);

        String refunded = this.alice.placeOrder("Teapot", "10.00", "shopB");
        this.sandboxB.pay(refunded);
        assertThat(this.shopB.check(refunded).status()).isEqualTo(PayStatus.SUCCESS);
        HttpResponse<String> refund = this.alice.submit("/orders/" + refunded + "/refunds",
                Map.of("amount", "4.00", "reason", "Late", "refundId", "S-shop-b-1"));
        assertThat(refund.statusCode()).isEqualTo(302);
        assertThat(this.sandboxB.refunds(refunded)).singleElement()
            .satisfies((made) -> assertThat(made.amount()).isEqualByComparingTo("4.00"));
        assertThat(this.sandboxA.refunds(refunded)).isEmpty();
        assertThat(this.shopB.find(refunded).orElseThrow().refundedAmount()).isEqualByComparingTo("4.00");
    }

    @Test
    void theCashiersReturnOfAShopBOrderIsVerifiedWithShopBsAlipayKey() throws Exception {
        String id = this.alice.placeOrder("Green tea", "5.50", "shopB");
        SandboxTrade trade = this.sandboxB.pay(id);

        HttpResponse<String> back = this.alice.get("/return?" + signedReturn(this.sandboxB, trade));
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location").orElseThrow()).endsWith("/orders/" + id);

        // The same parameters signed with the other app's "Alipay" key are not shop B's.
        assertThat(this.alice.get("/return?" + signedReturn(this.sandboxA, trade)).statusCode()).isEqualTo(403);
    }

    @Test
    void aNotificationToThePathNamingShopBNeedsNoTokenAndSettlesTheOrder() throws Exception {
        String id = this.alice.placeOrder("Green tea", "5.50", "shopB");
        this.sandboxB.scan(id);
        // What shop B's Alipay posts once the buyer paid, to a notify URL that names the app; no CSRF token.
        Map<String, String> paid = new LinkedHashMap<>(this.sandboxB.notification(id));
        paid.remove("sign");
        paid.remove("sign_type");
        paid.put("trade_status", "TRADE_SUCCESS");
        paid.put("gmt_payment", paid.get("gmt_create"));
        HttpResponse<String> answer = new Shopper(this.port).post("/jitpay/alipay/notify/shopB",
                this.sandboxB.sign(paid, StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("success");
        assertThat(this.shopB.find(id).orElseThrow().status()).isEqualTo(PayStatus.SUCCESS);
    }

    @Test
    void aShopBPaymentInStoreIsConfirmedAtShopBsSandbox() throws Exception {
        HttpResponse<String> taken = this.alice.submit("/in-store", Map.of("subject", "Espresso", "amount", "4.00",
                "app", "shopB", "code", SandboxAuthCodes.NEEDS_CONFIRMATION));
        String location = taken.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertThat(this.sandboxB.calls("alipay.trade.pay", id)).isEqualTo(1);
        assertThat(this.sandboxA.trade(id)).isEmpty();

        // The page's "buyer confirms" plays the phone at the sandbox of the order's own app.
        assertThat(this.alice.submit("/in-store/" + id + "/buyer-confirms", Map.of()).statusCode()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(10))
            .until(() -> this.shopB.find(id).orElseThrow().status() == PayStatus.SUCCESS);
        assertThat(this.sandboxB.trade(id).orElseThrow().isPaid()).isTrue();
    }

    @Test
    void anAppTheShopDoesNotHaveIsExplainedOnTheForm() throws Exception {
        HttpResponse<String> page = this.alice.submit("/orders",
                Map.of("subject", "Cup of coffee", "amount", "9.90", "payType", "PRE_PAY", "app", "shopZ"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"error\"", "There is no payment instance named &#39;shopZ&#39;");
        assertThat(this.alice.get("/orders").body()).contains("No orders in this browser yet");
    }

    /** The query string Alipay's cashier returns the buyer with, signed by a sandbox's "Alipay" key. */
    private static String signedReturn(AliPaySandbox signer, SandboxTrade trade) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("charset", "utf-8");
        params.put("out_trade_no", trade.orderId());
        params.put("method", "alipay.trade.page.pay.return");
        params.put("total_amount", trade.totalAmount().toPlainString());
        params.put("trade_no", trade.tradeNo());
        params.put("auth_app_id", signer.appId());
        params.put("version", "1.0");
        params.put("app_id", signer.appId());
        params.put("seller_id", signer.sellerId());
        params.put("timestamp", "2026-01-01 12:00:00");
        return signer.sign(params, StandardCharsets.UTF_8).entrySet().stream()
            .map((param) -> param.getKey() + "=" + URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    }
}
