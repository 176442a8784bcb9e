package io.jitpay.alipay;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.alipay.api.internal.util.AlipaySignature;
import org.jspecify.annotations.Nullable;

/**
 * Verifies the signature of Alipay's asynchronous notifications and return-url parameters with the "V1" rule: every
 * parameter but {@code sign} and {@code sign_type}, non-empty, sorted by name, joined as {@code k=v&...} with the
 * decoded values, RSA2 in the notification's {@code charset}. The key is parsed once; the caller's map is never
 * modified (the SDK's own {@code rsaCheckV1} removes {@code sign} from the map it is given).
 *
 * <p>In certificate mode a notification names no certificate: it is verified with the key of the configured Alipay
 * certificate, then with those of the certificates Alipay rotated to that this instance has learned from its answers.
 *
 * <p>{@link #sign} produces valid notifications for tests.
 *
 * @since 0.1.0
 */
public final class NotifyVerifier {

    private final PublicKey alipayPublicKey;

    private final @Nullable AliPayCertificates certificates;

    private final Charset defaultCharset;

    /**
     * Creates a verifier.
     * @param alipayPublicKey Alipay's public key
     * @param defaultCharset  the charset when a notification names none
     */
    public NotifyVerifier(PublicKey alipayPublicKey, Charset defaultCharset) {
        this(alipayPublicKey, null, defaultCharset);
    }

    /**
     * Creates a verifier for a configuration's Alipay public key (in certificate mode, its Alipay certificates) and
     * charset.
     * @param config the configuration
     */
    public NotifyVerifier(AliPayConfig config) {
        this(config.publicKey(), config.certificates(), config.charset());
    }

    private NotifyVerifier(PublicKey alipayPublicKey, @Nullable AliPayCertificates certificates,
            Charset defaultCharset) {
        this.alipayPublicKey = alipayPublicKey;
        this.certificates = certificates;
        this.defaultCharset = defaultCharset;
    }

    /**
     * Whether the parameters carry a valid RSA2 signature by Alipay.
     * @param params the decoded parameters, {@code sign} included; not modified
     * @return {@code true} only for a well-formed, valid RSA2 signature
     */
    public boolean verify(Map<String, String> params) {
        String signType = params.get("sign_type");
        if (signType != null && !Rsa2Signature.SIGN_TYPE.equals(signType)) {
            return false;
        }
        Charset charset = charsetOf(params, this.defaultCharset);
        if (charset == null) {
            return false;
        }
        String content = content(params);
        String sign = params.get("sign");
        if (Rsa2Signature.verify(content, sign, charset, this.alipayPublicKey)) {
            return true;
        }
        if (this.certificates != null) {
            for (PublicKey rotated : this.certificates.alipayKeys()) {
                if (!rotated.equals(this.alipayPublicKey) && Rsa2Signature.verify(content, sign, charset, rotated)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The text that a V1 signature signs.
     * @param params the parameters; not modified
     * @return every non-empty parameter but {@code sign} and {@code sign_type}, sorted, as {@code k=v&...}
     */
    public static String content(Map<String, String> params) {
        return AlipaySignature.getSignCheckContentV1(new HashMap<>(params));
    }

    /**
     * Signs parameters as Alipay signs a notification: for tests and simulators.
     * @param params     the notification's parameters, without {@code sign}
     * @param privateKey the key standing in for Alipay's
     * @return a copy with {@code sign} and {@code sign_type=RSA2} added
     */
    public static Map<String, String> sign(Map<String, String> params, PrivateKey privateKey) {
        Charset charset = charsetOf(params, StandardCharsets.UTF_8);
        Map<String, String> signed = new LinkedHashMap<>(params);
        signed.put("sign", Rsa2Signature.sign(content(params),
                (charset != null) ? charset : StandardCharsets.UTF_8, privateKey));
        signed.put("sign_type", Rsa2Signature.SIGN_TYPE);
        return signed;
    }

    /** The charset the parameters name, if it is one Alipay uses: another could fail to encode the signed text. */
    private static @Nullable Charset charsetOf(Map<String, String> params, Charset fallback) {
        String name = params.get("charset");
        if (name == null || name.isBlank()) {
            return fallback;
        }
        try {
            return NotifyForm.charsetNamed(name);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
