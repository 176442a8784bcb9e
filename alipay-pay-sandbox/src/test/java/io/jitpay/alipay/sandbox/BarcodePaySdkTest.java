package io.jitpay.alipay.sandbox;

import java.util.HashMap;
import java.util.Map;

import com.alipay.api.AlipayClient;
import com.alipay.api.domain.TradeFundBill;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradeCancelRequest;
import com.alipay.api.request.AlipayTradePayRequest;
import com.alipay.api.response.AlipayTradeCancelResponse;
import com.alipay.api.response.AlipayTradePayResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code alipay.trade.pay} in store, as the unmodified SDK sees it with response verification on: every answer the
 * documented payment codes script, with the fields of captured real answers, and what query and cancel say after.
 */
class BarcodePaySdkTest {

    @RegisterExtension
    static final SdkSetup setup = new SdkSetup();

    @Test
    void payingCodePaysAtOnceWithTheFieldsOfARealAnswerAndIsNotified() throws Exception {
        String orderId = nextOrder();
        AlipayTradePayResponse response = client().execute(pay(orderId, "12.30", SandboxAuthCodes.PAYS));
        SandboxTrade trade = sandbox().trade(orderId).orElseThrow();

        assertThat(response.isSuccess()).isTrue();
        assertThat(response.getCode()).isEqualTo("10000");
        assertThat(response.getBody()).startsWith("{\"alipay_trade_pay_response\":{\"code\":\"10000\","
                + "\"msg\":\"Success\",\"buyer_logon_id\":").contains("\"fund_bill_list\":[{\"amount\":\"12.30\",\"fund_channel\":"
                + "\"ALIPAYACCOUNT\"}]", "\"sign\":\"");
        assertThat(response.getTradeNo()).isEqualTo(trade.tradeNo()).hasSize(28);
        assertThat(response.getOutTradeNo()).isEqualTo(orderId);
        assertThat(response.getBuyerUserId()).startsWith("2088").hasSize(16);
        assertThat(response.getBuyerLogonId()).contains("***");
        assertThat(response.getTotalAmount()).isEqualTo("12.30");
        assertThat(response.getReceiptAmount()).isEqualTo("12.30");
        assertThat(response.getBuyerPayAmount()).isEqualTo("12.30");
        assertThat(response.getInvoiceAmount()).isEqualTo("12.30");
        assertThat(response.getPointAmount()).isEqualTo("0.00");
        assertThat(response.getGmtPayment().toInstant().getEpochSecond())
            .isEqualTo(trade.paidAt().getEpochSecond());
        assertThat(response.getFundBillList()).singleElement().extracting(TradeFundBill::getFundChannel,
                TradeFundBill::getAmount).containsExactly("ALIPAYACCOUNT", "12.30");
        assertThat(trade.status()).isEqualTo("TRADE_SUCCESS");
        assertThat(trade.method()).isEqualTo("alipay.trade.pay");

        await().until(() -> setup.merchant().notifications(orderId).size() == 1);
        Map<String, String> notification = setup.merchant().notifications(orderId).get(0);
        assertThat(notification).containsEntry("trade_status", "TRADE_SUCCESS")
            .containsEntry("trade_no", trade.tradeNo());
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(notification), sandbox().alipayPublicKey(), "UTF-8",
                "RSA2")).isTrue();
    }

    @Test
    void confirmationCodeAnswers10003AndTheTradeWaitsUntilTheBuyerConfirms() throws Exception {
        String orderId = nextOrder();
        AlipayTradePayResponse response = client().execute(pay(orderId, "88.00", SandboxAuthCodes.NEEDS_CONFIRMATION));

        // No sub_code, so the SDK calls it a success; only code tells the merchant to wait.
        assertThat(response.isSuccess()).isTrue();
        assertThat(response.getCode()).isEqualTo("10003");
        assertThat(response.getMsg()).isEqualTo(" order success pay inprocess");
        assertThat(response.getBody()).contains("\"sign\":\"");
        assertThat(response.getTradeNo()).hasSize(28);
        assertThat(response.getTotalAmount()).isEqualTo("88.00");
        assertThat(response.getBuyerPayAmount()).isEqualTo("0.00");
        assertThat(response.getReceiptAmount()).isEqualTo("0.00");
        assertThat(response.getGmtPayment()).isNull();
        assertThat(response.getFundBillList()).isNull();
        assertThat(client().execute(SdkCompatibilityTest.query(orderId)).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");

        sandbox().confirm(orderId);
        assertThat(client().execute(SdkCompatibilityTest.query(orderId)).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
        await().until(() -> setup.merchant().notifications(orderId).size() == 1);
        assertThat(setup.merchant().notifications(orderId).get(0)).containsEntry("trade_status", "TRADE_SUCCESS");
    }

    @Test
    void invalidCodeIsASignedRefusalAndTheOrderMayPayWithAnotherCode() throws Exception {
        String orderId = nextOrder();
        AlipayTradePayResponse refused = client().execute(pay(orderId, "5.00", SandboxAuthCodes.INVALID));
        assertThat(refused.isSuccess()).isFalse();
        assertThat(refused.getCode()).isEqualTo("40004");
        assertThat(refused.getMsg()).isEqualTo("Business Failed");
        assertThat(refused.getSubCode()).isEqualTo("ACQ.PAYMENT_AUTH_CODE_INVALID");
        assertThat(refused.getSubMsg()).isEqualTo("支付失败，获取顾客账户信息失败，请顾客刷新付款码后重新收款，如再次收款失败，请联系管理员"
                + "处理。[SOUNDWAVE_PARSER_FAIL]");
        assertThat(refused.getBody()).contains("\"buyer_pay_amount\":\"0.00\",\"invoice_amount\":\"0.00\","
                + "\"out_trade_no\":\"" + orderId + "\",\"point_amount\":\"0.00\",\"receipt_amount\":\"0.00\"}",
                "\"sign\":\"");
        assertThat(client().execute(SdkCompatibilityTest.query(orderId)).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");

        assertThat(client().execute(pay(orderId, "5.00", "2899" + "12345678901234")).getCode()).isEqualTo("10000");
        assertThat(sandbox().trade(orderId)).get().extracting(SandboxTrade::status).isEqualTo("TRADE_SUCCESS");
    }

    @Test
    void codesNotShapedLikeAlipaysAreInvalidToo() throws Exception {
        for (String code : new String[] { "130000000000000000", "28000000000000", "2800000000000000000000000" }) {
            AlipayTradePayResponse refused = client().execute(pay(nextOrder(), "5.00", code));
            assertThat(refused.getSubCode()).as(code).isEqualTo("ACQ.PAYMENT_AUTH_CODE_INVALID");
        }
    }

    @Test
    void buyerWithoutBalanceIsRefused() throws Exception {
        String orderId = nextOrder();
        AlipayTradePayResponse refused = client().execute(pay(orderId, "5.00", SandboxAuthCodes.NO_BALANCE));
        assertThat(refused.getCode()).isEqualTo("40004");
        assertThat(refused.getSubCode()).isEqualTo("ACQ.BUYER_BALANCE_NOT_ENOUGH");
        assertThat(refused.getSubMsg()).isEqualTo("买家余额不足");
        assertThat(sandbox().trade(orderId)).isEmpty();
    }

    @Test
    void unknownAnswerOfAPaymentThatWentThroughIsFoundByQueryAndACancelRefundsIt() throws Exception {
        String orderId = nextOrder();
        AlipayTradePayResponse unknown = client().execute(pay(orderId, "7.00", SandboxAuthCodes.UNKNOWN_BUT_PAID));
        assertThat(unknown.getCode()).isEqualTo("20000");
        assertThat(unknown.getMsg()).isEqualTo("Service Currently Unavailable");
        assertThat(unknown.getSubCode()).isEqualTo("ACQ.SYSTEM_ERROR");
        assertThat(unknown.getTradeNo()).isNull();
        assertThat(client().execute(SdkCompatibilityTest.query(orderId)).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
        await().until(() -> setup.merchant().notifications(orderId).size() == 1);

        AlipayTradeCancelResponse cancelled = client().execute(cancel(orderId));
        assertThat(cancelled.isSuccess()).isTrue();
        assertThat(cancelled.getAction()).isEqualTo("refund");
        assertThat(cancelled.getGmtRefundPay()).isNotNull();
        assertThat(sandbox().trade(orderId)).get().extracting(SandboxTrade::status).isEqualTo("TRADE_CLOSED");
    }

    @Test
    void unknownAnswerOfAPaymentThatNeverHappenedLeavesNoTradeToCancel() throws Exception {
        String orderId = nextOrder();
        AlipayTradePayResponse unknown = client().execute(pay(orderId, "7.00", SandboxAuthCodes.UNKNOWN_NOT_PAID));
        assertThat(unknown.getCode()).isEqualTo("20000");
        assertThat(unknown.getSubCode()).isEqualTo("ACQ.SYSTEM_ERROR");
        assertThat(client().execute(SdkCompatibilityTest.query(orderId)).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");

        AlipayTradeCancelResponse cancelled = client().execute(cancel(orderId));
        assertThat(cancelled.isSuccess()).isTrue();
        assertThat(cancelled.getAction()).isNull();
        assertThat(cancelled.getRetryFlag()).isEqualTo("N");
    }

    @Test
    void anotherPaymentOfAPaidOrderIsRefusedAsAlipayRefusesIt() throws Exception {
        String orderId = nextOrder();
        client().execute(pay(orderId, "2.00", SandboxAuthCodes.PAYS));
        AlipayTradePayResponse again = client().execute(pay(orderId, "2.00", SandboxAuthCodes.PAYS));
        assertThat(again.getSubCode()).isEqualTo("ACQ.TRADE_HAS_SUCCESS");
        assertThat(again.getSubMsg()).isEqualTo("交易已被支付");
        assertThat(again.getOutTradeNo()).isEqualTo(orderId);
        assertThat(client().execute(pay(orderId, "3.00", SandboxAuthCodes.PAYS)).getSubCode())
            .isEqualTo("ACQ.CONTEXT_INCONSISTENT");
        assertThat(sandbox().calls("alipay.trade.pay", orderId)).isEqualTo(3);
    }

    @Test
    void missingSceneOrAuthCodeIsAnInvalidParameter() throws Exception {
        AlipayTradePayRequest noScene = pay(nextOrder(), "1.00", SandboxAuthCodes.PAYS);
        noScene.setBizContent(noScene.getBizContent().replace("bar_code", "face_code"));
        assertThat(client().execute(noScene).getSubMsg()).isEqualTo("参数无效: scene");
        AlipayTradePayRequest noCode = pay(nextOrder(), "1.00", "");
        assertThat(client().execute(noCode).getSubMsg()).isEqualTo("参数无效: auth_code");
    }

    private static AlipayTradePayRequest pay(String orderId, String amount, String authCode) {
        return pay(orderId, amount, authCode, setup.merchant().notifyUrl());
    }

    /** An in-store payment request as the core sends it. */
    static AlipayTradePayRequest pay(String orderId, String amount, String authCode, String notifyUrl) {
        AlipayTradePayRequest request = new AlipayTradePayRequest();
        request.setNotifyUrl(notifyUrl);
        request.setBizContent("{\"out_trade_no\":\"" + orderId + "\",\"scene\":\"bar_code\",\"auth_code\":\"" + authCode
                + "\",\"product_code\":\"FACE_TO_FACE_PAYMENT\",\"subject\":\"Coffee\",\"total_amount\":\"" + amount
                + "\"}");
        return request;
    }

    static AlipayTradeCancelRequest cancel(String orderId) {
        AlipayTradeCancelRequest request = new AlipayTradeCancelRequest();
        request.setBizContent("{\"out_trade_no\":\"" + orderId + "\"}");
        return request;
    }

    private static String nextOrder() {
        return "BAR" + System.nanoTime();
    }

    private static AliPaySandbox sandbox() {
        return setup.sandbox();
    }

    private static AlipayClient client() {
        return setup.client();
    }
}
