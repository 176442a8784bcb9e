package io.jitpay.alipay;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.URLDecoder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayRequest;
import com.alipay.api.AlipayResponse;
import com.alipay.api.domain.AlipayTradeCloseModel;
import com.alipay.api.domain.AlipayTradeFastpayRefundQueryModel;
import com.alipay.api.domain.AlipayTradePrecreateModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.domain.AlipayTradeWapPayModel;
import com.alipay.api.internal.util.json.ExceptionErrorListener;
import com.alipay.api.internal.util.json.JSONValidatingReader;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.request.AlipayTradeWapPayRequest;
import com.alipay.api.response.AlipayTradeCloseResponse;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;

import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayUrl;

/**
 * {@link AliPayGateway} over the official {@code alipay-sdk-java}: requests are built with the SDK's request and
 * model classes, signed, sent and verified by the SDK. Every response is verified with the Alipay public key.
 *
 * @since 0.1.0
 */
public final class SdkAliPayGateway implements AliPayGateway {

    static final String TRADE_NOT_EXIST = "ACQ.TRADE_NOT_EXIST";

    static final String TRADE_STATUS_ERROR = "ACQ.TRADE_STATUS_ERROR";

    private static final String BUSINESS_FAILED = "40004";

    private static final String REFUND_SUCCESS = "REFUND_SUCCESS";

    /** Refund failures that do not say the refund did not happen: query it, or send it again with the same number. */
    private static final Set<String> UNKNOWN_REFUND_OUTCOMES = Set.of("ACQ.SYSTEM_ERROR",
            "ACQ.DISCORDANT_REPEAT_REQUEST");

    private static final String WAP_PRODUCT_CODE = "QUICK_WAP_WAY";

    /** Alipay's "Success": {@code isSuccess()} of the SDK only means "no sub_code", which a 20000 may lack too. */
    static final String SUCCESS_CODE = "10000";

    static {
        CertPathSecurity.loadSdk();
    }

    private final AliPayConfig config;

    private final AlipayClient client;

    /**
     * Creates the adapter with a client built from the configuration (keys parsed once).
     * @param config the configuration
     */
    public SdkAliPayGateway(AliPayConfig config) {
        this(config, new KeyedAlipayClient(config));
    }

    /**
     * Creates the adapter over a client of your own, for example one with a proxy or custom HTTP client.
     * @param config the configuration (notify, return and quit URLs, seller id)
     * @param client a client configured with the same app id and keys, with response verification on
     */
    public SdkAliPayGateway(AliPayConfig config, AlipayClient client) {
        this.config = config;
        this.client = client;
        // The client may have been built, and the SDK loaded, before this class.
        CertPathSecurity.ensure();
    }

    @Override
    public String precreate(TradeOrder order) {
        AlipayTradePrecreateModel model = new AlipayTradePrecreateModel();
        model.setOutTradeNo(order.orderId());
        model.setSubject(order.subject());
        model.setTotalAmount(Amounts.format(order.amount()));
        model.setTimeExpire(BeijingTime.format(order.expiresAt()));
        model.setSellerId(this.config.sellerId());
        AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
        request.setBizModel(model);
        request.setNotifyUrl(this.config.notifyUrl());
        AlipayTradePrecreateResponse response = execute(request);
        if (!succeeded(response)) {
            throw failure(request, response);
        }
        String qrCode = response.getQrCode();
        if (qrCode == null || qrCode.isBlank()) {
            throw new PayException(PayErrorCode.THIRD_PARTY_ERROR,
                    request.getApiMethodName() + " answered success without a qr_code");
        }
        return qrCode;
    }

    @Override
    public PayUrl wapPay(TradeOrder order) {
        AlipayTradeWapPayModel model = new AlipayTradeWapPayModel();
        model.setOutTradeNo(order.orderId());
        model.setSubject(order.subject());
        model.setTotalAmount(Amounts.format(order.amount()));
        model.setProductCode(WAP_PRODUCT_CODE);
        model.setTimeExpire(BeijingTime.format(order.expiresAt()));
        model.setQuitUrl(this.config.quitUrl());
        model.setSellerId(this.config.sellerId());
        AlipayTradeWapPayRequest request = new AlipayTradeWapPayRequest();
        request.setBizModel(model);
        request.setNotifyUrl(this.config.notifyUrl());
        request.setReturnUrl(this.config.returnUrl());
        String url;
        try {
            // One signature serves both: the GET link carries every parameter, the form posts the same ones.
            url = this.client.pageExecute(request, "GET").getBody();
        }
        catch (AlipayApiException | RuntimeException ex) {
            throw new PayException(PayErrorCode.THIRD_PARTY_ERROR,
                    request.getApiMethodName() + " could not be signed: " + ex.getMessage(), ex);
        }
        return new PayUrl(url, formOf(url));
    }

    @Override
    public Optional<AliPayLog> query(String orderId) {
        AlipayTradeQueryModel model = new AlipayTradeQueryModel();
        model.setOutTradeNo(orderId);
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        AlipayTradeQueryResponse response = execute(request);
        if (!succeeded(response)) {
            if (isSignedFailure(response, TRADE_NOT_EXIST)) {
                return Optional.empty();
            }
            throw failure(request, response);
        }
        AliPayStatus status = AliPayStatus.find(response.getTradeStatus())
            .orElseThrow(() -> new PayException(PayErrorCode.THIRD_PARTY_ERROR, request.getApiMethodName()
                    + " answered an unknown trade_status '" + response.getTradeStatus() + "'"));
        Instant paidAt = (response.getSendPayDate() != null) ? response.getSendPayDate().toInstant() : null;
        Instant now = Instant.now();
        return Optional.of(new AliPayLog(orderId, response.getTradeNo(), status,
                Amounts.parse(response.getTotalAmount()), Amounts.parse(response.getReceiptAmount()),
                Amounts.parse(response.getBuyerPayAmount()), response.getBuyerLogonId(), response.getBuyerUserId(),
                paidAt, null, null, null, now, now));
    }

    @Override
    public CloseOutcome close(String orderId) {
        AlipayTradeCloseModel model = new AlipayTradeCloseModel();
        model.setOutTradeNo(orderId);
        AlipayTradeCloseRequest request = new AlipayTradeCloseRequest();
        request.setBizModel(model);
        AlipayTradeCloseResponse response = execute(request);
        if (succeeded(response)) {
            return CloseOutcome.CLOSED;
        }
        if (isSignedFailure(response, TRADE_NOT_EXIST)) {
            return CloseOutcome.NOT_FOUND;
        }
        if (isSignedFailure(response, TRADE_STATUS_ERROR)) {
            return CloseOutcome.NOT_CLOSABLE;
        }
        throw failure(request, response);
    }

    @Override
    public RefundAnswer refund(RefundOrder refund) {
        AlipayTradeRefundModel model = new AlipayTradeRefundModel();
        model.setOutTradeNo(refund.orderId());
        model.setOutRequestNo(refund.refundId());
        model.setRefundAmount(Amounts.format(refund.amount()));
        model.setRefundReason(refund.reason());
        AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
        request.setBizModel(model);
        AlipayTradeRefundResponse response;
        try {
            response = execute(request);
        }
        catch (PayException ex) {
            return unknown(ex.problem());
        }
        if (succeeded(response)) {
            Instant refundedAt = (response.getGmtRefundPay() != null) ? response.getGmtRefundPay().toInstant() : null;
            RefundAnswer.Kind kind = "Y".equals(response.getFundChange()) ? RefundAnswer.Kind.REFUNDED
                    : RefundAnswer.Kind.NO_FUND_CHANGE;
            return new RefundAnswer(kind, refundedAt, Amounts.parse(response.getRefundFee()), null, null, null);
        }
        return refusal(response);
    }

    @Override
    public RefundAnswer queryRefund(String orderId, String refundId, BigDecimal amount) {
        AlipayTradeFastpayRefundQueryModel model = new AlipayTradeFastpayRefundQueryModel();
        model.setOutTradeNo(orderId);
        model.setOutRequestNo(refundId);
        model.setQueryOptions(List.of("gmt_refund_pay"));
        AlipayTradeFastpayRefundQueryRequest request = new AlipayTradeFastpayRefundQueryRequest();
        request.setBizModel(model);
        AlipayTradeFastpayRefundQueryResponse response;
        try {
            response = execute(request);
        }
        catch (PayException ex) {
            return unknown(ex.problem());
        }
        if (!succeeded(response)) {
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

    @Override
    public String toString() {
        return "SdkAliPayGateway[" + this.config.gatewayUrl() + "]";
    }

    private <T extends AlipayResponse> T execute(AlipayRequest<T> request) {
        String method = request.getApiMethodName();
        T response;
        try {
            response = this.client.execute(request);
        }
        catch (AlipayApiException | RuntimeException ex) {
            throw new PayException(PayErrorCode.THIRD_PARTY_ERROR, method + " failed: " + describe(ex), ex);
        }
        if (response == null) {
            throw new PayException(PayErrorCode.THIRD_PARTY_ERROR, method + " got no response");
        }
        return response;
    }

    private String describe(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return "no answer from " + this.config.gatewayUrl() + " in time (" + cause.getMessage()
                        + "); the trade's state is unknown, check it again later";
            }
            if (cause instanceof UnknownHostException) {
                return "cannot resolve the gateway host of " + this.config.gatewayUrl() + " (" + cause.getMessage()
                        + "); check DNS and outbound network access";
            }
            if (cause instanceof ConnectException) {
                return "cannot connect to " + this.config.gatewayUrl() + " (" + cause.getMessage() + ")";
            }
            if (cause instanceof IOException) {
                return "the gateway answered with an HTTP error or broke the connection: " + cause.getMessage();
            }
        }
        String message = String.valueOf(ex.getMessage());
        if (message.contains("sign check fail")) {
            return "the response signature does not verify with the configured Alipay public key; check that "
                    + "publicKey holds the Alipay public key of this app (" + message + ")";
        }
        if (ex instanceof IllegalArgumentException) {
            return "the gateway's answer is not valid JSON (" + message + ")";
        }
        return ex.getClass().getSimpleName() + ": " + message;
    }

    /**
     * A signed business failure is a refusal; anything that leaves the outcome open is unknown: a system error, a
     * request number Alipay saw with other values, an unsigned answer (anyone could have sent it).
     */
    private static RefundAnswer refusal(AlipayResponse response) {
        String subCode = response.getSubCode();
        boolean definite = BUSINESS_FAILED.equals(response.getCode()) && subCode != null
                && !UNKNOWN_REFUND_OUTCOMES.contains(subCode) && isSigned(response);
        return new RefundAnswer(definite ? RefundAnswer.Kind.REFUSED : RefundAnswer.Kind.UNKNOWN, null, null,
                response.getCode(), subCode, response.getSubMsg());
    }

    private static RefundAnswer unknown(String why) {
        return new RefundAnswer(RefundAnswer.Kind.UNKNOWN, null, null, null, null, why);
    }

    private static boolean succeeded(AlipayResponse response) {
        return SUCCESS_CODE.equals(response.getCode()) && response.isSuccess();
    }

    /**
     * Whether a failure is the given one and Alipay signed it. The SDK verifies a failure only when it carries a
     * signature, and accepts it unsigned: such an answer may come from anyone on the path, so it must not close or
     * settle an order.
     */
    private static boolean isSignedFailure(AlipayResponse response, String subCode) {
        return subCode.equals(response.getSubCode()) && isSigned(response);
    }

    /** The SDK verified any signature the answer carries, so an answer with one is Alipay's. */
    private static boolean isSigned(AlipayResponse response) {
        try {
            Object body = new JSONValidatingReader(new ExceptionErrorListener()).read(response.getBody());
            return (body instanceof Map<?, ?> map) && (map.get("sign") instanceof String sign) && !sign.isEmpty();
        }
        catch (RuntimeException ex) {
            return false;
        }
    }

    private static PayException failure(AlipayRequest<?> request, AlipayResponse response) {
        return PayException.gateway(request.getApiMethodName(), response.getCode(), response.getSubCode(),
                (response.getSubMsg() != null) ? response.getSubMsg() : response.getMsg());
    }

    /**
     * The auto-submitting cashier form for a signed GET link: the same parameters, with {@code biz_content} posted in
     * the body as the SDK's own page form does.
     */
    private String formOf(String url) {
        int query = url.indexOf('?');
        StringBuilder action = new StringBuilder(url.length()).append(url, 0, query + 1);
        String bizContent = "";
        for (String pair : url.substring(query + 1).split("&")) {
            if (pair.startsWith("biz_content=")) {
                bizContent = decode(pair.substring("biz_content=".length()));
            }
            else {
                action.append((action.charAt(action.length() - 1) == '?') ? "" : "&").append(pair);
            }
        }
        return "<form name=\"punchout_form\" method=\"post\" action=\"" + html(action.toString()) + "\">\n"
                + "<input type=\"hidden\" name=\"biz_content\" value=\"" + html(bizContent) + "\">\n"
                + "<input type=\"submit\" value=\"Pay\" style=\"display:none\">\n"
                + "</form>\n<script>document.forms[0].submit();</script>";
    }

    private String decode(String value) {
        try {
            return URLDecoder.decode(value, this.config.charset().name());
        }
        catch (UnsupportedEncodingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
