package io.jitpay.alipay;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AntCertificationUtil;
import org.jspecify.annotations.Nullable;

/**
 * X.509 certificates as Alipay ships them, read with the JDK alone: PEM bundles parsed one block at a time (Alipay's
 * root bundle holds an SM2 certificate the JDK cannot read, which the SDK's BouncyCastle reads and then ignores), the
 * SDK's serial numbers ({@code app_cert_sn}, {@code alipay_root_cert_sn}, {@code alipay_cert_sn}) and the SDK's chain
 * walk from a certificate to a root.
 */
final class PemCertificates {

    /** The signature algorithms {@code sha*WithRSAEncryption}: the root certificates that count in the root SN. */
    static final String RSA_SIGNATURE_OID_PREFIX = "1.2.840.113549.1.1.";

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    /** Longer chains than leaf, two intermediates and a root are not Alipay's. */
    private static final int MAX_CHAIN = 4;

    private PemCertificates() {
    }

    /**
     * The certificates of a text, in file order. A certificate block the JDK cannot read is skipped and counted: the
     * SDK's BouncyCastle reads the SM2 root of Alipay's bundle, which no SN counts.
     * @param text PEM blocks, or the bare base64 of one DER certificate
     * @return what was read, and what was not
     */
    static Parsed parse(String text) {
        List<X509Certificate> certificates = new ArrayList<>();
        List<String> otherBlocks = new ArrayList<>();
        int unreadable = 0;
        Matcher matcher = BLOCK.matcher(text);
        boolean pem = false;
        while (matcher.find()) {
            pem = true;
            if (!"CERTIFICATE".equals(matcher.group(1))) {
                otherBlocks.add(matcher.group(1));
                continue;
            }
            X509Certificate certificate = read(base64(matcher.group(2)));
            if (certificate != null) {
                certificates.add(certificate);
            }
            else {
                unreadable++;
            }
        }
        if (!pem && !text.contains("-----BEGIN")) {
            X509Certificate certificate = read(base64(text));
            if (certificate != null) {
                certificates.add(certificate);
            }
        }
        return new Parsed(List.copyOf(certificates), List.copyOf(otherBlocks), unreadable);
    }

    /**
     * The serial number Alipay gives a certificate: the lowercase hex MD5 of the issuer's RFC 2253 name followed by
     * the decimal serial number, left-padded with zeros to 32 characters, as the SDK computes it
     * ({@code AntCertificationUtil.getCertSN}).
     */
    static String sn(X509Certificate certificate) {
        try {
            return AntCertificationUtil.getCertSN(certificate);
        }
        catch (AlipayApiException ex) {
            throw new IllegalStateException("Cannot compute the serial number of "
                    + certificate.getSubjectX500Principal() + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * The SDK's root SN ({@code AntCertificationUtil.getRootCertSN}): the SNs of the RSA-signed certificates, joined
     * with {@code _} in file order.
     * @return the SN, or {@code null} when no certificate is RSA-signed
     */
    static @Nullable String rootSn(Collection<X509Certificate> roots) {
        StringJoiner joined = new StringJoiner("_");
        roots.stream().filter(PemCertificates::isRsaSigned).forEach((root) -> joined.add(sn(root)));
        return (joined.length() > 0) ? joined.toString() : null;
    }

    static boolean isRsaSigned(X509Certificate certificate) {
        return certificate.getSigAlgOID().startsWith(RSA_SIGNATURE_OID_PREFIX);
    }

    static boolean isSelfIssued(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    /**
     * The end-entity certificate of a bundle such as {@code alipayCertPublicKey_RSA2.crt} (the leaf and the CA that
     * issued it): the first that issued none of the others. Alipay's intermediate certificates carry no basic
     * constraints, so "not a CA" cannot tell them apart.
     */
    static X509Certificate leaf(List<X509Certificate> bundle) {
        for (X509Certificate candidate : bundle) {
            boolean issuesAnother = bundle.stream().anyMatch((other) -> other != candidate
                    && other.getIssuerX500Principal().equals(candidate.getSubjectX500Principal())
                    && !isSelfIssued(other));
            if (!issuesAnother) {
                return candidate;
            }
        }
        return bundle.get(0);
    }

    /**
     * Whether a certificate chains to one of the roots, as the SDK's {@code AntCertificationUtil.isTrusted} checks a
     * downloaded certificate: each certificate on the way is within its validity and signed by the next (found by
     * name among the intermediates), up to a root that signed the last. Signatures are checked with the JDK's providers.
     * @return {@code null} when it does, else why not
     */
    static @Nullable String whyNotChained(X509Certificate certificate, Collection<X509Certificate> intermediates,
            Collection<X509Certificate> roots, Instant now) {
        X509Certificate current = certificate;
        for (int depth = 0; depth < MAX_CHAIN; depth++) {
            try {
                current.checkValidity(Date.from(now));
            }
            catch (CertificateException ex) {
                return "'" + current.getSubjectX500Principal().getName() + "' is not valid now (valid from "
                        + current.getNotBefore().toInstant() + " to " + current.getNotAfter().toInstant() + ")";
            }
            for (X509Certificate root : roots) {
                if (issued(root, current)) {
                    return null;
                }
            }
            X509Certificate next = null;
            for (X509Certificate intermediate : intermediates) {
                if (intermediate != current && !isSelfIssued(intermediate) && issued(intermediate, current)) {
                    next = intermediate;
                    break;
                }
            }
            if (next == null) {
                return "'" + current.getSubjectX500Principal().getName() + "' is not issued by a certificate of "
                        + "alipayRootCert";
            }
            current = next;
        }
        return "its chain is longer than " + MAX_CHAIN;
    }

    private static boolean issued(X509Certificate issuer, X509Certificate certificate) {
        if (!issuer.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            PublicKey key = issuer.getPublicKey();
            certificate.verify(key);
            return true;
        }
        catch (GeneralSecurityException | RuntimeException ex) {
            return false;
        }
    }

    private static byte @Nullable [] base64(String body) {
        try {
            return Base64.getMimeDecoder().decode(body.strip());
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static @Nullable X509Certificate read(byte @Nullable [] der) {
        if (der == null || der.length == 0) {
            return null;
        }
        try {
            // The first provider's factory: the JDK's own (the SDK appends BouncyCastle after it).
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        }
        catch (CertificateException | RuntimeException ex) {
            return null;
        }
    }

    /**
     * What a text held.
     * @param certificates the certificates read, in file order
     * @param otherBlocks  the types of PEM blocks that are not certificates ({@code PRIVATE KEY}, ...)
     * @param unreadable   how many certificate blocks the JDK could not read
     */
    record Parsed(List<X509Certificate> certificates, List<String> otherBlocks, int unreadable) {
    }
}
