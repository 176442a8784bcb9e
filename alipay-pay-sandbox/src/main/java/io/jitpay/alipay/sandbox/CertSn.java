package io.jitpay.alipay.sandbox;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.StringJoiner;

/**
 * The serial numbers of Alipay's certificate mode, as the SDK computes them ({@code AntCertificationUtil}):
 * {@code app_cert_sn}, {@code alipay_cert_sn} and {@code alipay_root_cert_sn}.
 */
final class CertSn {

    /** The signature algorithms {@code sha*WithRSAEncryption}: the root certificates that count in the root SN. */
    private static final String RSA_SIGNATURE_OID_PREFIX = "1.2.840.113549.1.1";

    private CertSn() {
    }

    /**
     * The SN of a certificate: the lowercase hex MD5 of the issuer's RFC 2253 name followed by the decimal serial
     * number, left-padded with zeros to 32 characters.
     */
    static String of(X509Certificate certificate) {
        String source = certificate.getIssuerX500Principal().getName() + certificate.getSerialNumber();
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(source.getBytes(StandardCharsets.UTF_8));
            String hex = new BigInteger(1, md5).toString(16);
            return "0".repeat(32 - hex.length()) + hex;
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("This JVM has no MD5", ex);
        }
    }

    /** The SN of a root bundle: the SNs of its RSA-signed certificates, in file order, joined with {@code _}. */
    static String ofRoots(List<X509Certificate> roots) {
        StringJoiner joined = new StringJoiner("_");
        for (X509Certificate root : roots) {
            if (root.getSigAlgOID().startsWith(RSA_SIGNATURE_OID_PREFIX)) {
                joined.add(of(root));
            }
        }
        return joined.toString();
    }
}
