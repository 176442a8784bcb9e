package io.jitpay.alipay.autoconfigure;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Key pairs for tests that do not call a gateway. */
final class StarterKeys {

    static final KeyPair APP = generate();

    static final KeyPair ALIPAY = generate();

    static final String APP_PRIVATE = Base64.getEncoder().encodeToString(APP.getPrivate().getEncoded());

    static final String APP_PUBLIC = Base64.getEncoder().encodeToString(APP.getPublic().getEncoded());

    static final String ALIPAY_PUBLIC = Base64.getEncoder().encodeToString(ALIPAY.getPublic().getEncoded());

    private StarterKeys() {
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
