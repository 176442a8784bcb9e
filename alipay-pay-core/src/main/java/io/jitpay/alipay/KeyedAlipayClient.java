package io.jitpay.alipay;

import java.nio.charset.Charset;
import java.security.PublicKey;

import com.alipay.api.AbstractAlipayClient;
import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayConstants;
import com.alipay.api.AlipayRequest;
import com.alipay.api.AlipayResponse;
import com.alipay.api.Decryptor;
import com.alipay.api.Encryptor;
import com.alipay.api.SignChecker;
import com.alipay.api.Signer;
import com.alipay.api.domain.AlipayOpenAppAlipaycertDownloadModel;
import com.alipay.api.request.AlipayOpenAppAlipaycertDownloadRequest;
import com.alipay.api.response.AlipayOpenAppAlipaycertDownloadResponse;
import org.jspecify.annotations.Nullable;

/**
 * The official SDK client with keys parsed once. The SDK's {@code DefaultAlipayClient} re-parses the private key for
 * every signature and, on every response, signs and verifies a probe to detect an application key in the Alipay-key
 * slot; {@link AliPayConfig} already refused such a configuration, so this client does neither.
 *
 * <p>In certificate mode it stays this client, not the SDK's certificate client (whose {@code certificateExecute}
 * parses certificates and checks rotated ones with BouncyCastle, and swaps a shared sign checker per answer): every
 * request, page and app request included, carries {@code app_cert_sn} and {@code alipay_root_cert_sn}, signed like
 * every other parameter, and every answer is verified by {@link CertModeAnswers} with the key its
 * {@code alipay_cert_sn} names.
 */
final class KeyedAlipayClient extends AbstractAlipayClient {

    private final Signer signer;

    private final SignChecker signChecker;

    private final @Nullable AliPayCertificates certificates;

    private final @Nullable CertModeAnswers answers;

    /** Set while the SDK reads an answer that {@link #answers} verifies right after, with the key the answer names. */
    private final ThreadLocal<Boolean> verifyingAfter = new ThreadLocal<>();

    KeyedAlipayClient(AliPayConfig config) {
        super(config.gatewayUrl(), config.appId(), AlipayConstants.FORMAT_JSON, config.charset().name(),
                config.signType());
        setConnectTimeout(Math.toIntExact(config.connectTimeout().toMillis()));
        setReadTimeout(Math.toIntExact(config.readTimeout().toMillis()));
        this.signer = (content, signType, charset) -> Rsa2Signature.sign(content, Charset.forName(charset),
                config.privateKey());
        AliPayCertificates certificates = config.certificates();
        this.certificates = certificates;
        this.answers = (certificates != null) ? new CertModeAnswers(certificates, config.charset(), this::download)
                : null;
        this.signChecker = new SignChecker() {

            @Override
            public boolean check(String content, String sign, String signType, String charset) {
                if (certificates == null) {
                    return Rsa2Signature.verify(content, sign, Charset.forName(charset), config.publicKey());
                }
                if (Boolean.TRUE.equals(KeyedAlipayClient.this.verifyingAfter.get())) {
                    return true;
                }
                // An answer read outside execute() (the SDK's parseAppSyncResult) names no certificate here.
                for (PublicKey key : certificates.alipayKeys()) {
                    if (Rsa2Signature.verify(content, sign, Charset.forName(charset), key)) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public boolean checkCert(String content, String sign, String signType, String charset, String key) {
                // The SDK's certificate path is never taken: certificateExecute is execute here.
                return false;
            }
        };
    }

    @Override
    public <T extends AlipayResponse> T execute(AlipayRequest<T> request, @Nullable String accessToken,
            @Nullable String appAuthToken, @Nullable String targetAppId) throws AlipayApiException {
        CertModeAnswers answers = this.answers;
        if (answers == null) {
            return super.execute(request, accessToken, appAuthToken, targetAppId);
        }
        AlipayRequest<T> withSns = withCertificateSns(request);
        T response = readUnverified(() -> super.execute(withSns, accessToken, appAuthToken, targetAppId));
        answers.verify(request, response);
        return response;
    }

    /** The SDK's certificate-mode entry point, for callers written for its certificate client: the same as execute. */
    @Override
    public <T extends AlipayResponse> T certificateExecute(AlipayRequest<T> request, @Nullable String accessToken,
            @Nullable String appAuthToken, @Nullable String targetAppId) throws AlipayApiException {
        return execute(request, accessToken, appAuthToken, targetAppId);
    }

    @Override
    public <T extends AlipayResponse> T certificateExecute(AlipayRequest<T> request, @Nullable String accessToken,
            @Nullable String appAuthToken) throws AlipayApiException {
        return execute(request, accessToken, appAuthToken, null);
    }

    @Override
    public <T extends AlipayResponse> T pageExecute(AlipayRequest<T> request, String httpMethod)
            throws AlipayApiException {
        return super.pageExecute(withCertificateSns(request), httpMethod);
    }

    @Override
    public <T extends AlipayResponse> T sdkExecute(AlipayRequest<T> request) throws AlipayApiException {
        return super.sdkExecute(withCertificateSns(request));
    }

    @Override
    public boolean checkAlipayPublicKey() {
        return false;
    }

    @Override
    public Signer getSigner() {
        return this.signer;
    }

    @Override
    public SignChecker getSignChecker() {
        return this.signChecker;
    }

    @Override
    public @Nullable Encryptor getEncryptor() {
        return null;
    }

    @Override
    public @Nullable Decryptor getDecryptor() {
        return null;
    }

    /**
     * The request with the certificate SNs as parameters of their own: they are signed with the rest and, for gateway
     * calls, posted in the form body (the gateway reads parameters from the query and the body alike); page and app
     * requests carry every parameter in one sorted string, as the SDK's certificate client writes them.
     */
    private <T extends AlipayResponse> AlipayRequest<T> withCertificateSns(AlipayRequest<T> request) {
        AliPayCertificates certificates = this.certificates;
        return (certificates != null) ? new CertSnRequest<>(request, certificates) : request;
    }

    /**
     * Alipay's certificate with an SN, as {@code alipay.open.app.alipaycert.download} sends it. Its answer is not
     * verified by signature (it may well be signed with the very key it introduces): the certificate is trusted only
     * for chaining to the root bundle.
     */
    private String download(String sn) throws AlipayApiException {
        AlipayOpenAppAlipaycertDownloadModel model = new AlipayOpenAppAlipaycertDownloadModel();
        model.setAlipayCertSn(sn);
        AlipayOpenAppAlipaycertDownloadRequest request = new AlipayOpenAppAlipaycertDownloadRequest();
        request.setBizModel(model);
        AlipayOpenAppAlipaycertDownloadResponse response = readUnverified(() -> super.execute(
                withCertificateSns(request), null, null, null));
        String content = response.getAlipayCertContent();
        if (!SdkCalls.succeeded(response) || content == null || content.isBlank()) {
            throw new CertModeAnswers.Rejected(request.getApiMethodName() + " did not give Alipay's certificate "
                    + sn + ": code=" + response.getCode() + ", sub_code=" + response.getSubCode() + ", sub_msg="
                    + response.getSubMsg());
        }
        return content;
    }

    private <T> T readUnverified(SdkCall<T> call) throws AlipayApiException {
        this.verifyingAfter.set(Boolean.TRUE);
        try {
            return call.call();
        }
        finally {
            this.verifyingAfter.remove();
        }
    }

    @FunctionalInterface
    private interface SdkCall<T> {

        T call() throws AlipayApiException;
    }
}
