package io.jitpay.alipay.sandbox;

import java.nio.charset.Charset;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import org.jspecify.annotations.Nullable;

/**
 * The sandbox's two key pairs and its signatures, with the SDK's own signing helpers. In certificate mode the "Alipay"
 * key is the one of Alipay's current certificate, whose SN goes with every answer it signs; a rotation swaps both at
 * once ({@link #useAlipayKey}).
 */
final class SandboxKeys {

    static final String RSA2 = "RSA2";

    private final KeyPair app;

    private final String appPublic;

    private volatile AlipayKey alipay;

    SandboxKeys(KeyPair app, KeyPair alipay) {
        this.app = app;
        this.appPublic = TestRsaKeys.x509Base64(app);
        this.alipay = new AlipayKey(alipay, null);
    }

    String appPrivateKey() {
        return TestRsaKeys.pkcs8Base64(this.app);
    }

    String appPublicKey() {
        return this.appPublic;
    }

    /** The "Alipay" public key answers are signed with now. */
    String alipayPublicKey() {
        return TestRsaKeys.x509Base64(this.alipay.pair);
    }

    KeyPair appKeyPair() {
        return this.app;
    }

    KeyPair alipayKeyPair() {
        return this.alipay.pair;
    }

    /**
     * Signs with another "Alipay" key from now on, the key of Alipay's certificate with this SN.
     * @param pair   the key pair
     * @param certSn the SN of its certificate, which answers carry as {@code alipay_cert_sn}
     */
    void useAlipayKey(KeyPair pair, String certSn) {
        this.alipay = new AlipayKey(pair, certSn);
    }

    /** Verifies a request with the app's public key by the V2 rule: every parameter but {@code sign}. */
    boolean verifyRequest(Map<String, String> params, Charset charset) {
        String sign = params.get("sign");
        if (sign == null || sign.isEmpty()) {
            return false;
        }
        try {
            return AlipaySignature.rsaCheck(AlipaySignature.getSignCheckContentV2(new HashMap<>(params)), sign,
                    this.appPublic, charset.name(), RSA2);
        }
        catch (AlipayApiException | RuntimeException ex) {
            return false;
        }
    }

    /** Signs text as Alipay. */
    String sign(String content, Charset charset) {
        return this.alipay.sign(content, charset);
    }

    /**
     * Signs an answer as Alipay, with the key and the SN of one moment: a rotation meanwhile cannot pair the new SN
     * with the old key's signature.
     */
    SignedAnswer signAnswer(String content, Charset charset) {
        AlipayKey key = this.alipay;
        return new SignedAnswer(key.sign(content, charset), key.certSn);
    }

    /** Signs notification or return parameters as Alipay by the V1 rule; adds {@code sign} and {@code sign_type}. */
    Map<String, String> signV1(Map<String, String> params, Charset charset) {
        Map<String, String> signed = new LinkedHashMap<>(params);
        signed.remove("sign");
        signed.remove("sign_type");
        signed.put("sign", sign(AlipaySignature.getSignCheckContentV1(new HashMap<>(signed)), charset));
        signed.put("sign_type", RSA2);
        return signed;
    }

    @Override
    public String toString() {
        return "SandboxKeys[alipayCertSn=" + this.alipay.certSn + "]";
    }

    /**
     * A signature over an answer.
     * @param sign   the base64 signature
     * @param certSn the SN of the certificate whose key made it, or {@code null} in key mode
     */
    record SignedAnswer(String sign, @Nullable String certSn) {
    }

    /** The "Alipay" key of the moment and its certificate's SN; never printed. */
    private static final class AlipayKey {

        private final KeyPair pair;

        private final String privateKey;

        private final @Nullable String certSn;

        AlipayKey(KeyPair pair, @Nullable String certSn) {
            this.pair = pair;
            this.privateKey = TestRsaKeys.pkcs8Base64(pair);
            this.certSn = certSn;
        }

        String sign(String content, Charset charset) {
            try {
                return AlipaySignature.rsaSign(content, this.privateKey, charset.name(), RSA2);
            }
            catch (AlipayApiException ex) {
                throw new IllegalStateException("Signing failed", ex);
            }
        }
    }
}
