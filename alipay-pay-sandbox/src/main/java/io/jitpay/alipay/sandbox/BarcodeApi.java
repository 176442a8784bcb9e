package io.jitpay.alipay.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * {@code alipay.trade.pay} in store ({@code scene=bar_code}): the merchant scans the buyer's payment code, and the code
 * decides the answer as {@link SandboxAuthCodes} documents. Answers carry the fields of captured real ones, keys after
 * {@code code} and {@code msg} in alphabetical order: a payment its buyer, amounts, {@code gmt_payment} and
 * {@code fund_bill_list}; a {@code 10003} the trade with nothing paid yet; a {@code 40004} zero amounts. A paid or
 * closed trade refuses another payment ({@code ACQ.TRADE_HAS_SUCCESS}, {@code ACQ.TRADE_HAS_CLOSE}); one waiting for
 * its buyer takes the next code scanned.
 */
final class BarcodeApi {

    /** Alipay's {@code msg} of {@code 10003}, leading space included, as captured answers carry it. */
    static final String PAYING_MSG = " order success pay inprocess";

    /** How long an in-store trade stays payable when the request names no expiry: the sandbox's choice. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofHours(2);

    private final SandboxContext context;

    BarcodeApi(SandboxContext context) {
        this.context = context;
    }

    /** {@code alipay.trade.pay}. */
    ApiAnswer pay(ApiCall call) {
        String invalid = TradeRequests.invalidField(call);
        if (invalid == null) {
            invalid = invalidBarcodeField(call);
        }
        if (invalid != null) {
            return refused(call, "ACQ.INVALID_PARAMETER", ResultCodes.subMsg("ACQ.INVALID_PARAMETER") + ": " + invalid);
        }
        Instant now = this.context.now();
        Trade earlier = this.context.trades().byOrderId(call.field("out_trade_no"));
        String problem = (earlier != null) ? TradeRequests.reuse(earlier, call, now) : null;
        if (problem != null) {
            return refused(call, problem, ResultCodes.subMsg(problem));
        }
        SandboxAuthCodes.Outcome outcome = SandboxAuthCodes.outcome(call.field("auth_code"));
        switch (outcome) {
            case INVALID:
                return refused(call, "ACQ.PAYMENT_AUTH_CODE_INVALID", null);
            case NO_BALANCE:
                return refused(call, "ACQ.BUYER_BALANCE_NOT_ENOUGH", null);
            case UNKNOWN_NOT_PAID:
                return ApiAnswer.json(ResultCodes.failure(ResultCodes.SERVICE_UNAVAILABLE, "ACQ.SYSTEM_ERROR"));
            default:
                break;
        }
        Trade trade = this.context.trades().createIfAbsent(TradeRequests.terms(call, DEFAULT_TIMEOUT, null, now), now);
        // A concurrent request may have created the trade with other terms, or paid or closed it.
        problem = TradeRequests.reuse(trade, call, now);
        if (problem != null) {
            return refused(call, problem, ResultCodes.subMsg(problem));
        }
        if (outcome == SandboxAuthCodes.Outcome.NEEDS_CONFIRMATION) {
            trade.awaitConfirmation(now);
            return ApiAnswer.json(ResultCodes.result(ResultCodes.PAYING, fields(trade, false)));
        }
        if (!trade.pay(now)) {
            return refused(call, "ACQ.TRADE_HAS_CLOSE", ResultCodes.subMsg("ACQ.TRADE_HAS_CLOSE"));
        }
        this.context.notifications().announce(trade);
        return (outcome == SandboxAuthCodes.Outcome.UNKNOWN_BUT_PAID)
                ? ApiAnswer.json(ResultCodes.failure(ResultCodes.SERVICE_UNAVAILABLE, "ACQ.SYSTEM_ERROR"))
                : ApiAnswer.json(ResultCodes.success(fields(trade, true)));
    }

    /** The fields of a payment ({@code 10000}) or of one the buyer must still confirm ({@code 10003}). */
    private static Map<String, Object> fields(Trade trade, boolean paid) {
        String amount = paid ? trade.amount.toPlainString() : "0.00";
        Map<String, Object> fields = new TreeMap<>();
        fields.put("buyer_logon_id", trade.buyerLogonId);
        fields.put("buyer_pay_amount", amount);
        fields.put("buyer_user_id", trade.buyerId);
        fields.put("invoice_amount", amount);
        fields.put("out_trade_no", trade.orderId);
        fields.put("point_amount", "0.00");
        fields.put("receipt_amount", amount);
        fields.put("total_amount", trade.amount.toPlainString());
        fields.put("trade_no", trade.tradeNo);
        Instant paidAt = trade.paidAt();
        if (paid && paidAt != null) {
            Map<String, String> bill = new LinkedHashMap<>();
            bill.put("amount", amount);
            bill.put("fund_channel", "ALIPAYACCOUNT");
            fields.put("fund_bill_list", List.of(bill));
            fields.put("gmt_payment", WireTime.format(paidAt));
        }
        return fields;
    }

    /** A {@code 40004} of {@code alipay.trade.pay}: real ones add zero amounts and the order's number. */
    private static ApiAnswer refused(ApiCall call, String subCode, @Nullable String subMsg) {
        Map<String, String> inner = ResultCodes.failure(ResultCodes.BUSINESS_FAILED, subCode,
                (subMsg != null) ? subMsg : ResultCodes.subMsg(subCode));
        inner.put("buyer_pay_amount", "0.00");
        inner.put("invoice_amount", "0.00");
        inner.put("out_trade_no", call.field("out_trade_no"));
        inner.put("point_amount", "0.00");
        inner.put("receipt_amount", "0.00");
        return ApiAnswer.json(inner);
    }

    /** The first invalid field only an in-store payment has, or {@code null}. */
    private static @Nullable String invalidBarcodeField(ApiCall call) {
        String scene = call.field("scene");
        if (!"bar_code".equals(scene) && !"wave_code".equals(scene)) {
            return "scene";
        }
        String productCode = call.field("product_code");
        if (!productCode.isEmpty() && !"FACE_TO_FACE_PAYMENT".equals(productCode)) {
            return "product_code";
        }
        return call.field("auth_code").isEmpty() ? "auth_code" : null;
    }
}
