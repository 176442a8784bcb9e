package io.jitpay.alipay;

import java.util.LinkedHashMap;
import java.util.Map;

import com.alipay.api.AlipayObject;
import com.alipay.api.AlipayRequest;
import com.alipay.api.AlipayResponse;
import org.jspecify.annotations.Nullable;

/**
 * A request with {@code app_cert_sn} and {@code alipay_root_cert_sn} among its parameters, for any
 * {@link AlipayRequest}: the SDK signs them with the rest. The caller's request is left as it was.
 *
 * @param <T> the response type
 */
final class CertSnRequest<T extends AlipayResponse> implements AlipayRequest<T> {

    static final String APP_CERT_SN = "app_cert_sn";

    static final String ALIPAY_ROOT_CERT_SN = "alipay_root_cert_sn";

    private final AlipayRequest<T> request;

    private final AliPayCertificates certificates;

    CertSnRequest(AlipayRequest<T> request, AliPayCertificates certificates) {
        this.request = request;
        this.certificates = certificates;
    }

    @Override
    public Map<String, String> getTextParams() {
        Map<String, String> params = new LinkedHashMap<>(this.request.getTextParams());
        params.put(APP_CERT_SN, this.certificates.appCertSn());
        params.put(ALIPAY_ROOT_CERT_SN, this.certificates.alipayRootCertSn());
        return params;
    }

    /**
     * Present because the SDK serializes the biz model into {@code biz_content} only for request classes that have
     * this method.
     * @return the request's {@code biz_content} text, if it was set as text
     */
    public @Nullable String getBizContent() {
        return this.request.getTextParams().get("biz_content");
    }

    @Override
    public String getApiMethodName() {
        return this.request.getApiMethodName();
    }

    @Override
    public String getApiVersion() {
        return this.request.getApiVersion();
    }

    @Override
    public void setApiVersion(String apiVersion) {
        this.request.setApiVersion(apiVersion);
    }

    @Override
    public String getTerminalType() {
        return this.request.getTerminalType();
    }

    @Override
    public void setTerminalType(String terminalType) {
        this.request.setTerminalType(terminalType);
    }

    @Override
    public String getTerminalInfo() {
        return this.request.getTerminalInfo();
    }

    @Override
    public void setTerminalInfo(String terminalInfo) {
        this.request.setTerminalInfo(terminalInfo);
    }

    @Override
    public String getProdCode() {
        return this.request.getProdCode();
    }

    @Override
    public void setProdCode(String prodCode) {
        this.request.setProdCode(prodCode);
    }

    @Override
    public String getNotifyUrl() {
        return this.request.getNotifyUrl();
    }

    @Override
    public void setNotifyUrl(String notifyUrl) {
        this.request.setNotifyUrl(notifyUrl);
    }

    @Override
    public String getReturnUrl() {
        return this.request.getReturnUrl();
    }

    @Override
    public void setReturnUrl(String returnUrl) {
        this.request.setReturnUrl(returnUrl);
    }

    @Override
    public Class<T> getResponseClass() {
        return this.request.getResponseClass();
    }

    @Override
    public boolean isNeedEncrypt() {
        return this.request.isNeedEncrypt();
    }

    @Override
    public void setNeedEncrypt(boolean needEncrypt) {
        this.request.setNeedEncrypt(needEncrypt);
    }

    @Override
    public AlipayObject getBizModel() {
        return this.request.getBizModel();
    }

    @Override
    public void setBizModel(AlipayObject bizModel) {
        this.request.setBizModel(bizModel);
    }
}
