package io.jitpay.alipay;

import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayRequest;
import com.alipay.api.AlipayResponse;
import com.alipay.api.domain.AlipayTradeAppPayModel;
import com.alipay.api.domain.AlipayTradePagePayModel;
import com.alipay.api.domain.AlipayTradeWapPayModel;
import com.alipay.api.request.AlipayTradeAppPayRequest;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradeWapPayRequest;

import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayUrl;

/**
 * The requests the buyer's browser or app carries to Alipay: signed here by the SDK's {@code pageExecute} and
 * {@code sdkExecute}, never sent by this service. One signature serves a cashier's GET link and its auto-submitting
 * form.
 */
final class SdkPageRequests {

    private static final String WAP_PRODUCT_CODE = "QUICK_WAP_WAY";

    private static final String PAGE_PRODUCT_CODE = "FAST_INSTANT_TRADE_PAY";

    private static final String APP_PRODUCT_CODE = "QUICK_MSECURITY_PAY";

    private final SdkCalls calls;

    SdkPageRequests(SdkCalls calls) {
        this.calls = calls;
    }

    PayUrl wapPay(AliPayGateway.TradeOrder order) {
        AliPayConfig config = this.calls.config();
        AlipayTradeWapPayModel model = new AlipayTradeWapPayModel();
        model.setOutTradeNo(order.orderId());
        model.setSubject(order.subject());
        model.setTotalAmount(Amounts.format(order.amount()));
        model.setProductCode(WAP_PRODUCT_CODE);
        model.setTimeExpire(BeijingTime.format(order.expiresAt()));
        model.setQuitUrl(config.quitUrl());
        model.setSellerId(config.sellerId());
        AlipayTradeWapPayRequest request = new AlipayTradeWapPayRequest();
        request.setBizModel(model);
        request.setNotifyUrl(config.notifyUrl());
        request.setReturnUrl(config.returnUrl());
        return cashier(request);
    }

    PayUrl pagePay(AliPayGateway.TradeOrder order) {
        AliPayConfig config = this.calls.config();
        AlipayTradePagePayModel model = new AlipayTradePagePayModel();
        model.setOutTradeNo(order.orderId());
        model.setSubject(order.subject());
        model.setTotalAmount(Amounts.format(order.amount()));
        model.setProductCode(PAGE_PRODUCT_CODE);
        model.setTimeExpire(BeijingTime.format(order.expiresAt()));
        model.setQrPayMode(config.pageQrPayMode());
        model.setQrcodeWidth((config.pageQrcodeWidth() != null) ? Long.valueOf(config.pageQrcodeWidth()) : null);
        AlipayTradePagePayRequest request = new AlipayTradePagePayRequest();
        request.setBizModel(model);
        request.setNotifyUrl(config.notifyUrl());
        request.setReturnUrl(config.returnUrl());
        return cashier(request);
    }

    String appPay(AliPayGateway.TradeOrder order) {
        AliPayConfig config = this.calls.config();
        AlipayTradeAppPayModel model = new AlipayTradeAppPayModel();
        model.setOutTradeNo(order.orderId());
        model.setSubject(order.subject());
        model.setTotalAmount(Amounts.format(order.amount()));
        model.setProductCode(APP_PRODUCT_CODE);
        model.setTimeExpire(BeijingTime.format(order.expiresAt()));
        model.setSellerId(config.sellerId());
        AlipayTradeAppPayRequest request = new AlipayTradeAppPayRequest();
        request.setBizModel(model);
        request.setNotifyUrl(config.notifyUrl());
        try {
            return this.calls.client().sdkExecute(request).getBody();
        }
        catch (AlipayApiException | RuntimeException ex) {
            throw notSigned(request, ex);
        }
    }

    /** The GET link of a signed page request, and the form that posts the same parameters. */
    private <T extends AlipayResponse> PayUrl cashier(AlipayRequest<T> request) {
        String url;
        try {
            url = this.calls.client().pageExecute(request, "GET").getBody();
        }
        catch (AlipayApiException | RuntimeException ex) {
            throw notSigned(request, ex);
        }
        return PayUrl.page(url, formOf(url));
    }

    private static PayException notSigned(AlipayRequest<?> request, Exception ex) {
        return new PayException(PayErrorCode.THIRD_PARTY_ERROR,
                request.getApiMethodName() + " could not be signed: " + ex.getMessage(), ex);
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
            return URLDecoder.decode(value, this.calls.config().charset().name());
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
