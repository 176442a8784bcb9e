package io.jitpay.alipay.sandbox;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * {@code alipay.open.app.alipaycert.download}: Alipay's certificate with an SN ({@code alipay_cert_sn} in
 * {@code biz_content}), as the SDK and the application fetch it when an answer names a certificate they do not know.
 * The answer's {@code alipay_cert_content} is the base64 of the certificate file's PEM text (the certificate, then the
 * CA that issued it). Every certificate the sandbox issued is served, the current one and those rotated out.
 */
final class CertificateApi {

    static final String DOWNLOAD = "alipay.open.app.alipaycert.download";

    private final @Nullable SandboxCertificates certificates;

    CertificateApi(@Nullable SandboxCertificates certificates) {
        this.certificates = certificates;
    }

    ApiAnswer download(ApiCall call) {
        String sn = call.field("alipay_cert_sn");
        String pem = (this.certificates != null && !sn.isEmpty()) ? this.certificates.alipayCertPem(sn) : null;
        if (pem == null) {
            return ApiAnswer.json(ResultCodes.failure(ResultCodes.BUSINESS_FAILED, "isv.alipay-cert-not-exist"));
        }
        return ApiAnswer.json(ResultCodes.success(Map.of("alipay_cert_content", CertificateIssuer.base64(pem))));
    }
}
