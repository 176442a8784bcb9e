package io.jitpay.alipay;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;
import io.jitpay.pay.PayUrl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The PC cashier ({@code alipay.trade.page.pay}) and app pay ({@code alipay.trade.app.pay}): requests signed locally,
 * carried to the sandbox over real HTTP as the buyer's browser or Alipay's app would, verified there by the SDK's
 * rules, paid, and settled here by notification or by check.
 */
class PageAndAppPayTest {

    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]*)\"");

    private static final Pattern HIDDEN = Pattern.compile(
            "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");

    @RegisterExtension
    static final AliPaySandboxExtension sandboxes = new AliPaySandboxExtension();

    private final AliPaySandbox sandbox = sandboxes.get();

    private final HttpClient browser = HttpClient.newHttpClient();

    private PaymentFixture notified;

    private PaymentFixture silent;

    @BeforeEach
    void start() throws Exception {
        this.notified = PaymentFixture.start(this.sandbox);
        this.silent = PaymentFixture.start(this.sandbox, (config) -> config.notifyUrl(null));
    }

    @AfterEach
    void stop() {
        this.notified.close();
        this.silent.close();
    }

    @Test
    void thePcCashierLinkIsAcceptedPaidAndSettledByTheNotification() throws Exception {
        PayLog order = this.notified.payment.create("Desk lamp", new BigDecimal("68.80"));
        PayUrl payUrl = this.notified.payment.getPayUrl(order.orderId(), PayType.PAGE_PAY);
        assertThat(payUrl.payUrl()).startsWith(this.sandbox.gatewayUrl() + "?");
        assertThat(payUrl.form()).contains("<form", "name=\"punchout_form\"", "method=\"post\"");
        assertThat(payUrl.orderString()).isNull();
        assertThat(query(payUrl.payUrl())).containsEntry("method", "alipay.trade.page.pay");
        // No gateway call: the buyer's browser carries the request.
        assertThat(this.sandbox.calls("alipay.trade.page.pay", order.orderId())).isZero();

        String cashier = open(get(payUrl.payUrl()));
        Map<String, String> returned = query(location(pay(cashier), 303));
        assertThat(returned).containsEntry("method", "alipay.trade.page.pay.return")
            .containsEntry("out_trade_no", order.orderId());
        await().until(() -> status(this.notified, order) == PayStatus.SUCCESS);
        PayLog paid = this.notified.payment.find(order.orderId()).orElseThrow();
        assertThat(paid.payType()).isEqualTo(PayType.PAGE_PAY);
        assertThat(paid.tradeNo()).isEqualTo(this.sandbox.trade(order.orderId()).orElseThrow().tradeNo());
        // The signed return names the order; its status is ours, from the notification.
        assertThat(this.notified.payment.verifyReturn(returned).status()).isEqualTo(PayStatus.SUCCESS);
        assertThat(this.notified.events).hasSize(1);
    }

    @Test
    void thePcCashierFormIsAcceptedAndAPaymentWithoutNotificationIsSettledByCheck() throws Exception {
        PayLog order = this.silent.payment.create("Desk lamp", new BigDecimal("12.00"));
        PayUrl payUrl = this.silent.payment.getPayUrl(order.orderId(), PayType.PAGE_PAY);
        String cashier = open(submit(payUrl.form()));
        location(pay(cashier), 303);
        assertThat(this.silent.payment.check(order.orderId()).status()).isEqualTo(PayStatus.SUCCESS);
        assertThat(this.silent.events).singleElement()
            .satisfies((event) -> assertThat(event.payLog().payType()).isEqualTo(PayType.PAGE_PAY));
    }

    @Test
    void aPcCashierRequestAlteredOnTheWayIsRefusedByTheSandbox() throws Exception {
        PayLog order = this.silent.payment.create("Desk lamp", new BigDecimal("68.80"));
        String link = this.silent.payment.getPayUrl(order.orderId(), PayType.PAGE_PAY).payUrl();
        String cheaper = link.replace(URLEncoder.encode("\"total_amount\":\"68.80\"", StandardCharsets.UTF_8),
                URLEncoder.encode("\"total_amount\":\"0.01\"", StandardCharsets.UTF_8));
        assertThat(cheaper).isNotEqualTo(link);
        HttpResponse<String> refused = get(cheaper);
        assertThat(refused.body()).contains("invalid-signature");
        assertThat(this.sandbox.trade(order.orderId())).isEmpty();
        assertThat(this.silent.payment.check(order.orderId()).status()).isEqualTo(PayStatus.WAIT);
    }

    @Test
    void theAppOrderStringIsAcceptedByAlipaysAppPaidAndSettledByNotificationAndCheck() throws Exception {
        PayLog order = this.notified.payment.create("Monthly pass", new BigDecimal("25.00"));
        PayUrl payUrl = this.notified.payment.getPayUrl(order.orderId(), PayType.APP_PAY);
        assertThat(payUrl.payUrl()).isNull();
        assertThat(payUrl.form()).isNull();
        assertThat(payUrl.orderString()).contains("method=alipay.trade.app.pay", "sign=");
        assertThat(this.sandbox.calls("alipay.trade.app.pay", order.orderId())).isZero();

        String cashier = open(get(this.sandbox.appPayUrl(payUrl.orderString()).toString()));
        HttpResponse<String> paid = pay(cashier);
        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(paid.body()).contains("resultStatus 9000");
        await().until(() -> status(this.notified, order) == PayStatus.SUCCESS);
        assertThat(this.notified.payment.check(order.orderId()).status()).isEqualTo(PayStatus.SUCCESS);
        assertThat(this.notified.events).singleElement()
            .satisfies((event) -> assertThat(event.payLog().payType()).isEqualTo(PayType.APP_PAY));
    }

    @Test
    void anAppOrderStringSignedWithAnotherKeyIsRefusedByAlipaysApp() throws Exception {
        PaymentFixture stranger = PaymentFixture.start(this.sandbox, (config) -> config.notifyUrl(null)
            .privateKey(io.jitpay.alipay.sandbox.TestRsaKeys.pkcs8Base64(
                    io.jitpay.alipay.sandbox.TestRsaKeys.generate())));
        try {
            PayLog order = stranger.payment.create("Monthly pass", new BigDecimal("25.00"));
            String orderString = stranger.payment.getPayUrl(order.orderId(), PayType.APP_PAY).orderString();
            HttpResponse<String> refused = get(this.sandbox.appPayUrl(orderString).toString());
            assertThat(refused.body()).contains("ALIN10070");
            assertThat(this.sandbox.trade(order.orderId())).isEmpty();
        }
        finally {
            stranger.close();
        }
    }

    @Test
    void aPaidOrderHasNoPayUrlOfAnyKind() {
        PayLog order = this.silent.payment.create("Desk lamp", new BigDecimal("12.00"));
        this.silent.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        this.sandbox.pay(order.orderId());
        this.silent.payment.check(order.orderId());
        for (PayType type : new PayType[] { PayType.PAGE_PAY, PayType.APP_PAY }) {
            assertThatExceptionOfType(PayException.class)
                .isThrownBy(() -> this.silent.payment.getPayUrl(order.orderId(), type))
                .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.ORDER_STATUS_ERROR));
        }
    }

    private static PayStatus status(PaymentFixture fixture, PayLog order) {
        return fixture.payment.find(order.orderId()).orElseThrow().status();
    }

    /** The gateway accepted the request and sent the browser to the cashier, which it opens. */
    private String open(HttpResponse<String> accepted) throws IOException, InterruptedException {
        String cashier = location(accepted, 302);
        assertThat(get(cashier).body()).contains("id=\"pay\"");
        return cashier;
    }

    private HttpResponse<String> pay(String cashier) throws IOException, InterruptedException {
        return this.browser.send(HttpRequest.newBuilder(URI.create(cashier + "/pay"))
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return this.browser.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Submits an auto-submitting form as a browser does: its hidden fields, form-encoded, to its action. */
    private HttpResponse<String> submit(String form) throws IOException, InterruptedException {
        Matcher action = ACTION.matcher(form);
        assertThat(action.find()).as("the form's action").isTrue();
        StringBuilder body = new StringBuilder();
        Matcher field = HIDDEN.matcher(form);
        while (field.find()) {
            body.append((body.length() > 0) ? "&" : "").append(URLEncoder.encode(field.group(1), StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(unescape(field.group(2)), StandardCharsets.UTF_8));
        }
        return this.browser.send(HttpRequest.newBuilder(URI.create(unescape(action.group(1))))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String location(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(status);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&amp;", "&");
    }
}
