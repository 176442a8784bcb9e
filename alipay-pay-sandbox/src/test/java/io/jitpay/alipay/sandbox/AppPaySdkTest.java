package io.jitpay.alipay.sandbox;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.alipay.api.AlipayClient;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.internal.util.json.JSONReader;
import com.alipay.api.internal.util.json.JSONValidatingReader;
import com.alipay.api.request.AlipayTradeAppPayRequest;
import com.alipay.api.request.AlipayTradePagePayRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code alipay.trade.app.pay}: the order string the SDK's {@code sdkExecute} signs, handed to the sandbox's app page
 * over real HTTP as a mobile app hands it to Alipay's app; the cashier, the notification, the signed result the app
 * hands back, and the app's error for a bad order string.
 */
class AppPaySdkTest {

    private static final String RESULT_ROOT = "\"alipay_trade_app_pay_response\":";

    @RegisterExtension
    static final SdkSetup setup = new SdkSetup();

    private final Browser browser = new Browser();

    @Test
    void orderStringOpensTheCashierAndPayingNotifiesAndHandsBackASignedResult() throws Exception {
        String orderId = "APP" + System.nanoTime();
        String orderString = client().sdkExecute(appPay(orderId, "25.00")).getBody();
        assertThat(sandbox().appPayUrl(orderString).toString()).startsWith(sandbox().baseUrl() + "/app?orderString=");

        HttpResponse<String> opened = this.browser.get(sandbox().appPayUrl(orderString).toString());
        assertThat(opened.statusCode()).isEqualTo(302);
        String cashier = Browser.location(opened);
        assertThat(this.browser.get(cashier).body()).contains("id=\"pay\"", "¥25.00", "Monthly pass");
        HttpResponse<String> paid = this.browser.post(cashier + "/pay", "");
        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(paid.body()).contains("resultStatus 9000");

        SandboxTrade trade = sandbox().trade(orderId).orElseThrow();
        assertThat(trade.status()).isEqualTo("TRADE_SUCCESS");
        assertThat(trade.method()).isEqualTo("alipay.trade.app.pay");
        assertThat(sandbox().calls("alipay.trade.app.pay", orderId)).isEqualTo(1);

        // The app's result: the inner object's exact bytes are what "Alipay" signed, as in a gateway answer.
        String result = Browser.text(paid.body(), "result");
        int start = result.indexOf(RESULT_ROOT) + RESULT_ROOT.length();
        String content = result.substring(start, result.indexOf(",\"sign\":"));
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) jsonReader().read(result);
        assertThat(parsed).containsEntry("sign_type", "RSA2");
        assertThat(AlipaySignature.rsaCheck(content, (String) parsed.get("sign"), sandbox().alipayPublicKey(), "UTF-8",
                "RSA2")).isTrue();
        assertThat(AlipaySignature.rsaCheck(content.replace("25.00", "2.50"), (String) parsed.get("sign"),
                sandbox().alipayPublicKey(), "UTF-8", "RSA2")).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> response = (Map<String, Object>) jsonReader().read(content);
        assertThat(response).containsEntry("code", "10000").containsEntry("msg", "Success")
            .containsEntry("out_trade_no", orderId).containsEntry("total_amount", "25.00")
            .containsEntry("trade_no", trade.tradeNo()).containsEntry("seller_id", sandbox().sellerId())
            .containsEntry("app_id", sandbox().appId()).containsEntry("auth_app_id", sandbox().appId())
            .containsEntry("charset", "utf-8").containsKey("timestamp");

        await().until(() -> setup.merchant().notifications(orderId).size() == 1);
        Map<String, String> notification = setup.merchant().notifications(orderId).get(0);
        assertThat(notification).containsEntry("trade_status", "TRADE_SUCCESS").containsEntry("total_amount", "25.00");
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(notification), sandbox().alipayPublicKey(), "UTF-8",
                "RSA2")).isTrue();
    }

    @Test
    void orderStringPostedInAFormOpensTheCashierToo() throws Exception {
        String orderId = "APPFORM" + System.nanoTime();
        String orderString = client().sdkExecute(appPay(orderId, "1.00")).getBody();
        HttpResponse<String> opened = this.browser.post(sandbox().baseUrl() + "/app",
                "orderString=" + URLEncoder.encode(orderString, StandardCharsets.UTF_8));
        assertThat(opened.statusCode()).isEqualTo(302);
        assertThat(Browser.location(opened)).isEqualTo(sandbox().cashierUrl(orderId));
        assertThat(sandbox().trade(orderId)).get().extracting(SandboxTrade::status).isEqualTo("WAIT_BUYER_PAY");
    }

    @Test
    void tamperedOrderStringShowsTheAppsSignatureErrorAndCreatesNoTrade() throws Exception {
        String orderId = "APPBAD" + System.nanoTime();
        String orderString = client().sdkExecute(appPay(orderId, "80.00")).getBody();

        HttpResponse<String> refused = this.browser.get(sandbox().appPayUrl(orderString.replace("80.00", "0.80"))
            .toString());
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("系统繁忙，请稍后再试", "resultStatus 4000");
        assertThat(Browser.text(refused.body(), "error-code")).isEqualTo("ALIN10070");
        assertThat(Browser.text(refused.body(), "sub-code")).isEqualTo("isv.invalid-signature");
        assertThat(sandbox().trade(orderId)).isEmpty();
    }

    @Test
    void eachEntryServesOnlyItsOwnMethods() throws Exception {
        String appOrder = client().sdkExecute(appPay("APPGW" + System.nanoTime(), "1.00")).getBody();
        String atGateway = this.browser.get(sandbox().gatewayUrl() + "?" + appOrder).body();
        assertThat(atGateway).startsWith("{\"error_response\":").contains("isv.invalid-method");

        AlipayTradePagePayRequest pagePay = new AlipayTradePagePayRequest();
        pagePay.setBizContent("{\"out_trade_no\":\"PAGEAPP" + System.nanoTime() + "\",\"total_amount\":\"1.00\","
                + "\"subject\":\"Tea\",\"product_code\":\"FAST_INSTANT_TRADE_PAY\"}");
        String link = client().pageExecute(pagePay, "GET").getBody();
        String atApp = this.browser.get(sandbox().appPayUrl(link.substring(link.indexOf('?') + 1)).toString()).body();
        assertThat(Browser.text(atApp, "error-code")).isEqualTo("ALIN10146");
        assertThat(Browser.text(atApp, "sub-code")).isEqualTo("isv.invalid-method");
    }

    @Test
    void anotherProductCodeIsRefusedAndTheAppPageAloneOffersAForm() throws Exception {
        AlipayTradeAppPayRequest request = appPay("APPCODE" + System.nanoTime(), "1.00");
        request.setBizContent(request.getBizContent().replace("QUICK_MSECURITY_PAY", "QUICK_WAP_WAY"));
        String orderString = client().sdkExecute(request).getBody();
        String refused = this.browser.get(sandbox().appPayUrl(orderString).toString()).body();
        assertThat(Browser.text(refused, "error-code")).isEqualTo("ALIN10146");
        assertThat(refused).contains("product_code must be QUICK_MSECURITY_PAY");

        HttpResponse<String> empty = this.browser.get(sandbox().baseUrl() + "/app");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).contains("<textarea name=\"orderString\"");
        assertThat(this.browser.get(sandbox().baseUrl() + "/apple").statusCode()).isEqualTo(404);
    }

    private static AlipayTradeAppPayRequest appPay(String orderId, String amount) {
        AlipayTradeAppPayRequest request = new AlipayTradeAppPayRequest();
        request.setNotifyUrl(setup.merchant().notifyUrl());
        request.setBizContent("{\"out_trade_no\":\"" + orderId + "\",\"total_amount\":\"" + amount
                + "\",\"subject\":\"Monthly pass\",\"product_code\":\"QUICK_MSECURITY_PAY\"}");
        return request;
    }

    private static JSONReader jsonReader() {
        return new JSONValidatingReader();
    }

    private static AliPaySandbox sandbox() {
        return setup.sandbox();
    }

    private static AlipayClient client() {
        return setup.client();
    }
}
