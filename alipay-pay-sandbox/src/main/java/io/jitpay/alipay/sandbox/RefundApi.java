package io.jitpay.alipay.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/** {@code alipay.trade.refund} and {@code alipay.trade.fastpay.refund.query}, over verified calls. */
final class RefundApi {

    private final SandboxContext context;

    RefundApi(SandboxContext context) {
        this.context = context;
    }

    /**
     * {@code alipay.trade.refund}: money back, at most what is left, once per {@code out_request_no} (the trade's
     * {@code out_trade_no} when the request names none). A refund applied answers the field set of a real answer,
     * with {@code refund_fee} the trade's refunded total and {@code fund_change=Y}, and is notified; a retry of a
     * finished refund answers {@code fund_change=N} and moves nothing. Refusals after the trade was found carry
     * {@code out_trade_no}, {@code refund_fee} and {@code send_back_fee} too, as captured real ones do.
     */
    ApiAnswer refund(ApiCall call) {
        String invalid = invalidRefundField(call);
        if (invalid != null) {
            return ApiAnswer.json(ResultCodes.failure(ResultCodes.BUSINESS_FAILED, "ACQ.INVALID_PARAMETER",
                    ResultCodes.subMsg("ACQ.INVALID_PARAMETER") + ": " + invalid));
        }
        Instant now = this.context.now();
        Trade trade = this.context.trades().find(call);
        if (trade == null || trade.status(now) == null) {
            return ApiAnswer.json(ResultCodes.failure(ResultCodes.BUSINESS_FAILED, "ACQ.TRADE_NOT_EXIST"));
        }
        String named = call.field("out_request_no");
        String reason = call.field("refund_reason");
        BigDecimal amount = new BigDecimal(call.field("refund_amount")).setScale(2);
        RefundOutcome outcome = trade.refund(named.isEmpty() ? trade.orderId : named, !named.isEmpty(), amount,
                reason.isEmpty() ? null : reason, now);
        if (outcome instanceof RefundOutcome.Refused refused) {
            Map<String, String> inner = ResultCodes.failure(ResultCodes.BUSINESS_FAILED, refused.subCode());
            inner.put("out_trade_no", trade.orderId);
            inner.put("refund_fee", refused.refunded().toPlainString());
            inner.put("send_back_fee", "0.00");
            return ApiAnswer.json(inner);
        }
        if (outcome instanceof RefundOutcome.Applied applied) {
            this.context.notifications().announce(trade, applied.state());
            return ApiAnswer.json(ResultCodes.success(refunded(trade, applied.refund(), applied.state().refunded(),
                    "Y")));
        }
        RefundOutcome.Repeated repeated = (RefundOutcome.Repeated) outcome;
        return ApiAnswer.json(ResultCodes.success(refunded(trade, repeated.refund(), repeated.refunded(), "N")));
    }

    /** The fields of a successful refund answer, in the order of a real one (alphabetical after code and msg). */
    private static Map<String, String> refunded(Trade trade, SandboxRefund refund, BigDecimal refundedTotal,
            String fundChange) {
        Map<String, String> fields = new TreeMap<>();
        fields.put("buyer_logon_id", trade.buyerLogonId);
        fields.put("buyer_user_id", trade.buyerId);
        fields.put("fund_change", fundChange);
        fields.put("gmt_refund_pay", WireTime.format(refund.refundedAt()));
        fields.put("out_trade_no", trade.orderId);
        fields.put("refund_fee", refundedTotal.toPlainString());
        // What the merchant's account sent back in this call; real answers without query_options report 0.00.
        fields.put("send_back_fee", "0.00");
        fields.put("trade_no", trade.tradeNo);
        return fields;
    }

    /**
     * {@code alipay.trade.fastpay.refund.query}: a refund made answers the field set of a real answer (plus
     * {@code gmt_refund_pay} when {@code query_options} asks for it); a request number with no refund answers a bare
     * {@code 10000} with no refund data, which is Alipay's "not refunded" (code 10000 only means the query worked).
     */
    ApiAnswer refundQuery(ApiCall call) {
        String requestNo = call.field("out_request_no");
        if (requestNo.isEmpty()) {
            return ApiAnswer.json(ResultCodes.failure(ResultCodes.BUSINESS_FAILED, "ACQ.INVALID_PARAMETER",
                    ResultCodes.subMsg("ACQ.INVALID_PARAMETER") + ": out_request_no"));
        }
        Trade trade = this.context.trades().find(call);
        if (trade == null || trade.status(this.context.now()) == null) {
            return ApiAnswer.json(ResultCodes.failure(ResultCodes.BUSINESS_FAILED, "ACQ.TRADE_NOT_EXIST"));
        }
        SandboxRefund refund = trade.refund(requestNo);
        Map<String, String> fields = new TreeMap<>();
        if (refund != null) {
            if (queryOptions(call).contains("gmt_refund_pay")) {
                fields.put("gmt_refund_pay", WireTime.format(refund.refundedAt()));
            }
            fields.put("out_request_no", refund.outRequestNo());
            fields.put("out_trade_no", trade.orderId);
            fields.put("refund_amount", refund.amount().toPlainString());
            fields.put("refund_status", "REFUND_SUCCESS");
            fields.put("total_amount", trade.amount.toPlainString());
            fields.put("trade_no", trade.tradeNo);
        }
        return ApiAnswer.json(ResultCodes.success(fields));
    }

    /** The {@code query_options} of a request: a JSON array of names, as the SDK's models send it. */
    private static List<String> queryOptions(ApiCall call) {
        Object options = call.biz().get("query_options");
        List<String> names = new ArrayList<>();
        if (options instanceof Collection<?> values) {
            values.forEach((value) -> names.add(ApiCall.text(value)));
        }
        return names;
    }

    /** The first invalid field of a refund request, or {@code null} when it is valid. */
    private static @Nullable String invalidRefundField(ApiCall call) {
        if (call.field("out_trade_no").isEmpty() && call.field("trade_no").isEmpty()) {
            return "out_trade_no";
        }
        String amount = call.field("refund_amount");
        if (!TradeRequests.AMOUNT.matcher(amount).matches() || new BigDecimal(amount).signum() <= 0) {
            return "refund_amount";
        }
        if (call.field("out_request_no").length() > 64) {
            return "out_request_no";
        }
        if (call.field("refund_reason").length() > 256) {
            return "refund_reason";
        }
        return null;
    }
}
