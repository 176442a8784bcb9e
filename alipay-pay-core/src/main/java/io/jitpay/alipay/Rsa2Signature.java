package io.jitpay.alipay;

import java.nio.charset.Charset;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/** Alipay's RSA2: SHA256withRSA (PKCS#1 v1.5) over the content's bytes in the request charset, standard base64. */
final class Rsa2Signature {

    static final String SIGN_TYPE = "RSA2";

    private static final String ALGORITHM = "SHA256withRSA";

    /** Looking a signature up in the providers costs more than verifying a short text with it: reuse one per thread. */
    private static final ThreadLocal<Signature> SIGNATURES = ThreadLocal.withInitial(() -> {
        try {
            return Signature.getInstance(ALGORITHM);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ALGORITHM + " is not available", ex);
        }
    });

    private Rsa2Signature() {
    }

    static String sign(String content, Charset charset, PrivateKey key) {
        try {
            Signature signature = SIGNATURES.get();
            signature.initSign(key);
            signature.update(content.getBytes(charset));
            return Base64.getEncoder().encodeToString(signature.sign());
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("RSA2 signing failed", ex);
        }
    }

    /** Whether {@code sign} is a valid RSA2 signature of the content; false for malformed signatures, never throws. */
    static boolean verify(String content, @Nullable String sign, Charset charset, PublicKey key) {
        if (sign == null || sign.isEmpty()) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sign);
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
        try {
            Signature signature = SIGNATURES.get();
            signature.initVerify(key);
            signature.update(content.getBytes(charset));
            return signature.verify(bytes);
        }
        catch (GeneralSecurityException ex) {
            return false;
        }
    }
}
