package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import com.alipay.api.AlipayClient;
import com.alipay.api.domain.AlipayTradeCancelModel;
import com.alipay.api.domain.AlipayTradeCloseModel;
import com.alipay.api.domain.AlipayTradePayModel;
import com.alipay.api.domain.AlipayTradePrecreateModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.request.AlipayTradeCancelRequest;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradePayRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.response.AlipayTradeCancelResponse;
import com.alipay.api.response.AlipayTradeCloseResponse;
import com.alipay.api.response.AlipayTradePayResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;

import io.jitpay.alipay.bill.TradeBill;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayUrl;

/**
 * {@link AliPayGateway} over the official {@code alipay-sdk-java}: requests are built with the SDK's request and
 * model classes, signed, sent and read by the SDK. Every response is verified with the Alipay public key, or in
 * certificate mode with the key of the Alipay certificate it names; success is {@code code 10000} only, and failures that would change local state are believed only when signed. Page requests
 * live in {@code SdkPageRequests}, refunds in {@code SdkRefundCalls}, the SDK plumbing in {@code SdkCalls}.
 *
 * @since 0.1.0
 */
public final class SdkAliPayGateway implements AliPayGateway {

    static final String TRADE_NOT_EXIST = "ACQ.TRADE_NOT_EXIST";

    static final String TRADE_STATUS_ERROR = "ACQ.TRADE_STATUS_ERROR";

    private static final String BARCODE_SCENE = "bar_code";

    private static final String BARCODE_PRODUCT_CODE = "FACE_TO_FACE_PAYMENT";

    static {
        CertPathSecurity.loadSdk();
    }

    private final AliPayConfig config;

    private final SdkCalls calls;

    private final SdkPageRequests pages;

    private final SdkRefundCalls refunds;

    private final SdkBillCalls bills;

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
     * @param client a client configured with the same app id and keys, with response verification on; in certificate
     *               mode, one built with the SDK's certificate settings, which is called with {@code certificateExecute}
     */
    public SdkAliPayGateway(AliPayConfig config, AlipayClient client) {
        this.config = config;
        this.calls = new SdkCalls(config, client);
        this.pages = new SdkPageRequests(this.calls);
        this.refunds = new SdkRefundCalls(this.calls);
        this.bills = new SdkBillCalls(this.calls);
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
        AlipayTradePrecreateResponse response = this.calls.execute(request);
        if (!SdkCalls.succeeded(response)) {
            throw SdkCalls.failure(request, response);
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
        return this.pages.wapPay(order);
    }

    @Override
    public PayUrl pagePay(TradeOrder order) {
        return this.pages.pagePay(order);
    }

    @Override
    public String appPay(TradeOrder order) {
        return this.pages.appPay(order);
    }

    @Override
    public BarcodeAnswer pay(TradeOrder order, String authCode) {
        AlipayTradePayModel model = new AlipayTradePayModel();
        model.setOutTradeNo(order.orderId());
        model.setSubject(order.subject());
        model.setTotalAmount(Amounts.format(order.amount()));
        model.setScene(BARCODE_SCENE);
        model.setProductCode(BARCODE_PRODUCT_CODE);
        model.setAuthCode(authCode);
        model.setTimeExpire(BeijingTime.format(order.expiresAt()));
        model.setSellerId(this.config.sellerId());
        AlipayTradePayRequest request = new AlipayTradePayRequest();
        request.setBizModel(model);
        request.setNotifyUrl(this.config.notifyUrl());
        AlipayTradePayResponse response;
        try {
            response = this.calls.execute(request);
        }
        catch (PayException ex) {
            return new BarcodeAnswer(BarcodeAnswer.Kind.UNKNOWN, null, null, null, ex.problem());
        }
        if (SdkCalls.succeeded(response)) {
            Instant now = Instant.now();
            Instant paidAt = (response.getGmtPayment() != null) ? response.getGmtPayment().toInstant() : now;
            AliPayLog paid = new AliPayLog(order.orderId(), response.getTradeNo(), AliPayStatus.TRADE_SUCCESS,
                    Amounts.parse(response.getTotalAmount()), Amounts.parse(response.getReceiptAmount()),
                    Amounts.parse(response.getBuyerPayAmount()), response.getBuyerLogonId(), response.getBuyerUserId(),
                    paidAt, null, null, null, now, now);
            return new BarcodeAnswer(BarcodeAnswer.Kind.PAID, paid, null, null, null);
        }
        BarcodeAnswer.Kind kind;
        if (SdkCalls.PROCESSING.equals(response.getCode())) {
            kind = BarcodeAnswer.Kind.WAITING;
        }
        else if (SdkCalls.BUSINESS_FAILED.equals(response.getCode()) && response.getSubCode() != null
                && !"ACQ.SYSTEM_ERROR".equals(response.getSubCode()) && SdkCalls.isSigned(response)) {
            kind = BarcodeAnswer.Kind.REFUSED;
        }
        else {
            kind = BarcodeAnswer.Kind.UNKNOWN;
        }
        return new BarcodeAnswer(kind, null, response.getCode(), response.getSubCode(), response.getSubMsg());
    }

    @Override
    public Optional<AliPayLog> query(String orderId) {
        AlipayTradeQueryModel model = new AlipayTradeQueryModel();
        model.setOutTradeNo(orderId);
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        AlipayTradeQueryResponse response = this.calls.execute(request);
        if (!SdkCalls.succeeded(response)) {
            if (SdkCalls.isSignedFailure(response, TRADE_NOT_EXIST)) {
                return Optional.empty();
            }
            throw SdkCalls.failure(request, response);
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
        AlipayTradeCloseResponse response = this.calls.execute(request);
        if (SdkCalls.succeeded(response)) {
            return CloseOutcome.CLOSED;
        }
        if (SdkCalls.isSignedFailure(response, TRADE_NOT_EXIST)) {
            return CloseOutcome.NOT_FOUND;
        }
        if (SdkCalls.isSignedFailure(response, TRADE_STATUS_ERROR)) {
            return CloseOutcome.NOT_CLOSABLE;
        }
        throw SdkCalls.failure(request, response);
    }

    @Override
    public CancelAnswer cancel(String orderId) {
        AlipayTradeCancelModel model = new AlipayTradeCancelModel();
        model.setOutTradeNo(orderId);
        AlipayTradeCancelRequest request = new AlipayTradeCancelRequest();
        request.setBizModel(model);
        AlipayTradeCancelResponse response = this.calls.execute(request);
        if (!SdkCalls.succeeded(response)) {
            throw SdkCalls.failure(request, response);
        }
        return new CancelAnswer(response.getAction(), "Y".equals(response.getRetryFlag()));
    }

    @Override
    public RefundAnswer refund(RefundOrder refund) {
        return this.refunds.refund(refund);
    }

    @Override
    public RefundAnswer queryRefund(String orderId, String refundId, BigDecimal amount) {
        return this.refunds.query(orderId, refundId, amount);
    }

    @Override
    public TradeBill tradeBill(LocalDate day) {
        return this.bills.tradeBill(day);
    }

    @Override
    public String toString() {
        return "SdkAliPayGateway[" + this.config.gatewayUrl() + "]";
    }
}
