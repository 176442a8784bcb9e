package io.jitpay.alipay.sandbox;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern AMOUNT = Pattern.compile("\\d{1,9}(\\.\\d{1,2})?");

    private static final Pattern TIMEOUT_EXPRESS = Pattern.compile("(\\d+)([mhdc])");

    private static final BigDecimal MAX_AMOUNT = new BigDecimal("100000000.00");

    private final SandboxContext context;

    private final Map<String, Operation> operations;

    TradeApi(SandboxContext context) {
        this.context = context;
        this.operations = Map.of(
                PRECREATE, new Operation(false, this::precreate),
                WAP_PAY, new Operation(true, this::wapPay),
                QUERY, new Operation(false, this::query),
                CLOSE, new Operation(false, this::close),
                CANCEL, new Operation(false, this::cancel),
                REFUND, new Operation(false, this::refund),
                REFUND_QUERY, new Operation(false, this::refundQuery));
    }

    /** The API of a method, or {@code null} when the sandbox does not serve it. */
    @Nullable Operation operation(String method) {
        return this.operations.get(method);
    }

    /** {@code alipay.trade.precreate}: the QR code; the trade itself exists only once the buyer scans it. */
    private ApiAnswer precreate(ApiCall call) {
        String invalid = invalidField(call);
        if (invalid != null) {
            return json(ResultCodes.failure(ResultCodes.BUSINESS_FAILED, "ACQ.INVALID_PARAMETER", "参数无效: " + invalid));
        }
        Trade trade = this.context.trades().createIfAbsent(terms(call, Duration.ofHours(2), null),
                this.context.now());
        String problem = reuse(trade, call);
        if (problem != null) {
            return json(ResultCodes.failure(ResultCodes.BUSINESS_FAILED, problem));
        }
        Map<String, String> fields = new TreeMap<>();
        fields.put("out_trade_no", trade.orderId);
        fields.put("qr_code", this.context.qrCodeUrl(trade));
        return json(ResultCodes.success(fields));
    }

    /** {@code alipay.trade.wap.pay}: a page request from the buyer's browser, which goes on to the cashier. */
    private ApiAnswer wapPay(ApiCall call) {
        String invalid = invalidField(call);
        if (invalid != null) {
            return new ApiAnswer.RefusedPage("ACQ.INVALID_PARAMETER: " + invalid);
        }
        if (!"QUICK_WAP_WAY".equals(call.biz().get("product_code"))) {
            return new ApiAnswer.RefusedPage("ACQ.INVALID_PARAMETER: product_code must be QUICK_WAP_WAY");
        }
        Trade trade = this.context.trades().createIfAbsent(terms(call, Duration.ofDays(15), call.param("return_url")),
                this.context.now());
        String problem = reuse(trade, call);
        if (problem != null) {
            return new ApiAnswer.RefusedPage(problem + ": " + ResultCodes.subMsg(problem));
        }
        // The buyer is on Alipay's page now: the trade exists from here on, as for a scanned QR code.
        trade.engage(this.context.now());
        return new ApiAnswer.Redirect(this.context.cashierUrl(trade));
    }

    /** {@code alipay.trade.query}: the fields real Alipay returns, keys after code and msg in alphabetical order. */
    private ApiAnswer query(ApiCall call) {
        Trade trade = find(call);
        String status = (trade != null) ? trade.status(this.context.now()) : null;
        if (trade == null || status == null) {
            return json(ResultCodes.failure(ResultCodes.BUSINESS_FAILED, "ACQ.TRADE_NOT_EXIST"));
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
        return json(ResultCodes.success(fields));
    }

    /** {@code alipay.trade.close}: only a waiting trade closes; the closure is notified. */
    private ApiAnswer close(ApiCall call) {
        Trade trade = find(call);
        if (trade == null) {
            return json(ResultCodes.failure(ResultCodes.BUSINESS_FAILED, "ACQ.TRADE_NOT_EXIST"));
        }
        String problem = trade.close(this.context.now());
        if (problem != null) {
            return json(ResultCodes.failure(ResultCodes.BUSINESS_FAILED, problem));
        }
        this.context.notifications().announce(trade);
        Map<String, String> fields = new TreeMap<>();
        fields.put("out_trade_no", trade.orderId);
        fields.put("trade_no", trade.tradeNo);
        return json(ResultCodes.success(fields));
    }

    /**
     * {@code alipay.trade.cancel}: closes a waiting trade, refunds a paid one; always a success, with no
     * {@code action} when there was no trade.
     */
    private ApiAnswer cancel(ApiCall call) {
        Trade trade = find(call);
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
        return json(ResultCodes.success(fields));
    }

    /**
     * {@code alipay.trade.refund}: money back, at most what is left, once per {@code out_request_no} (the trade's
     * {@code out_trade_no} when the request names none). A refund applied answers the field set of a real answer,
     * with {@code refund_fee} the trade's refunded total and {@code fund_change=Y}, and is notified; a retry of a
     * finished refund answers {@code fund_change=N} and moves nothing. Refusals after the trade was found carry
     * {@code out_trade_no}, {@code refund_fee} and {@code send_back_fee} too, as captured real ones do.
     */
    private ApiAnswer refund(ApiCall call) {
        String invalid = invalidRefundField(call);
        if (invalid != null) {
            return json(ResultCodes.failure(ResultCodes.BUSINESS_FAILED, "ACQ.INVALID_PARAMETER",
                    ResultCodes.subMsg("ACQ.INVALID_PARAMETER") + ": " + invalid));
        }
        Instant now = this.context.now();
        Trade trade = find(call);
        if (trade == null || trade.status(now) == null) {
            return json(ResultCodes.failure(ResultCodes.BUSINESS_FAILED, "ACQ.TRADE_NOT_EXIST"));
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
            return json(inner);
        }
        if (outcome instanceof RefundOutcome.Applied applied) {
            this.context.notifications().announce(trade, applied.state());
            return json(ResultCodes.success(refunded(trade, applied.refund(), applied.state().refunded(), "Y")));
        }
        RefundOutcome.Repeated repeated = (RefundOutcome.Repeated) outcome;
        return json(ResultCodes.success(refunded(trade, repeated.refund(), repeated.refunded(), "N")));
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
    private ApiAnswer refundQuery(ApiCall call) {
        String requestNo = call.field("out_request_no");
        if (requestNo.isEmpty()) {
            return json(ResultCodes.failure(ResultCodes.BUSINESS_FAILED, "ACQ.INVALID_PARAMETER",
                    ResultCodes.subMsg("ACQ.INVALID_PARAMETER") + ": out_request_no"));
        }
        Trade trade = find(call);
        if (trade == null || trade.status(this.context.now()) == null) {
            return json(ResultCodes.failure(ResultCodes.BUSINESS_FAILED, "ACQ.TRADE_NOT_EXIST"));
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
        return json(ResultCodes.success(fields));
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
        if (!AMOUNT.matcher(amount).matches() || new BigDecimal(amount).signum() <= 0) {
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

    private @Nullable Trade find(ApiCall call) {
        return this.context.trades().find(call.field("trade_no"), call.field("out_trade_no"));
    }

    /** The terms of a create request that {@link #invalidField} accepted. */
    private TradeTerms terms(ApiCall call, Duration defaultTimeout, @Nullable String returnUrl) {
        return new TradeTerms(call.field("out_trade_no"), call.method(), call.field("subject"), amount(call),
                call.charset(), expiry(call, defaultTimeout), call.param("notify_url"), returnUrl);
    }

    /** The trade's problem when a create request comes again for it, or {@code null} when it may be reused. */
    private @Nullable String reuse(Trade trade, ApiCall call) {
        Instant now = this.context.now();
        if (trade.amount.compareTo(amount(call)) != 0 || !trade.subject.equals(call.field("subject"))) {
            return "ACQ.CONTEXT_INCONSISTENT";
        }
        if (Trade.TRADE_SUCCESS.equals(trade.status(now))) {
            return "ACQ.TRADE_HAS_SUCCESS";
        }
        if (!trade.payable(now)) {
            return "ACQ.TRADE_HAS_CLOSE";
        }
        return null;
    }

    /** The first invalid field of a create request, or {@code null} when it is valid. */
    private static @Nullable String invalidField(ApiCall call) {
        String orderId = call.field("out_trade_no");
        String subject = call.field("subject");
        String amount = call.field("total_amount");
        if (orderId.isEmpty() || orderId.length() > 64) {
            return "out_trade_no";
        }
        if (subject.isEmpty() || subject.length() > 256) {
            return "subject";
        }
        if (!AMOUNT.matcher(amount).matches()) {
            return "total_amount";
        }
        BigDecimal value = new BigDecimal(amount);
        if (value.signum() <= 0 || value.compareTo(MAX_AMOUNT) > 0) {
            return "total_amount";
        }
        return null;
    }

    private static BigDecimal amount(ApiCall call) {
        return new BigDecimal(call.field("total_amount")).setScale(2);
    }

    /** {@code time_expire} (Beijing time) wins over {@code timeout_express}; an unreadable one gets the default. */
    private Instant expiry(ApiCall call, Duration defaultTimeout) {
        Instant now = this.context.now();
        String timeExpire = call.field("time_expire");
        if (!timeExpire.isEmpty()) {
            try {
                return LocalDateTime.parse(timeExpire.replace(' ', 'T')).toInstant(WireTime.BEIJING);
            }
            catch (DateTimeParseException ex) {
                return now.plus(defaultTimeout);
            }
        }
        Matcher matcher = TIMEOUT_EXPRESS.matcher(call.field("timeout_express"));
        if (matcher.matches()) {
            long n = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "m" -> now.plus(Duration.ofMinutes(n));
                case "h" -> now.plus(Duration.ofHours(n));
                default -> now.plus(Duration.ofDays(n));
            };
        }
        return now.plus(defaultTimeout);
    }

    private static ApiAnswer json(Map<String, String> inner) {
        return new ApiAnswer.Json(inner);
    }

    /**
     * One API of the table.
     * @param page    whether browsers call it ({@code pageExecute}), so a refusal is a page, not JSON
     * @param handler the method that answers it
     */
    record Operation(boolean page, Function<ApiCall, ApiAnswer> handler) {
    }
}
