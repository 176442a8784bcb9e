package io.jitpay.alipay.sandbox;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.request.AlipayTradeCancelRequest;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeWapPayRequest;
import com.alipay.api.response.AlipayTradeCancelResponse;
import com.alipay.api.response.AlipayTradeCloseResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The unmodified official SDK, with response verification on (an Alipay public key configured), accepts every kind of
 * answer the sandbox gives: successes, signed failures, unsigned protocol errors, and the injected unverified ones.
 */
class SdkCompatibilityTest {

    private static AliPaySandbox sandbox;

    private static AlipayClient client;

    private static int orders;

    @BeforeAll
    static void start() throws AlipayApiException {
        sandbox = AliPaySandbox.builder().start();
        client = client(sandbox.appId(), sandbox.appPrivateKey());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void precreateAnswersTheQrCodeWithEscapedSlashesSignedOverTheExactBytes() throws AlipayApiException {
        String orderId = nextOrder();
        AlipayTradePrecreateResponse response = client.execute(precreate(orderId, "9.90"));
        assertThat(response.isSuccess()).isTrue();
        assertThat(response.getCode()).isEqualTo("10000");
        assertThat(response.getOutTradeNo()).isEqualTo(orderId);
        assertThat(response.getQrCode()).startsWith(sandbox.baseUrl() + "/qr/bax");
        assertThat(response.getBody()).contains("\"qr_code\":\"http:\\/\\/127.0.0.1:");
    }

    @Test
    void queryBeforeTheBuyerScansIsASignedTradeNotExist() throws AlipayApiException {
        String orderId = nextOrder();
        client.execute(precreate(orderId, "9.90"));
        AlipayTradeQueryResponse response = client.execute(query(orderId));
        assertThat(response.isSuccess()).isFalse();
        assertThat(response.getCode()).isEqualTo("40004");
        assertThat(response.getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
        assertThat(response.getBody()).contains("\"sign\":\"");
    }

    @Test
    void queryOfAScannedThenPaidTradeReportsItsStatusAmountsAndTimes() throws AlipayApiException {
        String orderId = nextOrder();
        client.execute(precreate(orderId, "88.80"));
        sandbox.scan(orderId);
        AlipayTradeQueryResponse waiting = client.execute(query(orderId));
        assertThat(waiting.isSuccess()).isTrue();
        assertThat(waiting.getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
        assertThat(waiting.getSendPayDate()).isNull();

        SandboxTrade trade = sandbox.pay(orderId);
        AlipayTradeQueryResponse paid = client.execute(query(orderId));
        assertThat(paid.getTradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(paid.getTradeNo()).isEqualTo(trade.tradeNo()).hasSize(28);
        assertThat(paid.getTotalAmount()).isEqualTo("88.80");
        assertThat(paid.getBuyerPayAmount()).isEqualTo("88.80");
        assertThat(paid.getSendPayDate().toInstant().getEpochSecond())
            .isEqualTo(trade.paidAt().getEpochSecond());

        AlipayTradeQueryRequest byTradeNo = new AlipayTradeQueryRequest();
        byTradeNo.setBizContent("{\"trade_no\":\"" + trade.tradeNo() + "\"}");
        assertThat(client.execute(byTradeNo).getOutTradeNo()).isEqualTo(orderId);
    }

    @Test
    void closeAndCancelAnswerAsAlipayDoes() throws AlipayApiException {
        String waiting = nextOrder();
        client.execute(precreate(waiting, "1.00"));
        sandbox.scan(waiting);
        AlipayTradeCloseResponse closed = client.execute(close(waiting));
        assertThat(closed.isSuccess()).isTrue();
        assertThat(closed.getTradeNo()).isNotBlank();
        AlipayTradeCloseResponse again = client.execute(close(waiting));
        assertThat(again.getSubCode()).isEqualTo("ACQ.TRADE_STATUS_ERROR");
        assertThat(client.execute(close(nextOrder())).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");

        String paid = nextOrder();
        client.execute(precreate(paid, "1.00"));
        sandbox.pay(paid);
        AlipayTradeCancelRequest cancel = new AlipayTradeCancelRequest();
        cancel.setBizContent("{\"out_trade_no\":\"" + paid + "\"}");
        AlipayTradeCancelResponse refunded = client.execute(cancel);
        assertThat(refunded.isSuccess()).isTrue();
        assertThat(refunded.getAction()).isEqualTo("refund");
        assertThat(refunded.getRetryFlag()).isEqualTo("N");
    }

    @Test
    void precreateAgainstAPaidTradeIsASignedBusinessFailure() throws AlipayApiException {
        String orderId = nextOrder();
        client.execute(precreate(orderId, "1.00"));
        sandbox.pay(orderId);
        AlipayTradePrecreateResponse response = client.execute(precreate(orderId, "1.00"));
        assertThat(response.isSuccess()).isFalse();
        assertThat(response.getSubCode()).isEqualTo("ACQ.TRADE_HAS_SUCCESS");
        AlipayTradePrecreateResponse changed = client.execute(precreate(nextOrderAfter(orderId), "1.00"));
        assertThat(changed.isSuccess()).isTrue();
    }

    @Test
    void requestSignedWithAnotherKeyGetsASignedInvalidSignature() throws AlipayApiException {
        AlipayClient stranger = client(sandbox.appId(), TestRsaKeys.pkcs8Base64(TestRsaKeys.generate()));
        AlipayTradeQueryResponse response = stranger.execute(query(nextOrder()));
        assertThat(response.isSuccess()).isFalse();
        assertThat(response.getCode()).isEqualTo("40002");
        assertThat(response.getSubCode()).isEqualTo("isv.invalid-signature");
        assertThat(response.getBody()).startsWith("{\"alipay_trade_query_response\":").contains("\"sign\":\"");
    }

    @Test
    void unknownAppGetsAnUnsignedErrorResponseThatTheSdkAccepts() throws AlipayApiException {
        AlipayTradeQueryResponse response = client("2021000000000999", sandbox.appPrivateKey())
            .execute(query(nextOrder()));
        assertThat(response.isSuccess()).isFalse();
        assertThat(response.getSubCode()).isEqualTo("isv.invalid-app-id");
    }

    @Test
    void injectedFailuresReachTheSdkAsTheyWouldFromAlipay() throws AlipayApiException {
        sandbox.failNext("alipay.trade.query", SandboxFault.systemError());
        AlipayTradeQueryResponse busy = client.execute(query(nextOrder()));
        assertThat(busy.getCode()).isEqualTo("20000");
        assertThat(busy.getSubCode()).isEqualTo("ACQ.SYSTEM_ERROR");

        sandbox.failNext("alipay.trade.query", SandboxFault.badSignature());
        assertThatExceptionOfType(AlipayApiException.class).isThrownBy(() -> client.execute(query(nextOrder())))
            .withMessageContaining("sign check fail");

        sandbox.failNext("alipay.trade.query", SandboxFault.httpStatus(502));
        assertThatExceptionOfType(AlipayApiException.class).isThrownBy(() -> client.execute(query(nextOrder())));

        sandbox.failNext("alipay.trade.query", SandboxFault.malformedJson());
        assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> client.execute(query(nextOrder())));

        assertThat(client.execute(query(nextOrder())).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    }

    @Test
    void signedServiceUnavailableWithoutSubCodeIsASuccessToTheSdk() throws AlipayApiException {
        sandbox.failNext("alipay.trade.query", SandboxFault.error("20000", null, null));
        AlipayTradeQueryResponse response = client.execute(query(nextOrder()));
        // isSuccess() only asks whether sub_code is empty: a client must also read code.
        assertThat(response.isSuccess()).isTrue();
        assertThat(response.getCode()).isEqualTo("20000");
        assertThat(response.getMsg()).isEqualTo("Service Currently Unavailable");
        assertThat(response.getSubCode()).isNull();
        assertThat(response.getTradeStatus()).isNull();
        assertThat(response.getBody()).startsWith("{\"alipay_trade_query_response\":{\"code\":\"20000\",")
            .contains("\"sign\":\"").doesNotContain("sub_code");
    }

    @Test
    void unsignedFailureUnderTheMethodsRootIsAcceptedUnverified() throws AlipayApiException {
        String paid = nextOrder();
        client.execute(precreate(paid, "3.00"));
        sandbox.pay(paid);
        sandbox.failNext("alipay.trade.query", SandboxFault.unsignedError("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在"));
        AlipayTradeQueryResponse forged = client.execute(query(paid));
        assertThat(forged.isSuccess()).isFalse();
        assertThat(forged.getCode()).isEqualTo("40004");
        assertThat(forged.getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
        assertThat(forged.getSubMsg()).isEqualTo("交易不存在");
        assertThat(forged.getBody()).startsWith("{\"alipay_trade_query_response\":").doesNotContain("sign");
        assertThat(client.execute(query(paid)).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
    }

    @Test
    void unsignedAnswerWithoutSubCodeIsRefusedBecauseTheSdkTakesItForASuccess() {
        sandbox.failNext("alipay.trade.query", SandboxFault.unsignedError("20000", null, null));
        // With no sub_code the SDK verifies it as a success, finds nothing signed and throws.
        assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> client.execute(query(nextOrder())))
            .withMessageContaining("待验签内容不可为空");
    }

    @Test
    void wapPayPageRequestIsVerifiedAndSendsTheBrowserToTheCashier() throws Exception {
        String orderId = nextOrder();
        AlipayTradeWapPayRequest request = new AlipayTradeWapPayRequest();
        request.setReturnUrl("http://127.0.0.1:1/return");
        request.setBizContent("{\"out_trade_no\":\"" + orderId + "\",\"total_amount\":\"5.00\",\"subject\":\"Tea\","
                + "\"product_code\":\"QUICK_WAP_WAY\"}");
        String url = client.pageExecute(request, "GET").getBody();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(sandbox.trade(orderId)).get().extracting(SandboxTrade::status).isEqualTo("WAIT_BUYER_PAY");

        String tampered = url.replace("5.00", "0.01");
        java.net.http.HttpResponse<String> refused = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(tampered)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(refused.body()).contains("isv.invalid-signature");
    }

    static AlipayTradePrecreateRequest precreate(String orderId, String amount) {
        AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
        request.setBizContent("{\"out_trade_no\":\"" + orderId + "\",\"total_amount\":\"" + amount
                + "\",\"subject\":\"Coffee\"}");
        return request;
    }

    static AlipayTradeQueryRequest query(String orderId) {
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizContent("{\"out_trade_no\":\"" + orderId + "\"}");
        return request;
    }

    static AlipayTradeCloseRequest close(String orderId) {
        AlipayTradeCloseRequest request = new AlipayTradeCloseRequest();
        request.setBizContent("{\"out_trade_no\":\"" + orderId + "\"}");
        return request;
    }

    static AlipayClient client(String appId, String privateKey) throws AlipayApiException {
        return SdkClients.of(sandbox, appId, privateKey);
    }

    private static synchronized String nextOrder() {
        return "SDK" + System.nanoTime() + "_" + (++orders);
    }

    private static String nextOrderAfter(String orderId) {
        return orderId + "B";
    }
}
