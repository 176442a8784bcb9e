package io.jitpay.alipay;

import java.nio.charset.Charset;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.util.regex.Pattern;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayRequest;
import com.alipay.api.AlipayResponse;
import com.alipay.api.CertItem;
import com.alipay.api.internal.parser.json.ObjectJsonParser;

/**
 * Verifies an answer in certificate mode, the one place where that happens: the SDK reads the answer and extracts
 * the signed text, sign and {@code alipay_cert_sn} as it does for its own certificate client; the signature is checked
 * here with the key of the certificate that SN names, on the JDK ({@link Rsa2Signature}). An SN this instance does not
 * know (Alipay rotated its certificate) is resolved once: its certificate is downloaded with
 * {@code alipay.open.app.alipaycert.download} and trusted only if {@link AliPayCertificates#learn} accepts it.
 *
 * <p>As in key mode, an answer with a signature is believed only when it verifies, and a failure without one is
 * returned unbelieved (callers never let it change state); a success needs both a signature and an SN.
 */
final class CertModeAnswers {

    /** The SDK's SNs: an MD5 in lowercase hex. Anything else is not looked up, let alone sent back to Alipay. */
    private static final Pattern SN = Pattern.compile("[0-9a-f]{32}");

    private final AliPayCertificates certificates;

    private final Charset charset;

    private final Download download;

    /** Rotations are rare: downloads are made one at a time, so that each SN is downloaded once. */
    private final Object downloadLock = new Object();

    CertModeAnswers(AliPayCertificates certificates, Charset charset, Download download) {
        this.certificates = certificates;
        this.charset = charset;
        this.download = download;
    }

    /**
     * Verifies an answer the SDK has read without verifying it.
     * @throws Rejected when it is not Alipay's, or its certificate cannot be trusted
     */
    <T extends AlipayResponse> void verify(AlipayRequest<T> request, T response) throws AlipayApiException {
        String method = request.getApiMethodName();
        CertItem item = new ObjectJsonParser<>(request.getResponseClass()).getCertItem(request, response.getBody());
        String sign = (item != null) ? item.getSign() : null;
        String sn = (item != null) ? item.getCert() : null;
        String content = (item != null) ? item.getSignSourceDate() : null;
        boolean success = response.isSuccess() || SdkCalls.SUCCESS.equals(response.getCode());
        if (sign == null || sign.isEmpty()) {
            if (success) {
                throw new Rejected(method + " answered success without a signature");
            }
            return;
        }
        if (content == null) {
            throw new Rejected(method + " answered a signature without the signed " + method.replace('.', '_')
                    + "_response");
        }
        if (sn == null || sn.isEmpty()) {
            if (success) {
                throw new Rejected(method + " answered success without alipay_cert_sn, so no certificate can "
                        + "verify it");
            }
            for (PublicKey key : this.certificates.alipayKeys()) {
                if (verifies(content, sign, key)) {
                    return;
                }
            }
            throw new Rejected("sign check fail: the failure " + method + " answered without alipay_cert_sn does not "
                    + "verify with any trusted Alipay certificate");
        }
        PublicKey key = keyOf(sn, method);
        if (!verifies(content, sign, key)) {
            throw new Rejected("sign check fail: the answer to " + method + " does not verify with Alipay's "
                    + "certificate " + sn);
        }
    }

    /** The SDK's rule, kept: Alipay signs its {@code \/} escapes, and a text without them is tried as well. */
    private boolean verifies(String content, String sign, PublicKey key) {
        return Rsa2Signature.verify(content, sign, this.charset, key)
                || (content.contains("\\/") && Rsa2Signature.verify(content.replace("\\/", "/"), sign, this.charset,
                        key));
    }

    private PublicKey keyOf(String sn, String method) throws AlipayApiException {
        PublicKey key = this.certificates.alipayKey(sn);
        if (key != null) {
            return key;
        }
        if (!SN.matcher(sn).matches()) {
            throw new Rejected(method + " answered alipay_cert_sn '" + LogSafe.quote(sn) + "', which is no "
                    + "certificate SN");
        }
        synchronized (this.downloadLock) {
            key = this.certificates.alipayKey(sn);
            if (key != null) {
                return key;
            }
            String content = this.download.certificate(sn);
            try {
                this.certificates.learn(sn, content, Instant.now());
            }
            catch (CertificateException ex) {
                throw new Rejected(method + " was signed with Alipay's certificate " + sn + ", which this instance "
                        + "does not trust: " + ex.getMessage() + "; check alipayRootCert, or that this is Alipay's "
                        + "gateway");
            }
            key = this.certificates.alipayKey(sn);
            if (key == null) {
                throw new IllegalStateException("certificate " + sn + " learned but not kept");
            }
            return key;
        }
    }

    /** Fetches the content of Alipay's certificate with an SN ({@code alipay_cert_content}). */
    @FunctionalInterface
    interface Download {

        String certificate(String sn) throws AlipayApiException;
    }

    /** An answer that is not believed; its message says why, never with a key. */
    static final class Rejected extends AlipayApiException {

        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message);
        }
    }
}
