package io.jitpay.alipay.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * RSA key pairs for tests, in every format people paste into an Alipay configuration: PKCS#8 and X.509 base64 (what
 * the Alipay console shows), PKCS#1 DER (what {@code openssl genrsa} wrote before OpenSSL 3) and PEM.
 *
 * <pre>
 * KeyPair app = TestRsaKeys.generate();
 * String privateKey = TestRsaKeys.pkcs8Base64(app);
 * String pkcs1Pem = TestRsaKeys.pem("RSA PRIVATE KEY", TestRsaKeys.pkcs1Private(app), "\n");
 * </pre>
 *
 * Every call of {@link #generate()} makes a new pair: an app and an "Alipay" pair must differ, or the official SDK
 * refuses the configuration.
 *
 * @since 0.1.0
 */
public final class TestRsaKeys {

    /** The size Alipay requires for RSA2. */
    public static final int DEFAULT_BITS = 2048;

    private TestRsaKeys() {
    }

    /**
     * Generates a new 2048-bit RSA key pair.
     * @return the pair
     */
    public static KeyPair generate() {
        return generate(DEFAULT_BITS);
    }

    /**
     * Generates a new RSA key pair of a given size, for example a short one to test that it is refused.
     * @param bits the modulus length
     * @return the pair
     */
    public static KeyPair generate(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("This JVM has no RSA key pair generator", ex);
        }
    }

    /**
     * Standard base64 without line breaks, as the Alipay console shows keys.
     * @param der the bytes
     * @return the text
     */
    public static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }

    /**
     * The private key as an application configures it: PKCS#8, base64.
     * @param pair the pair
     * @return the key text
     */
    public static String pkcs8Base64(KeyPair pair) {
        return base64(pair.getPrivate().getEncoded());
    }

    /**
     * The public key as Alipay publishes its own: X.509 SubjectPublicKeyInfo, base64.
     * @param pair the pair
     * @return the key text
     */
    public static String x509Base64(KeyPair pair) {
        return base64(pair.getPublic().getEncoded());
    }

    /**
     * The private key as a PKCS#1 {@code RSAPrivateKey} structure (the body of {@code -----BEGIN RSA PRIVATE KEY-----}).
     * @param pair the pair
     * @return the DER bytes
     */
    public static byte[] pkcs1Private(KeyPair pair) {
        try {
            return PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive()
                .getEncoded();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot re-encode the private key as PKCS#1", ex);
        }
    }

    /**
     * The public key as a PKCS#1 {@code RSAPublicKey} structure (the body of {@code -----BEGIN RSA PUBLIC KEY-----}).
     * @param pair the pair
     * @return the DER bytes
     */
    public static byte[] pkcs1Public(KeyPair pair) {
        try {
            return SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()).parsePublicKey().getEncoded();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot re-encode the public key as PKCS#1", ex);
        }
    }

    /**
     * PEM armour with 64-character lines, the header and footer each on a line of their own.
     * @param type    for example {@code PRIVATE KEY}, {@code RSA PRIVATE KEY} or {@code PUBLIC KEY}
     * @param der     the bytes
     * @param newline the line separator, for example {@code "\n"} or {@code "\r\n"} to test Windows files
     * @return the text, ending with a line separator
     */
    public static String pem(String type, byte[] der, String newline) {
        String body = Base64.getMimeEncoder(64, newline.getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----" + newline + body + newline + "-----END " + type + "-----" + newline;
    }
}
