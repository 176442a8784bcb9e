package io.jitpay.alipay.sandbox;

import java.nio.charset.Charset;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.Map;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;

/** The sandbox's two key pairs and its signatures, with the SDK's own signing helpers. */
final class SandboxKeys {

    static final String RSA2 = "RSA2";

    private final KeyPair app;

    private final KeyPair alipay;

    private final String appPublic;

    private final String alipayPrivate;

    SandboxKeys(KeyPair app, KeyPair alipay) {
        this.app = app;
        this.alipay = alipay;
        this.appPublic = TestRsaKeys.x509Base64(app);
        this.alipayPrivate = TestRsaKeys.pkcs8Base64(alipay);
    }

    String appPrivateKey() {
        return TestRsaKeys.pkcs8Base64(this.app);
    }

    String appPublicKey() {
        return this.appPublic;
    }

    String alipayPublicKey() {
        return TestRsaKeys.x509Base64(this.alipay);
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
        try {
            return AlipaySignature.rsaSign(content, this.alipayPrivate, charset.name(), RSA2);
        }
        catch (AlipayApiException ex) {
            throw new IllegalStateException("Signing failed", ex);
        }
    }

    /** Signs notification or return parameters as Alipay by the V1 rule; adds {@code sign} and {@code sign_type}. */
    Map<String, String> signV1(Map<String, String> params, Charset charset) {
        Map<String, String> signed = new java.util.LinkedHashMap<>(params);
        signed.remove("sign");
        signed.remove("sign_type");
        signed.put("sign", sign(AlipaySignature.getSignCheckContentV1(new HashMap<>(signed)), charset));
        signed.put("sign_type", RSA2);
        return signed;
    }
}
