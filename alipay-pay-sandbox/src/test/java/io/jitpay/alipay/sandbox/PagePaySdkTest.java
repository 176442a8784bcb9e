package io.jitpay.alipay.sandbox;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.alipay.api.AlipayClient;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradePagePayRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code alipay.trade.page.pay}, the PC web cashier: the SDK's {@code pageExecute} link (GET) and auto-submitting form
 * (POST) sent over real HTTP, the cashier, Alipay's signed synchronous return and the notification, and the error page
 * a bad request gets.
 */
class PagePaySdkTest {

    private static final String RETURN_URL = "http://127.0.0.1:1/shop/return";

    @RegisterExtension
    static final SdkSetup setup = new SdkSetup();

    private final Browser browser = new Browser();

    @Test
    void linkOpensTheCashierAndPayingReturnsTheBrowserWithAlipaysSignedReturnParameters() throws Exception {
        String orderId = "PAGE" + System.nanoTime();
        String link = client().pageExecute(pagePay(orderId, "68.80", ""), "GET").getBody();

        HttpResponse<String> accepted = this.browser.get(link);
        assertThat(accepted.statusCode()).isEqualTo(302);
        String cashier = Browser.location(accepted);
        assertThat(cashier).isEqualTo(sandbox().cashierUrl(orderId));
        assertThat(this.browser.get(cashier).body()).contains("id=\"pay\"", "¥68.80", "Desk lamp");

        HttpResponse<String> paid = this.browser.post(cashier + "/pay", "");
        assertThat(paid.statusCode()).isEqualTo(303);
        String back = Browser.location(paid);
        assertThat(back).startsWith(RETURN_URL + "?");
        Map<String, String> params = Browser.query(back);
        SandboxTrade trade = sandbox().trade(orderId).orElseThrow();
        // Real page.pay returns carry exactly these (yansongda's captured return_url).
        assertThat(params.keySet()).containsExactlyInAnyOrder("charset", "out_trade_no", "method", "total_amount",
                "sign", "trade_no", "auth_app_id", "version", "app_id", "sign_type", "seller_id", "timestamp");
        assertThat(params).containsEntry("method", "alipay.trade.page.pay.return").containsEntry("charset", "utf-8")
            .containsEntry("out_trade_no", orderId).containsEntry("total_amount", "68.80")
            .containsEntry("trade_no", trade.tradeNo()).containsEntry("seller_id", sandbox().sellerId())
            .containsEntry("app_id", sandbox().appId()).containsEntry("sign_type", "RSA2");
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(params), sandbox().alipayPublicKey(), "UTF-8", "RSA2"))
            .isTrue();
        Map<String, String> tampered = new HashMap<>(params);
        tampered.put("total_amount", "0.01");
        assertThat(AlipaySignature.rsaCheckV1(tampered, sandbox().alipayPublicKey(), "UTF-8", "RSA2")).isFalse();

        assertThat(trade.status()).isEqualTo("TRADE_SUCCESS");
        assertThat(trade.method()).isEqualTo("alipay.trade.page.pay");
        await().until(() -> setup.merchant().notifications(orderId).size() == 1);
        Map<String, String> notification = setup.merchant().notifications(orderId).get(0);
        assertThat(notification).containsEntry("trade_status", "TRADE_SUCCESS").containsEntry("total_amount", "68.80");
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(notification), sandbox().alipayPublicKey(), "UTF-8",
                "RSA2")).isTrue();
    }

    @Test
    void autoSubmittingFormPostsBizContentInTheBodyAndReachesTheCashier() throws Exception {
        String orderId = "FORM" + System.nanoTime();
        String form = client().pageExecute(pagePay(orderId, "9.90", "")).getBody();
        assertThat(form).contains("name=\"punchout_form\"").doesNotContain("biz_content=");

        HttpResponse<String> accepted = this.browser.submit(form, StandardCharsets.UTF_8);
        assertThat(accepted.statusCode()).isEqualTo(302);
        assertThat(Browser.location(accepted)).isEqualTo(sandbox().cashierUrl(orderId));
        assertThat(sandbox().trade(orderId)).get().extracting(SandboxTrade::status).isEqualTo("WAIT_BUYER_PAY");
        assertThat(sandbox().calls("alipay.trade.page.pay", orderId)).isEqualTo(1);
    }

    @Test
    void qrCodeModesAreAccepted() throws Exception {
        String orderId = "QR" + System.nanoTime();
        String link = client().pageExecute(pagePay(orderId, "1.00", ",\"qr_pay_mode\":\"4\",\"qrcode_width\":120"),
                "GET").getBody();
        assertThat(this.browser.get(link).statusCode()).isEqualTo(302);
    }

    @Test
    void tamperedLinkShowsAlipaysInvalidSignaturePageAndCreatesNoTrade() throws Exception {
        String orderId = "TAMPER" + System.nanoTime();
        String link = client().pageExecute(pagePay(orderId, "50.00", ""), "GET").getBody();

        HttpResponse<String> refused = this.browser.get(link.replace("50.00", "0.50"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(Browser.text(refused.body(), "error-code")).isEqualTo("invalid-signature");
        assertThat(refused.body()).contains("错误原因: 验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配");
        assertThat(Browser.text(refused.body(), "sub-code")).isEqualTo("isv.invalid-signature");
        assertThat(sandbox().trade(orderId)).isEmpty();
    }

    @Test
    void formSignedWithAnotherKeyIsRefusedTheSameWay() throws Exception {
        String orderId = "FORGED" + System.nanoTime();
        AlipayClient stranger = SdkClients.of(sandbox(), TestRsaKeys.pkcs8Base64(TestRsaKeys.generate()));
        HttpResponse<String> refused = this.browser.submit(stranger.pageExecute(pagePay(orderId, "5.00", ""))
            .getBody(), StandardCharsets.UTF_8);
        assertThat(Browser.text(refused.body(), "error-code")).isEqualTo("invalid-signature");
        assertThat(sandbox().trade(orderId)).isEmpty();
    }

    @Test
    void invalidProductCodeOrQrModeIsAnInvalidParameterPage() throws Exception {
        AlipayTradePagePayRequest wap = pagePay("WAPCODE" + System.nanoTime(), "5.00", "");
        wap.setBizContent(wap.getBizContent().replace("FAST_INSTANT_TRADE_PAY", "QUICK_WAP_WAY"));
        String wrongProduct = this.browser.get(client().pageExecute(wap, "GET").getBody()).body();
        assertThat(Browser.text(wrongProduct, "error-code")).isEqualTo("ACQ.INVALID_PARAMETER");
        assertThat(wrongProduct).contains("product_code must be FAST_INSTANT_TRADE_PAY");

        String badMode = this.browser.get(client().pageExecute(pagePay("MODE" + System.nanoTime(), "5.00",
                ",\"qr_pay_mode\":\"7\""), "GET").getBody()).body();
        assertThat(Browser.text(badMode, "sub-code")).isEqualTo("ACQ.INVALID_PARAMETER");
        assertThat(badMode).contains("qr_pay_mode");
    }

    @Test
    void paidOrderShowsTradeHasSuccessAndAChangedAmountContextInconsistent() throws Exception {
        String orderId = "AGAIN" + System.nanoTime();
        this.browser.get(client().pageExecute(pagePay(orderId, "3.00", ""), "GET").getBody());
        sandbox().pay(orderId);

        String again = this.browser.get(client().pageExecute(pagePay(orderId, "3.00", ""), "GET").getBody()).body();
        assertThat(Browser.text(again, "error-code")).isEqualTo("ACQ.TRADE_HAS_SUCCESS");
        assertThat(again).contains("交易已被支付");
        String changed = this.browser.get(client().pageExecute(pagePay(orderId, "4.00", ""), "GET").getBody()).body();
        assertThat(Browser.text(changed, "error-code")).isEqualTo("ACQ.CONTEXT_INCONSISTENT");
    }

    private static AlipayTradePagePayRequest pagePay(String orderId, String amount, String extra) {
        AlipayTradePagePayRequest request = new AlipayTradePagePayRequest();
        request.setReturnUrl(RETURN_URL);
        request.setNotifyUrl(setup.merchant().notifyUrl());
        request.setBizContent("{\"out_trade_no\":\"" + orderId + "\",\"total_amount\":\"" + amount
                + "\",\"subject\":\"Desk lamp\",\"product_code\":\"FAST_INSTANT_TRADE_PAY\"" + extra + "}");
        return request;
    }

    private static AliPaySandbox sandbox() {
        return setup.sandbox();
    }

    private static AlipayClient client() {
        return setup.client();
    }
}
