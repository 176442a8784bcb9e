package io.jitpay.alipay.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The trade APIs behind {@code /gateway.do}, one method each, over verified calls: the gateway has already checked the
 * protocol and the signature. A new API (page pay, app pay, barcode pay, bill download) is a new method here
 * and one line in {@link #TradeApi(SandboxContext) the table}.
 */
final class TradeApi {

    static final String PRECREATE = "alipay.trade.precreate";

    static final String WAP_PAY = "alipay.trade.wap.pay";

    static final String QUERY = "alipay.trade.query";

    static final String CLOSE = "alipay.trade.close";

    static final String CANCEL = "alipay.trade.cancel";

    static final String REFUND = "alipay.trade.refund";

    static final String REFUND_QUERY = "alipay.trade.fastpay.refund.query";

    private final SandboxContext context;

    private final Map<String, Operation> operations;

    TradeApi(SandboxContext context) {
        this.context = context;
        RefundApi refunds = new RefundApi(context);
        this.operations = Map.of(
                PRECREATE, new Operation(false, this::precreate),
                WAP_PAY, new Operation(true, this::wapPay),
                QUERY, new Operation(false, this::query),
                CLOSE, new Operation(false, this::close),
                CANCEL, new Operation(false, this::cancel),
                REFUND, new Operation(false, refunds::refund),
                REFUND_QUERY, new Operation(false, refunds::refundQuery));
    }

    /** The API of a method, or {@code null} when the sandbox does not serve it. */
    @Nullable Operation operation(String method) {
        return this.operations.get(method);
    }

    /** {@code alipay.trade.precreate}: the QR code; the trade itself exists only once the buyer scans it. */
    private ApiAnswer precreate(ApiCall call) {
        String invalid = TradeRequests.invalidField(call);
        if (invalid != null) {
            return ApiAnswer.json(ResultCodes.failure(ResultCodes.BUSINESS_FAILED, "ACQ.INVALID_PARAMETER",
                    "参数无效: " + invalid));
        }
        Trade trade = this.context.trades().createIfAbsent(TradeRequests.terms(call, Duration.ofHours(2), null,
                this.context.now()), this.context.now());
        String problem = TradeRequests.reuse(trade, call, this.context.now());
        if (problem != null) {
            return ApiAnswer.json(ResultCodes.failure(ResultCodes.BUSINESS_FAILED, problem));
        }
        Map<String, String> fields = new TreeMap<>();
        fields.put("out_trade_no", trade.orderId);
        fields.put("qr_code", this.context.qrCodeUrl(trade));
        return ApiAnswer.json(ResultCodes.success(fields));
    }

    /** {@code alipay.trade.wap.pay}: a page request from the buyer's browser, which goes on to the cashier. */
    private ApiAnswer wapPay(ApiCall call) {
        String invalid = TradeRequests.invalidField(call);
        if (invalid != null) {
            return new ApiAnswer.RefusedPage("ACQ.INVALID_PARAMETER: " + invalid);
        }
        if (!"QUICK_WAP_WAY".equals(call.biz().get("product_code"))) {
            return new ApiAnswer.RefusedPage("ACQ.INVALID_PARAMETER: product_code must be QUICK_WAP_WAY");
        }
        Trade trade = this.context.trades().createIfAbsent(TradeRequests.terms(call, Duration.ofDays(15),
                call.param("return_url"), this.context.now()), this.context.now());
        String problem = TradeRequests.reuse(trade, call, this.context.now());
        if (problem != null) {
            return new ApiAnswer.RefusedPage(problem + ": " + ResultCodes.subMsg(problem));
        }
        // The buyer is on Alipay's page now: the trade exists from here on, as for a scanned QR code.
        trade.engage(this.context.now());
        return new ApiAnswer.Redirect(this.context.cashierUrl(trade));
    }

    /** {@code alipay.trade.query}: the fields real Alipay returns, keys after code and msg in alphabetical order. */
    private ApiAnswer query(ApiCall call) {
        Trade trade = this.context.trades().find(call);
        String status = (trade != null) ? trade.status(this.context.now()) : null;
        if (trade == null || status == null) {
            return ApiAnswer.json(ResultCodes.failure(ResultCodes.BUSINESS_FAILED, "ACQ.TRADE_NOT_EXIST"));
        }
        Instant paidAt = trade.paidAt();
        boolean paid = Trade.TRADE_SUCCESS.equals(status) || (paidAt != null);
        String paidAmount = paid ? trade.amount.toPlainString() : "0.00";
        Map<String, String> fields = new TreeMap<>();
        fields.put("buyer_logon_id", trade.buyerLogonId);
        fields.put("buyer_pay_amount", paidAmount);
        fields.put("buyer_user_id", trade.buyerId);
        fields.put("buyer_user_type", "PRIVATE");
        fields.put("invoice_amount", paidAmount);
        fields.put("out_trade_no", trade.orderId);
        fields.put("point_amount", "0.00");
        fields.put("receipt_amount", paidAmount);
        if (paidAt != null) {
            fields.put("send_pay_date", WireTime.format(paidAt));
        }
        fields.put("total_amount", trade.amount.toPlainString());
        fields.put("trade_no", trade.tradeNo);
        fields.put("trade_status", status);
        return ApiAnswer.json(ResultCodes.success(fields));
    }

    /** {@code alipay.trade.close}: only a waiting trade closes; the closure is notified. */
    private ApiAnswer close(ApiCall call) {
        Trade trade = this.context.trades().find(call);
        if (trade == null) {
            return ApiAnswer.json(ResultCodes.failure(ResultCodes.BUSINESS_FAILED, "ACQ.TRADE_NOT_EXIST"));
        }
        String problem = trade.close(this.context.now());
        if (problem != null) {
            return ApiAnswer.json(ResultCodes.failure(ResultCodes.BUSINESS_FAILED, problem));
        }
        this.context.notifications().announce(trade);
        Map<String, String> fields = new TreeMap<>();
        fields.put("out_trade_no", trade.orderId);
        fields.put("trade_no", trade.tradeNo);
        return ApiAnswer.json(ResultCodes.success(fields));
    }

    /**
     * {@code alipay.trade.cancel}: closes a waiting trade, refunds a paid one; always a success, with no
     * {@code action} when there was no trade.
     */
    private ApiAnswer cancel(ApiCall call) {
        Trade trade = this.context.trades().find(call);
        Map<String, String> fields = new TreeMap<>();
        fields.put("out_trade_no", call.field("out_trade_no"));
        fields.put("retry_flag", "N");
        if (trade != null) {
            String action = trade.cancel(this.context.now());
            if (action != null) {
                fields.put("action", action);
                fields.put("trade_no", trade.tradeNo);
                if ("refund".equals(action)) {
                    fields.put("gmt_refund_pay", WireTime.format(this.context.now()));
                }
                this.context.notifications().announce(trade);
            }
        }
        return ApiAnswer.json(ResultCodes.success(fields));
    }

    /**
     * One API of the table.
     * @param page    whether browsers call it ({@code pageExecute}), so a refusal is a page, not JSON
     * @param handler the method that answers it
     */
    record Operation(boolean page, Function<ApiCall, ApiAnswer> handler) {
    }
}
