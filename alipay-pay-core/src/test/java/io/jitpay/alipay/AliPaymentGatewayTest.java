package io.jitpay.alipay;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import io.jitpay.alipay.sandbox.SandboxTrade;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;
import io.jitpay.pay.PayUrl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * getPayUrl, check and cancel through the real SDK adapter, over HTTP, against the sandbox. Notifications are switched
 * off here (no notify URL) so that each test sees only what its own calls do.
 */
class AliPaymentGatewayTest {

    @RegisterExtension
    static final AliPaySandboxExtension sandboxes = new AliPaySandboxExtension();

    private final AliPaySandbox sandbox = sandboxes.get();

    private PaymentFixture fixture;

    private AliPayment payment;

    @BeforeEach
    void startFixture() throws Exception {
        this.fixture = PaymentFixture.start(sandbox, (config) -> config.notifyUrl(null));
        this.payment = this.fixture.payment;
    }

    @AfterEach
    void stopFixture() {
        this.fixture.close();
    }

    @Test
    void prePayCallsPrecreateAndReturnsTheQrLinkWithTheOrderTimeout() {
        PayLog order = this.payment.create("Product Purchase", new BigDecimal("99.99"));
        PayUrl url = this.payment.getPayUrl(order.orderId(), "PRE_PAY");
        assertThat(url.form()).isNull();
        assertThat(url.payUrl()).startsWith(sandbox.baseUrl() + "/qr/");
        SandboxTrade trade = sandbox.trade(order.orderId()).orElseThrow();
        assertThat(trade.method()).isEqualTo("alipay.trade.precreate");
        assertThat(trade.totalAmount()).isEqualTo("99.99");
        assertThat(trade.subject()).isEqualTo("Product Purchase");
        assertThat(trade.status()).isNull();
        assertThat(trade.expiresAt()).isEqualTo(order.createdAt().plus(Duration.ofMinutes(30))
            .truncatedTo(ChronoUnit.SECONDS));
        assertThat(this.payment.find(order.orderId())).get().extracting(PayLog::payType).isEqualTo(PayType.PRE_PAY);
    }

    @Test
    void prePayTwiceReturnsTheSameLink() {
        PayLog order = this.payment.create("Coffee", new BigDecimal("9.90"));
        assertThat(this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY))
            .isEqualTo(this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY));
    }

    @Test
    void wapPayReturnsTheSignedCashierLinkAndTheSameRequestAsAnAutoSubmittingForm() throws Exception {
        PayLog order = this.payment.create("Tom and Jerry <\"deluxe\"> '90s'", new BigDecimal("8999.00"));
        PayUrl url = this.payment.getPayUrl(order.orderId(), PayType.WAP_PAY);

        Map<String, String> link = query(url.payUrl());
        assertThat(link).containsEntry("method", "alipay.trade.wap.pay").containsEntry("app_id", sandbox.appId())
            .containsEntry("sign_type", "RSA2").containsEntry("return_url", "http://127.0.0.1:8080/return")
            .containsKey("sign");
        assertThat(link.get("biz_content")).contains("\"out_trade_no\":\"" + order.orderId() + "\"",
                "\"total_amount\":\"8999.00\"", "\"product_code\":\"QUICK_WAP_WAY\"", "\"time_expire\":");

        assertThat(url.form()).startsWith("<form name=\"punchout_form\" method=\"post\" action=\"")
            .contains("<script>document.forms[0].submit();</script>");
        Matcher action = Pattern.compile("action=\"([^\"]*)\"").matcher(url.form());
        assertThat(action.find()).isTrue();
        Map<String, String> formQuery = query(unescape(action.group(1)));
        Matcher hidden = Pattern.compile("name=\"biz_content\" value=\"([^\"]*)\"").matcher(url.form());
        assertThat(hidden.find()).isTrue();
        formQuery.put("biz_content", unescape(hidden.group(1)));
        assertThat(formQuery).isEqualTo(link);

        // The gateway accepts the link's signature: it sends the browser on to the cashier.
        HttpResponse<String> response = HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create(url.payUrl())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                (location) -> assertThat(location).startsWith(sandbox.baseUrl() + "/cashier/"));
        assertThat(sandbox.trade(order.orderId())).get().extracting(SandboxTrade::status)
            .isEqualTo("WAIT_BUYER_PAY");
    }

    @Test
    void wapPayIsBuiltLocallyWithoutContactingTheGateway() throws Exception {
        try (PaymentFixture offline = PaymentFixture.start(sandbox,
                (config) -> config.gatewayUrl("http://127.0.0.1:9/gateway.do"))) {
            PayLog order = offline.payment.create("Coffee", new BigDecimal("9.90"));
            PayUrl url = offline.payment.getPayUrl(order.orderId(), PayType.WAP_PAY);
            assertThat(url.payUrl()).startsWith("http://127.0.0.1:9/gateway.do?");
            assertThat(url.form()).contains("action=\"http://127.0.0.1:9/gateway.do?");
        }
    }

    @Test
    void payUrlOfAnUnknownOrderIsOrderNotExist() {
        assertError(() -> this.payment.getPayUrl("NO_SUCH_ORDER", PayType.PRE_PAY), PayErrorCode.ORDER_NOT_EXIST_ERROR);
    }

    @Test
    void unknownPayTypeStringIsUnknownPayType() {
        PayLog order = this.payment.create("Coffee", new BigDecimal("9.90"));
        assertError(() -> this.payment.getPayUrl(order.orderId(), "QR_CODE"), PayErrorCode.UNKNOWN_PAY_TYPE);
        assertError(() -> this.payment.getPayUrl(order.orderId(), (String) null), PayErrorCode.UNKNOWN_PAY_TYPE);
        assertThat(this.payment.getPayUrl(order.orderId(), " wap_pay ").form()).isNotNull();
    }

    @Test
    void payUrlOfAnOrderThatIsNotWaitingIsOrderStatusError() {
        PayLog order = this.payment.create("Coffee", new BigDecimal("9.90"));
        this.payment.cancel(order.orderId());
        assertError(() -> this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY), PayErrorCode.ORDER_STATUS_ERROR);
        assertError(() -> this.payment.getPayUrl(order.orderId(), PayType.WAP_PAY), PayErrorCode.ORDER_STATUS_ERROR);
    }

    @Test
    void payUrlOfAnExpiredOrderIsOrderStatusError() {
        Instant longAgo = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MICROS);
        this.fixture.store.insert(new PayLog("EXPIRED_1", "pays.aliPayment", "Coffee", new BigDecimal("1.00"),
                PayStatus.WAIT, null, null, longAgo, longAgo.plus(Duration.ofMinutes(30)), longAgo, null, PayLog.NOTHING_REFUNDED));
        PayException ex = assertError(() -> this.payment.getPayUrl("EXPIRED_1", PayType.PRE_PAY),
                PayErrorCode.ORDER_STATUS_ERROR);
        assertThat(ex).hasMessageContaining("expired");
        assertThat(sandbox.trade("EXPIRED_1")).isEmpty();
    }

    @Test
    void checkBeforeTheBuyerScansLeavesTheOrderWaiting() {
        PayLog order = this.payment.create("Coffee", new BigDecimal("9.90"));
        this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        assertThat(this.payment.checkThird(order)).isEmpty();
        assertThat(this.payment.check(order.orderId())).extracting(PayLog::status).isEqualTo(PayStatus.WAIT);
        assertThat(this.payment.findAliPayLog(order.orderId())).isEmpty();
        assertThat(this.fixture.events).isEmpty();
    }

    @Test
    void checkOfAnOrderNeverSentToAlipayLeavesItWaiting() {
        PayLog order = this.payment.create("Coffee", new BigDecimal("9.90"));
        assertThat(this.payment.check(order.orderId()).status()).isEqualTo(PayStatus.WAIT);
    }

    @Test
    void checkAfterTheBuyerScannedRecordsTheWaitingTrade() {
        PayLog order = this.payment.create("Coffee", new BigDecimal("9.90"));
        this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        SandboxTrade trade = sandbox.scan(order.orderId());
        assertThat(this.payment.check(order.orderId()).status()).isEqualTo(PayStatus.WAIT);
        AliPayLog view = this.payment.findAliPayLog(order.orderId()).orElseThrow();
        assertThat(view.tradeStatus()).isEqualTo(AliPayStatus.WAIT_BUYER_PAY);
        assertThat(view.tradeNo()).isEqualTo(trade.tradeNo());
        assertThat(this.fixture.events).isEmpty();
    }

    @Test
    void checkAfterPaymentMarksTheOrderPaidWithTradeNumberAndPaymentTime() {
        PayLog order = this.payment.create("Coffee", new BigDecimal("9.90"));
        this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        SandboxTrade trade = sandbox.pay(order.orderId());

        PayLog paid = this.payment.check(order.orderId());
        assertThat(paid.status()).isEqualTo(PayStatus.SUCCESS);
        assertThat(paid.tradeNo()).isEqualTo(trade.tradeNo());
        assertThat(paid.paidAt()).isEqualTo(trade.paidAt().truncatedTo(ChronoUnit.SECONDS));
        AliPayLog view = this.payment.findAliPayLog(order.orderId()).orElseThrow();
        assertThat(view.tradeStatus()).isEqualTo(AliPayStatus.TRADE_SUCCESS);
        assertThat(view.totalAmount()).isEqualTo("9.90");
        assertThat(view.buyerPayAmount()).isEqualTo("9.90");
        assertThat(view.buyerLogonId()).isEqualTo("jit***@sandbox.test");
        assertThat(view.gmtPayment()).isEqualTo(paid.paidAt());
        assertThat(this.fixture.events).singleElement().satisfies((event) -> {
            assertThat(event.previousStatus()).isEqualTo(PayStatus.WAIT);
            assertThat(event.payLog()).isEqualTo(paid);
        });

        assertThat(this.payment.check(order.orderId())).isEqualTo(paid);
        assertThat(this.fixture.events).hasSize(1);
    }

    @Test
    void checkOfAnUnknownOrderIsOrderNotExist() {
        assertError(() -> this.payment.check("NO_SUCH_ORDER"), PayErrorCode.ORDER_NOT_EXIST_ERROR);
    }

    @Test
    void cancelBeforeTheBuyerScansClosesTheOrderAndTheQrCodeCanNoLongerBePaid() {
        PayLog order = this.payment.create("Coffee", new BigDecimal("9.90"));
        this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        PayLog closed = this.payment.cancel(order.orderId());
        assertThat(closed.status()).isEqualTo(PayStatus.CLOSE);
        assertThat(this.payment.find(order.orderId())).contains(closed);
        assertThat(this.fixture.events).singleElement()
            .satisfies((event) -> assertThat(event.previousStatus()).isEqualTo(PayStatus.WAIT));
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> sandbox.pay(order.orderId()));
    }

    @Test
    void cancelAfterTheBuyerScannedClosesTheTradeAtAlipay() {
        PayLog order = this.payment.create("Coffee", new BigDecimal("9.90"));
        this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        sandbox.scan(order.orderId());
        assertThat(this.payment.cancel(order.orderId()).status()).isEqualTo(PayStatus.CLOSE);
        assertThat(sandbox.trade(order.orderId())).get().extracting(SandboxTrade::status).isEqualTo("TRADE_CLOSED");
    }

    @Test
    void cancelOfAnOrderNeverSentToAlipayClosesIt() {
        PayLog order = this.payment.create("Coffee", new BigDecimal("9.90"));
        assertThat(this.payment.cancel(order.orderId()).status()).isEqualTo(PayStatus.CLOSE);
    }

    @Test
    void cancelOfAnOrderPaidAtAlipayRecordsThePaymentAndRefusesToClose() {
        PayLog order = this.payment.create("Coffee", new BigDecimal("9.90"));
        this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        SandboxTrade trade = sandbox.pay(order.orderId());
        PayException ex = assertError(() -> this.payment.cancel(order.orderId()), PayErrorCode.ORDER_STATUS_ERROR);
        assertThat(ex).hasMessageContaining("paid");
        PayLog stored = this.payment.find(order.orderId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(PayStatus.SUCCESS);
        assertThat(stored.tradeNo()).isEqualTo(trade.tradeNo());
        assertThat(sandbox.trade(order.orderId())).get().extracting(SandboxTrade::status).isEqualTo("TRADE_SUCCESS");
        assertThat(this.fixture.events).singleElement().satisfies((event) -> assertThat(event.isPaid()).isTrue());
    }

    @Test
    void cancelOfAPaidOrderIsOrderStatusErrorAndCallsNothing() {
        PayLog order = this.payment.create("Coffee", new BigDecimal("9.90"));
        this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        sandbox.pay(order.orderId());
        this.payment.check(order.orderId());
        int closeCalls = sandbox.trade(order.orderId()).orElseThrow().closeCalls();
        assertError(() -> this.payment.cancel(order.orderId()), PayErrorCode.ORDER_STATUS_ERROR);
        assertThat(sandbox.trade(order.orderId()).orElseThrow().closeCalls()).isEqualTo(closeCalls);
    }

    @Test
    void cancelOfAClosedOrderChangesNothing() {
        PayLog order = this.payment.create("Coffee", new BigDecimal("9.90"));
        this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        PayLog closed = this.payment.cancel(order.orderId());
        assertThat(this.payment.cancel(order.orderId())).isEqualTo(closed);
        assertThat(sandbox.trade(order.orderId()).orElseThrow().closeCalls()).isEqualTo(1);
        assertThat(this.fixture.events).hasSize(1);
    }

    @Test
    void cancelOfAnUnknownOrderIsOrderNotExist() {
        assertError(() -> this.payment.cancel("NO_SUCH_ORDER"), PayErrorCode.ORDER_NOT_EXIST_ERROR);
    }

    @Test
    void cancelThirdClosesAtAlipayOnlyAndLeavesTheLocalOrderWaiting() {
        PayLog order = this.payment.create("Coffee", new BigDecimal("9.90"));
        this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        sandbox.scan(order.orderId());
        this.payment.cancelThird(order.orderId());
        assertThat(sandbox.trade(order.orderId())).get().extracting(SandboxTrade::status).isEqualTo("TRADE_CLOSED");
        assertThat(this.payment.find(order.orderId())).get().extracting(PayLog::status).isEqualTo(PayStatus.WAIT);
        // A second close finds the trade closed already: nothing to do.
        this.payment.cancelThird(order.orderId());
        // check() then learns the close from Alipay.
        assertThat(this.payment.check(order.orderId()).status()).isEqualTo(PayStatus.CLOSE);
    }

    @Test
    void returnFromTheWapCashierIsVerifiedAndNamesTheOrder() throws Exception {
        PayLog order = this.payment.create("Coffee", new BigDecimal("9.90"));
        PayUrl url = this.payment.getPayUrl(order.orderId(), PayType.WAP_PAY);
        HttpClient http = HttpClient.newHttpClient();
        String cashier = http.send(HttpRequest.newBuilder(URI.create(url.payUrl())).build(),
                HttpResponse.BodyHandlers.ofString()).headers().firstValue("Location").orElseThrow();
        String back = http.send(HttpRequest.newBuilder(URI.create(cashier + "/pay"))
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
            .headers().firstValue("Location").orElseThrow();
        Map<String, String> params = query(back);
        assertThat(this.payment.verifyReturn(params)).isEqualTo(this.payment.find(order.orderId()).orElseThrow());

        params.put("total_amount", "0.01");
        assertError(() -> this.payment.verifyReturn(params), PayErrorCode.SIGN_ERROR);
    }

    @Test
    void productPropertiesExposeTheConfiguration() {
        assertThat(this.payment.appId()).isEqualTo(sandbox.appId());
        assertThat(this.payment.publicKey()).isEqualTo(sandbox.alipayPublicKey());
        assertThat(this.payment.privateKey()).isEqualTo(sandbox.appPrivateKey());
        assertThat(this.payment.fullName()).isEqualTo("pays.aliPayment");
        assertThat(this.payment.config().gatewayUrl()).isEqualTo(sandbox.gatewayUrl());
        assertThat(this.payment.toString()).doesNotContain(sandbox.appPrivateKey().substring(40, 80));
    }

    private static PayException assertError(Runnable call, PayErrorCode code) {
        return assertThatExceptionOfType(PayException.class).isThrownBy(call::run)
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(code))
            .actual();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>(NotifyForm.decode(url.substring(url.indexOf('?') + 1)
            .getBytes(StandardCharsets.ISO_8859_1)));
        return params;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'")
            .replace("&amp;", "&");
    }
}
