package io.jitpay.alipay.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The trade APIs behind {@code /gateway.do} and {@code /app}, one method each, over verified calls: the gateway has
 * already checked the protocol and the signature. A new API (bill download, say) is a new method here, or in a class
 * of its own such as {@link RefundApi}, and one line in {@link #TradeApi(SandboxContext) the table}.
 */
final class TradeApi {

    static final String PRECREATE = "alipay.trade.precreate";

    static final String WAP_PAY = "alipay.trade.wap.pay";

    static final String PAGE_PAY = "alipay.trade.page.pay";

    static final String APP_PAY = "alipay.trade.app.pay";

    static final String PAY = "alipay.trade.pay";

    static final String QUERY = "alipay.trade.query";

    static final String CLOSE = "alipay.trade.close";

    static final String CANCEL = "alipay.trade.cancel";

    static final String REFUND = "alipay.trade.refund";

    static final String REFUND_QUERY = "alipay.trade.fastpay.refund.query";

    static final String BILL_DOWNLOAD_URL_QUERY = BillApi.METHOD;

    /** How long a cashier trade stays payable when the request names no expiry: Alipay's 15 days. */
    private static final Duration CASHIER_TIMEOUT = Duration.ofDays(15);

    /** {@code alipay.trade.page.pay}'s QR code modes: 0, 1, 3 and 4 embed it in the merchant's page, 2 jumps. */
    private static final Pattern QR_PAY_MODE = Pattern.compile("[0-4]?");

    private static final Pattern QRCODE_WIDTH = Pattern.compile("(\\d{1,4})?");

    private final SandboxContext context;

    private final Map<String, Operation> operations;

    TradeApi(SandboxContext context) {
        this.context = context;
        RefundApi refunds = new RefundApi(context);
        this.operations = Map.ofEntries(
                Map.entry(PRECREATE, new Operation(Caller.SERVER, this::precreate)),
                Map.entry(WAP_PAY, new Operation(Caller.BROWSER, (call) -> cashier(call, "QUICK_WAP_WAY", true))),
                Map.entry(PAGE_PAY, new Operation(Caller.BROWSER,
                        (call) -> cashier(call, "FAST_INSTANT_TRADE_PAY", true))),
                Map.entry(APP_PAY, new Operation(Caller.APP, (call) -> cashier(call, "QUICK_MSECURITY_PAY", false))),
                Map.entry(PAY, new Operation(Caller.SERVER, new BarcodeApi(context)::pay)),
                Map.entry(QUERY, new Operation(Caller.SERVER, this::query)),
                Map.entry(CLOSE, new Operation(Caller.SERVER, this::close)),
                Map.entry(CANCEL, new Operation(Caller.SERVER, this::cancel)),
                Map.entry(REFUND, new Operation(Caller.SERVER, refunds::refund)),
                Map.entry(REFUND_QUERY, new Operation(Caller.SERVER, refunds::refundQuery)),
                Map.entry(BILL_DOWNLOAD_URL_QUERY,
                        new Operation(Caller.SERVER, new BillApi(context)::downloadUrlQuery)),
                Map.entry(CertificateApi.DOWNLOAD,
                        new Operation(Caller.SERVER, new CertificateApi(context.certificates())::download)));
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

    /**
     * The cashier products, {@code alipay.trade.wap.pay}, {@code page.pay} and {@code app.pay}: the buyer's browser
     * (or the app) brings a signed request, which goes on to the one cashier. Refusals are pages, as Alipay shows the
     * buyer an error page (or the app an error) instead of an answer.
     * @param productCode the product code of the method
     * @param required    whether the request must name it ({@code app.pay} takes it as the default)
     */
    private ApiAnswer cashier(ApiCall call, String productCode, boolean required) {
        String invalid = TradeRequests.invalidField(call);
        if (invalid == null) {
            invalid = invalidCashierOption(call, productCode, required);
        }
        if (invalid != null) {
            return new ApiAnswer.RefusedPage("ACQ.INVALID_PARAMETER", invalid);
        }
        Instant now = this.context.now();
        Trade trade = this.context.trades().createIfAbsent(TradeRequests.terms(call, CASHIER_TIMEOUT,
                call.param("return_url"), now), now);
        String problem = TradeRequests.reuse(trade, call, now);
        if (problem != null) {
            return new ApiAnswer.RefusedPage(problem, "");
        }
        // The buyer is on Alipay's page now: the trade exists from here on, as for a scanned QR code.
        trade.engage(now);
        return new ApiAnswer.Redirect(this.context.cashierUrl(trade));
    }

    /** The first invalid cashier option (product code, the PC page's QR code mode and width), or {@code null}. */
    private static @Nullable String invalidCashierOption(ApiCall call, String productCode, boolean required) {
        String given = call.field("product_code");
        if (given.isEmpty() ? required : !given.equals(productCode)) {
            return "product_code must be " + productCode;
        }
        if (!QR_PAY_MODE.matcher(call.field("qr_pay_mode")).matches()) {
            return "qr_pay_mode";
        }
        if (!QRCODE_WIDTH.matcher(call.field("qrcode_width")).matches()) {
            return "qrcode_width";
        }
        return null;
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

    /** Who brings a request to the sandbox, which decides where it comes in and how a refusal looks. */
    enum Caller {

        /** The merchant's server, {@code execute()}: JSON answers. */
        SERVER,

        /** The buyer's browser with a {@code pageExecute()} link or form: refusals are Alipay's error page. */
        BROWSER,

        /** Alipay's app with an {@code sdkExecute()} order string, on {@code /app} only: refusals are the app's. */
        APP
    }

    /**
     * One API of the table.
     * @param caller  who brings its requests
     * @param handler the method that answers it
     */
    record Operation(Caller caller, Function<ApiCall, ApiAnswer> handler) {

        /** Whether a person is looking, so a refusal is a page, not JSON. */
        boolean page() {
            return this.caller != Caller.SERVER;
        }
    }
}
