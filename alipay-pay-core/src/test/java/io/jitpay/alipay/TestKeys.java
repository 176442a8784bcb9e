package io.jitpay.alipay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Key pairs in the formats people paste. */
final class TestKeys {

    static final KeyPair APP = generate(2048);

    static final KeyPair ALIPAY = generate(2048);

    private TestKeys() {
    }

    static KeyPair generate(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }

    static String pkcs8Base64(KeyPair pair) {
        return base64(pair.getPrivate().getEncoded());
    }

    static String x509Base64(KeyPair pair) {
        return base64(pair.getPublic().getEncoded());
    }

    static byte[] pkcs1Private(KeyPair pair) {
        try {
            return PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive()
                .getEncoded();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static byte[] pkcs1Public(KeyPair pair) {
        try {
            return SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()).parsePublicKey().getEncoded();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** PEM with 64-character lines and the given line separator. */
    static String pem(String type, byte[] der, String newline) {
        String body = Base64.getMimeEncoder(64, newline.getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----" + newline + body + newline + "-----END " + type + "-----" + newline;
    }
}
