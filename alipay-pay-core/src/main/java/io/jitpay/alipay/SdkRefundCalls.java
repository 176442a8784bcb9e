package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.alipay.api.AlipayResponse;
import com.alipay.api.domain.AlipayTradeFastpayRefundQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;

import io.jitpay.alipay.AliPayGateway.RefundAnswer;
import io.jitpay.pay.PayException;

/**
 * {@code alipay.trade.refund} and {@code alipay.trade.fastpay.refund.query}, read as a ledger needs them: money moved,
 * refused for good, or not known.
 */
final class SdkRefundCalls {

    private static final String REFUND_SUCCESS = "REFUND_SUCCESS";

    /** Refund failures that do not say the refund did not happen: query it, or send it again with the same number. */
    private static final Set<String> UNKNOWN_OUTCOMES = Set.of("ACQ.SYSTEM_ERROR", "ACQ.DISCORDANT_REPEAT_REQUEST");

    private final SdkCalls calls;

    SdkRefundCalls(SdkCalls calls) {
        this.calls = calls;
    }

    RefundAnswer refund(AliPayGateway.RefundOrder refund) {
        AlipayTradeRefundModel model = new AlipayTradeRefundModel();
        model.setOutTradeNo(refund.orderId());
        model.setOutRequestNo(refund.refundId());
        model.setRefundAmount(Amounts.format(refund.amount()));
        model.setRefundReason(refund.reason());
        AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
        request.setBizModel(model);
        AlipayTradeRefundResponse response;
        try {
            response = this.calls.execute(request);
        }
        catch (PayException ex) {
            return unknown(ex.problem());
        }
        if (SdkCalls.succeeded(response)) {
            Instant refundedAt = (response.getGmtRefundPay() != null) ? response.getGmtRefundPay().toInstant() : null;
            RefundAnswer.Kind kind = "Y".equals(response.getFundChange()) ? RefundAnswer.Kind.REFUNDED
                    : RefundAnswer.Kind.NO_FUND_CHANGE;
            return new RefundAnswer(kind, refundedAt, Amounts.parse(response.getRefundFee()), null, null, null);
        }
        return refusal(response);
    }

    RefundAnswer query(String orderId, String refundId, BigDecimal amount) {
        AlipayTradeFastpayRefundQueryModel model = new AlipayTradeFastpayRefundQueryModel();
        model.setOutTradeNo(orderId);
        model.setOutRequestNo(refundId);
        model.setQueryOptions(List.of("gmt_refund_pay"));
        AlipayTradeFastpayRefundQueryRequest request = new AlipayTradeFastpayRefundQueryRequest();
        request.setBizModel(model);
        AlipayTradeFastpayRefundQueryResponse response;
        try {
            response = this.calls.execute(request);
        }
        catch (PayException ex) {
            return unknown(ex.problem());
        }
        if (!SdkCalls.succeeded(response)) {
            return new RefundAnswer(RefundAnswer.Kind.UNKNOWN, null, null, response.getCode(), response.getSubCode(),
                    response.getSubMsg());
        }
        BigDecimal refunded = Amounts.parse(response.getRefundAmount());
        Instant refundedAt = (response.getGmtRefundPay() != null) ? response.getGmtRefundPay().toInstant() : null;
        // 10000 only says the query worked: REFUND_SUCCESS (or, without a status, our amount) means refunded, and an
        // answer with no refund at all means the request never arrived.
        if (REFUND_SUCCESS.equals(response.getRefundStatus())
                || (response.getRefundStatus() == null && refunded != null && refunded.compareTo(amount) == 0)) {
            return new RefundAnswer(RefundAnswer.Kind.REFUNDED, refundedAt, null, null, null, null);
        }
        if (response.getRefundStatus() == null && refunded == null) {
            return new RefundAnswer(RefundAnswer.Kind.NOT_RECEIVED, null, null, null, null, null);
        }
        return unknown("refund_status " + response.getRefundStatus() + ", refund_amount " + refunded);
    }

    /**
     * A signed business failure is a refusal; anything that leaves the outcome open is unknown: a system error, a
     * request number Alipay saw with other values, an unsigned answer (anyone could have sent it).
     */
    private static RefundAnswer refusal(AlipayResponse response) {
        String subCode = response.getSubCode();
        boolean definite = SdkCalls.BUSINESS_FAILED.equals(response.getCode()) && subCode != null
                && !UNKNOWN_OUTCOMES.contains(subCode) && SdkCalls.isSigned(response);
        return new RefundAnswer(definite ? RefundAnswer.Kind.REFUSED : RefundAnswer.Kind.UNKNOWN, null, null,
                response.getCode(), subCode, response.getSubMsg());
    }

    private static RefundAnswer unknown(String why) {
        return new RefundAnswer(RefundAnswer.Kind.UNKNOWN, null, null, null, null, why);
    }
}
