package io.jitpay.alipay.sandbox;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * {@code alipay.trade.refund} and {@code alipay.trade.fastpay.refund.query} as the unmodified official SDK sees them
 * over HTTP, with response verification on: Alipay's answers and refusals, the field sets of real answers, the faults
 * that lose an answer after the money moved, and concurrent refunds of one trade.
 */
class RefundSdkTest {

    private static AliPaySandbox sandbox;

    private static AlipayClient client;

    /** Gives up after 300 ms, to meet the delaying faults with a read timeout. */
    private static AlipayClient impatient;

    private static int orders;

    @BeforeAll
    static void start() throws AlipayApiException {
        sandbox = AliPaySandbox.builder().start();
        client = client(15_000);
        impatient = client(300);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void noFaultLeftOver() {
        sandbox.clearFaults();
    }

    @Test
    void partialRefundsAnswerYAndTheTradesCumulativeRefundedTotal() throws AlipayApiException {
        String orderId = paidOrder("10.00");
        SandboxTrade trade = sandbox.trade(orderId).orElseThrow();

        AlipayTradeRefundResponse first = client.execute(refund(orderId, "3.00", "R1", "破损"));
        assertThat(first.isSuccess()).isTrue();
        assertThat(first.getCode()).isEqualTo("10000");
        assertThat(first.getFundChange()).isEqualTo("Y");
        assertThat(first.getRefundFee()).isEqualTo("3.00");
        assertThat(first.getSendBackFee()).isEqualTo("0.00");
        assertThat(first.getOutTradeNo()).isEqualTo(orderId);
        assertThat(first.getTradeNo()).isEqualTo(trade.tradeNo());
        assertThat(first.getBuyerLogonId()).isNotBlank();
        assertThat(first.getBuyerUserId()).startsWith("2088");
        SandboxRefund made = sandbox.refunds(orderId).get(0);
        assertThat(first.getGmtRefundPay().toInstant().getEpochSecond())
            .isEqualTo(made.refundedAt().getEpochSecond());
        assertThat(made).extracting(SandboxRefund::outRequestNo, SandboxRefund::amount, SandboxRefund::reason)
            .containsExactly("R1", new BigDecimal("3.00"), "破损");

        AlipayTradeRefundResponse second = client.execute(refund(orderId, "2.5", "R2", null));
        assertThat(second.getFundChange()).isEqualTo("Y");
        assertThat(second.getRefundFee()).isEqualTo("5.50");

        assertThat(sandbox.refunds(orderId)).extracting(SandboxRefund::outRequestNo, SandboxRefund::amount)
            .containsExactly(tuple("R1", new BigDecimal("3.00")),
                    tuple("R2", new BigDecimal("2.50")));
        assertThat(sandbox.refunds(orderId).get(1).reason()).isNull();
        SandboxTrade after = sandbox.trade(orderId).orElseThrow();
        assertThat(after.refundedAmount()).isEqualTo(new BigDecimal("5.50"));
        assertThat(after.status()).isEqualTo("TRADE_SUCCESS");
        assertThat(sandbox.calls("alipay.trade.refund", orderId)).isEqualTo(2);
    }

    @Test
    void retryOfAFinishedRefundAnswersNAndMovesNoMoney() throws AlipayApiException {
        String orderId = paidOrder("10.00");
        client.execute(refund(orderId, "4.00", "R1", null));
        client.execute(refund(orderId, "1.00", "R2", null));

        AlipayTradeRefundResponse retry = client.execute(refund(orderId, "4.00", "R1", null));
        assertThat(retry.isSuccess()).isTrue();
        assertThat(retry.getFundChange()).isEqualTo("N");
        assertThat(retry.getRefundFee()).isEqualTo("5.00");
        assertThat(sandbox.refunds(orderId)).hasSize(2);
        assertThat(sandbox.trade(orderId).orElseThrow().refundedAmount()).isEqualTo(new BigDecimal("5.00"));
    }

    @Test
    void sameRequestNumberWithAnotherAmountIsADiscordantRepeat() throws AlipayApiException {
        String orderId = paidOrder("10.00");
        client.execute(refund(orderId, "4.00", "R1", null));
        AlipayTradeRefundResponse other = client.execute(refund(orderId, "5.00", "R1", null));
        assertThat(other.isSuccess()).isFalse();
        assertThat(other.getCode()).isEqualTo("40004");
        assertThat(other.getMsg()).isEqualTo("Business Failed");
        assertThat(other.getSubCode()).isEqualTo("ACQ.DISCORDANT_REPEAT_REQUEST");
        assertThat(other.getSubMsg()).isEqualTo("不一致的请求");
        // Real refusals of a found trade carry these too; nothing was refunded by this call.
        assertThat(other.getOutTradeNo()).isEqualTo(orderId);
        assertThat(other.getRefundFee()).isEqualTo("4.00");
        assertThat(other.getBody()).contains("\"sign\":\"");
        assertThat(sandbox.refunds(orderId)).hasSize(1);
    }

    @Test
    void moreThanWhatIsLeftIsRefusedAndTheRestCanStillGoBack() throws AlipayApiException {
        String orderId = paidOrder("10.00");
        client.execute(refund(orderId, "8.00", "R1", null));
        AlipayTradeRefundResponse over = client.execute(refund(orderId, "2.01", "R2", null));
        assertThat(over.getSubCode()).isEqualTo("ACQ.REASON_TRADE_REFUND_FEE_ERR");
        assertThat(over.getSubMsg()).isEqualTo("退款金额无效");
        assertThat(client.execute(refund(orderId, "2.00", "R2", null)).getRefundFee()).isEqualTo("10.00");
        assertThat(client.execute(refund(paidOrder("1.00"), "1.01", "R1", null)).getSubCode())
            .isEqualTo("ACQ.REASON_TRADE_REFUND_FEE_ERR");
    }

    @Test
    void malformedOrNonPositiveAmountsAreInvalidParameters() throws AlipayApiException {
        String orderId = paidOrder("10.00");
        for (String amount : List.of("0", "0.00", "-1.00", "abc", "1.234", "")) {
            AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
            request.setBizContent("{\"out_trade_no\":\"" + orderId + "\",\"refund_amount\":\"" + amount
                    + "\",\"out_request_no\":\"R-" + amount + "\"}");
            AlipayTradeRefundResponse response = client.execute(request);
            assertThat(response.getCode()).as(amount).isEqualTo("40004");
            assertThat(response.getSubCode()).as(amount).isEqualTo("ACQ.INVALID_PARAMETER");
            assertThat(response.getSubMsg()).as(amount).isEqualTo("参数无效: refund_amount");
        }
        assertThat(sandbox.refunds(orderId)).isEmpty();
    }

    @Test
    void onlyAPaidTradeRefundsAndAnUnknownOneDoesNotExist() throws AlipayApiException {
        String waiting = nextOrder();
        client.execute(SdkCompatibilityTest.precreate(waiting, "5.00"));
        assertThat(client.execute(refund(waiting, "5.00", "R1", null)).getSubCode())
            .as("before the scan the trade does not exist").isEqualTo("ACQ.TRADE_NOT_EXIST");
        sandbox.scan(waiting);
        AlipayTradeRefundResponse unpaid = client.execute(refund(waiting, "5.00", "R1", null));
        assertThat(unpaid.getSubCode()).isEqualTo("ACQ.TRADE_STATUS_ERROR");
        assertThat(unpaid.getSubMsg()).isEqualTo("交易状态不合法");
        assertThat(unpaid.getRefundFee()).isEqualTo("0.00");
        client.execute(SdkCompatibilityTest.close(waiting));
        assertThat(client.execute(refund(waiting, "5.00", "R1", null)).getSubCode())
            .as("closed unpaid").isEqualTo("ACQ.TRADE_STATUS_ERROR");

        AlipayTradeRefundResponse unknown = client.execute(refund(nextOrder(), "1.00", "R1", null));
        assertThat(unknown.getCode()).isEqualTo("40004");
        assertThat(unknown.getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
        assertThat(unknown.getSubMsg()).isEqualTo("交易不存在");
        assertThat(unknown.getBody()).contains("\"sign\":\"").doesNotContain("refund_fee");
        assertThat(sandbox.refunds(waiting)).isEmpty();
    }

    @Test
    void fullRefundClosesTheTradeAndItsRetryStillAnswersN() throws AlipayApiException {
        String orderId = paidOrder("10.00");
        client.execute(refund(orderId, "6.00", "R1", null));
        AlipayTradeRefundResponse rest = client.execute(refund(orderId, "4.00", "R2", null));
        assertThat(rest.getFundChange()).isEqualTo("Y");
        assertThat(rest.getRefundFee()).isEqualTo("10.00");

        assertThat(client.execute(SdkCompatibilityTest.query(orderId)).getTradeStatus()).isEqualTo("TRADE_CLOSED");
        SandboxTrade trade = sandbox.trade(orderId).orElseThrow();
        assertThat(trade.status()).isEqualTo("TRADE_CLOSED");
        assertThat(trade.isPaid()).isFalse();
        assertThat(trade.refundedAmount()).isEqualTo(new BigDecimal("10.00"));
        assertThat(client.execute(refund(orderId, "0.01", "R3", null)).getSubCode())
            .isEqualTo("ACQ.TRADE_STATUS_ERROR");
        AlipayTradeRefundResponse retry = client.execute(refund(orderId, "4.00", "R2", null));
        assertThat(retry.getFundChange()).isEqualTo("N");
        assertThat(retry.getRefundFee()).isEqualTo("10.00");
    }

    @Test
    void withoutARequestNumberTheOrderIdIsOneAndOnlyTheWholeAmountGoesBack() throws AlipayApiException {
        String partial = paidOrder("10.00");
        AlipayTradeRefundResponse refused = client.execute(refund(partial, "3.00", null, null));
        assertThat(refused.getSubCode()).isEqualTo("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
        assertThat(refused.getSubMsg()).isEqualTo("撤销或退款金额与订单金额不一致");

        String whole = paidOrder("10.00");
        assertThat(client.execute(refund(whole, "10.00", null, null)).getFundChange()).isEqualTo("Y");
        assertThat(sandbox.refunds(whole)).extracting(SandboxRefund::outRequestNo).containsExactly(whole);
        assertThat(client.execute(refundQuery(whole, whole, false)).getRefundStatus()).isEqualTo("REFUND_SUCCESS");
        assertThat(client.execute(refund(whole, "10.00", null, null)).getFundChange()).isEqualTo("N");
    }

    @Test
    void refundByTradeNumberAlone() throws AlipayApiException {
        String orderId = paidOrder("3.00");
        AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
        request.setBizContent("{\"trade_no\":\"" + sandbox.trade(orderId).orElseThrow().tradeNo()
                + "\",\"refund_amount\":\"1.00\",\"out_request_no\":\"T1\"}");
        AlipayTradeRefundResponse response = client.execute(request);
        assertThat(response.getFundChange()).isEqualTo("Y");
        assertThat(response.getOutTradeNo()).isEqualTo(orderId);
    }

    @Test
    void refundQueryReportsAMadeRefundAndItsTimeWhenAskedFor() throws AlipayApiException {
        String orderId = paidOrder("10.00");
        client.execute(refund(orderId, "3.00", "R1", null));
        SandboxRefund made = sandbox.refunds(orderId).get(0);

        AlipayTradeFastpayRefundQueryResponse plain = client.execute(refundQuery(orderId, "R1", false));
        assertThat(plain.isSuccess()).isTrue();
        assertThat(plain.getRefundStatus()).isEqualTo("REFUND_SUCCESS");
        assertThat(plain.getOutRequestNo()).isEqualTo("R1");
        assertThat(plain.getOutTradeNo()).isEqualTo(orderId);
        assertThat(plain.getTradeNo()).isEqualTo(sandbox.trade(orderId).orElseThrow().tradeNo());
        assertThat(plain.getRefundAmount()).isEqualTo("3.00");
        assertThat(plain.getTotalAmount()).isEqualTo("10.00");
        assertThat(plain.getGmtRefundPay()).isNull();

        AlipayTradeFastpayRefundQueryResponse timed = client.execute(refundQuery(orderId, "R1", true));
        assertThat(timed.getGmtRefundPay().toInstant().getEpochSecond())
            .isEqualTo(made.refundedAt().getEpochSecond());
        assertThat(sandbox.calls("alipay.trade.fastpay.refund.query", orderId)).isEqualTo(2);
    }

    @Test
    void refundQueryOfAnUnknownRequestNumberIsASuccessWithNoRefundData() throws AlipayApiException {
        String orderId = paidOrder("10.00");
        client.execute(refund(orderId, "3.00", "R1", null));
        AlipayTradeFastpayRefundQueryResponse none = client.execute(refundQuery(orderId, "R9", true));
        assertThat(none.isSuccess()).isTrue();
        assertThat(none.getCode()).isEqualTo("10000");
        assertThat(none.getRefundStatus()).isNull();
        assertThat(none.getRefundAmount()).isNull();
        assertThat(none.getGmtRefundPay()).isNull();
        // As a captured real answer for a refund Alipay never made: code and msg alone.
        assertThat(AlipayVectors.fieldsInOrder(none.getBody()))
            .containsExactly("alipay_trade_fastpay_refund_query_response", "code", "msg", "sign");
    }

    @Test
    void refundQueryOfAnUnknownTradeOrWithoutRequestNumberFails() throws AlipayApiException {
        AlipayTradeFastpayRefundQueryResponse unknown = client.execute(refundQuery(nextOrder(), "R1", false));
        assertThat(unknown.getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
        assertThat(unknown.getBody()).contains("\"sign\":\"");

        AlipayTradeFastpayRefundQueryRequest request = new AlipayTradeFastpayRefundQueryRequest();
        request.setBizContent("{\"out_trade_no\":\"" + paidOrder("1.00") + "\"}");
        assertThat(client.execute(request).getSubCode()).isEqualTo("ACQ.INVALID_PARAMETER");
    }

    @Test
    void refundAndRefundQueryAnswersHaveExactlyTheFieldsOfRealOnesInTheirOrder() throws AlipayApiException {
        String orderId = paidOrder("0.01");
        String refund = client.execute(refund(orderId, "0.01", "R1", null)).getBody();
        assertThat(AlipayVectors.fieldsInOrder(refund)).containsExactlyElementsOf(AlipayVectors.fieldsInOrder(
                AlipayVectors.text("yansongda-pay/response_alipay_trade_refund_response.json")));
        String query = client.execute(refundQuery(orderId, "R1", false)).getBody();
        assertThat(AlipayVectors.fieldsInOrder(query)).containsExactlyElementsOf(AlipayVectors.fieldsInOrder(
                AlipayVectors.text("yansongda-pay/response_alipay_trade_fastpay_refund_query_response.json")));
    }

    @Test
    void refundAppliedThenAnsweredWithAnHttpErrorIsFoundByQueryAndItsRetryAnswersN() throws AlipayApiException {
        String orderId = paidOrder("10.00");
        sandbox.failNext("alipay.trade.refund", SandboxFault.appliedThenHttpStatus(502));
        assertThatExceptionOfType(AlipayApiException.class)
            .isThrownBy(() -> client.execute(refund(orderId, "3.00", "R1", null)));
        assertThat(sandbox.refunds(orderId)).extracting(SandboxRefund::outRequestNo).containsExactly("R1");
        assertThat(client.execute(refundQuery(orderId, "R1", false)).getRefundStatus()).isEqualTo("REFUND_SUCCESS");
        AlipayTradeRefundResponse retry = client.execute(refund(orderId, "3.00", "R1", null));
        assertThat(retry.getFundChange()).isEqualTo("N");
        assertThat(retry.getRefundFee()).isEqualTo("3.00");
        assertThat(sandbox.calls("alipay.trade.refund", orderId)).isEqualTo(2);
    }

    @Test
    void refundAppliedThenAnsweredTooLateTimesTheClientOutYetIsMade() throws AlipayApiException {
        String orderId = paidOrder("10.00");
        sandbox.failNext("alipay.trade.refund", SandboxFault.appliedThenDelay(Duration.ofMillis(1500)));
        assertThatExceptionOfType(AlipayApiException.class)
            .isThrownBy(() -> impatient.execute(refund(orderId, "3.00", "R1", null)));
        // Made before the wait began, whether or not the client still listens.
        assertThat(sandbox.refunds(orderId)).extracting(SandboxRefund::outRequestNo).containsExactly("R1");
        assertThat(client.execute(refundQuery(orderId, "R1", false)).getRefundStatus()).isEqualTo("REFUND_SUCCESS");
        assertThat(client.execute(refund(orderId, "3.00", "R1", null)).getFundChange()).isEqualTo("N");
        assertThat(sandbox.trade(orderId).orElseThrow().refundedAmount()).isEqualTo(new BigDecimal("3.00"));
    }

    @Test
    void refundDroppedWithAnHttpErrorIsNotMadeAndItsRetryIsTheFirstReal() throws AlipayApiException {
        String orderId = paidOrder("10.00");
        sandbox.failNext("alipay.trade.refund", SandboxFault.httpStatus(502));
        assertThatExceptionOfType(AlipayApiException.class)
            .isThrownBy(() -> client.execute(refund(orderId, "3.00", "R1", null)));
        assertThat(sandbox.refunds(orderId)).isEmpty();
        assertThat(client.execute(refundQuery(orderId, "R1", false)).getRefundStatus()).isNull();
        assertThat(client.execute(refund(orderId, "3.00", "R1", null)).getFundChange()).isEqualTo("Y");
        assertThat(sandbox.calls("alipay.trade.refund", orderId)).isEqualTo(1);
    }

    @Test
    void definiteRefusalIsNotMade() throws AlipayApiException {
        String orderId = paidOrder("10.00");
        sandbox.failNext("alipay.trade.refund", SandboxFault.error("40004", "ACQ.SELLER_BALANCE_NOT_ENOUGH",
                "卖家余额不足"));
        AlipayTradeRefundResponse refused = client.execute(refund(orderId, "3.00", "R1", null));
        assertThat(refused.isSuccess()).isFalse();
        assertThat(refused.getSubCode()).isEqualTo("ACQ.SELLER_BALANCE_NOT_ENOUGH");
        assertThat(refused.getSubMsg()).isEqualTo("卖家余额不足");
        assertThat(sandbox.refunds(orderId)).isEmpty();
        assertThat(client.execute(refund(orderId, "3.00", "R1", null)).getFundChange()).isEqualTo("Y");
    }

    @Test
    void delayedRefundTimesTheClientOutAndIsMadeWhenTheWaitEnds() throws AlipayApiException {
        String orderId = paidOrder("10.00");
        sandbox.failNext("alipay.trade.refund", SandboxFault.delay(Duration.ofMillis(1500)));
        assertThatExceptionOfType(AlipayApiException.class)
            .isThrownBy(() -> impatient.execute(refund(orderId, "3.00", "R1", null)));
        assertThat(sandbox.refunds(orderId)).as("still on its way in").isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.refunds(orderId).size() == 1);
    }

    @Test
    void concurrentRefundsNeverReturnMoreThanTheTotalAndOneRequestNumberMovesMoneyOnce() throws Exception {
        String orderId = paidOrder("10.00");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<AlipayTradeRefundResponse>> distinct = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String requestNo = "C" + i;
                distinct.add(() -> client.execute(refund(orderId, "1.00", requestNo, null)));
            }
            List<AlipayTradeRefundResponse> answers = results(threads.invokeAll(distinct));
            assertThat(answers).filteredOn(AlipayTradeRefundResponse::isSuccess).hasSize(10);
            assertThat(answers).filteredOn((answer) -> !answer.isSuccess()).extracting(
                    AlipayTradeRefundResponse::getSubCode).isSubsetOf("ACQ.REASON_TRADE_REFUND_FEE_ERR",
                            "ACQ.TRADE_STATUS_ERROR");
            SandboxTrade trade = sandbox.trade(orderId).orElseThrow();
            assertThat(trade.refundedAmount()).isEqualTo(new BigDecimal("10.00"));
            assertThat(trade.status()).isEqualTo("TRADE_CLOSED");

            String other = paidOrder("10.00");
            List<Callable<AlipayTradeRefundResponse>> same = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                same.add(() -> client.execute(refund(other, "2.00", "SAME", null)));
            }
            assertThat(results(threads.invokeAll(same))).extracting(AlipayTradeRefundResponse::getFundChange)
                .containsOnlyOnce("Y").containsOnly("Y", "N");
            assertThat(sandbox.trade(other).orElseThrow().refundedAmount()).isEqualTo(new BigDecimal("2.00"));
        }
        finally {
            threads.shutdownNow();
        }
    }

    private static List<AlipayTradeRefundResponse> results(List<Future<AlipayTradeRefundResponse>> futures)
            throws Exception {
        List<AlipayTradeRefundResponse> answers = new ArrayList<>();
        for (Future<AlipayTradeRefundResponse> future : futures) {
            answers.add(future.get());
        }
        return answers;
    }

    static AlipayTradeRefundRequest refund(String orderId, String amount, @Nullable String requestNo,
            @Nullable String reason) {
        AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
        request.setBizContent("{\"out_trade_no\":\"" + orderId + "\",\"refund_amount\":\"" + amount + "\""
                + ((requestNo != null) ? ",\"out_request_no\":\"" + requestNo + "\"" : "")
                + ((reason != null) ? ",\"refund_reason\":\"" + reason + "\"" : "") + "}");
        return request;
    }

    static AlipayTradeFastpayRefundQueryRequest refundQuery(String orderId, String requestNo, boolean withTime) {
        AlipayTradeFastpayRefundQueryRequest request = new AlipayTradeFastpayRefundQueryRequest();
        request.setBizContent("{\"out_trade_no\":\"" + orderId + "\",\"out_request_no\":\"" + requestNo + "\""
                + (withTime ? ",\"query_options\":[\"gmt_refund_pay\"]" : "") + "}");
        return request;
    }

    private static String paidOrder(String amount) throws AlipayApiException {
        String orderId = nextOrder();
        assertThat(client.execute(SdkCompatibilityTest.precreate(orderId, amount)).isSuccess()).isTrue();
        sandbox.pay(orderId);
        return orderId;
    }

    private static AlipayClient client(int readTimeoutMillis) throws AlipayApiException {
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(sandbox.gatewayUrl());
        config.setAppId(sandbox.appId());
        config.setPrivateKey(sandbox.appPrivateKey());
        config.setAlipayPublicKey(sandbox.alipayPublicKey());
        config.setCharset("UTF-8");
        config.setSignType("RSA2");
        config.setReadTimeout(readTimeoutMillis);
        return new DefaultAlipayClient(config);
    }

    private static synchronized String nextOrder() {
        return "RF" + System.nanoTime() + "_" + (++orders);
    }
}
