package io.jitpay.alipay.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Issues X.509 v3 certificates as Alipay's CA does: SHA256withRSA by an RSA issuer (SHA384withECDSA by an EC one, for
 * the EC root of the bundle), a random 128-bit serial number, key usage as on Alipay's certificates, basic constraints
 * on CAs. The certificate is assembled with BouncyCastle's ASN.1 classes (BouncyCastle's provider jar, which the SDK
 * brings, has no certificate builder), signed with the JDK, and read back with the JDK's certificate factory.
 */
final class CertificateIssuer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateIssuer() {
    }

    /**
     * Issues a certificate.
     * @param subject the subject's name, in certificate order (country first), for example {@code C=CN,O=...,CN=...}
     * @param key     the key it certifies
     * @param issuer  the issuer's name in the same order; the subject's own for a self-signed root
     * @param signer  the issuer's key pair, whose private key signs
     * @param ca      whether it is a CA certificate
     * @param from    the start of its validity
     * @param to      the end of its validity
     * @return the certificate, as the JDK reads it
     */
    static X509Certificate issue(String subject, PublicKey key, String issuer, KeyPair signer, boolean ca,
            Instant from, Instant to) {
        boolean ec = "EC".equals(signer.getPrivate().getAlgorithm());
        AlgorithmIdentifier algorithm = ec ? new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA384)
                : new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
        V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
        // Positive and 16 bytes long, as Alipay's: a new one for every certificate, so every SN differs.
        generator.setSerialNumber(new ASN1Integer(new BigInteger(127, RANDOM).setBit(120)));
        generator.setIssuer(new X500Name(issuer));
        generator.setSubject(new X500Name(subject));
        generator.setStartDate(new Time(Date.from(from)));
        generator.setEndDate(new Time(Date.from(to)));
        generator.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
        generator.setSignature(algorithm);
        try {
            generator.setExtensions(ca ? new Extensions(new Extension[] {
                new Extension(Extension.basicConstraints, true, new BasicConstraints(true).getEncoded()),
                new Extension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign).getEncoded()) })
                    : new Extensions(new Extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                            | KeyUsage.nonRepudiation | KeyUsage.keyEncipherment | KeyUsage.dataEncipherment)
                        .getEncoded())));
            TBSCertificate tbs = generator.generateTBSCertificate();
            Signature signature = Signature.getInstance(ec ? "SHA384withECDSA" : "SHA256withRSA");
            signature.initSign(signer.getPrivate());
            signature.update(tbs.getEncoded(ASN1Encoding.DER));
            ASN1EncodableVector certificate = new ASN1EncodableVector();
            certificate.add(tbs);
            certificate.add(algorithm);
            certificate.add(new DERBitString(signature.sign()));
            byte[] der = new DERSequence(certificate).getEncoded(ASN1Encoding.DER);
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot encode a certificate", ex);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot sign a certificate", ex);
        }
    }

    /**
     * Certificates as PEM text, one block after the other, as Alipay's {@code .crt} files hold them.
     * @param certificates the certificates, in file order
     * @return the text, each block ending with a line break
     */
    static String pem(X509Certificate... certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                pem.append(TestRsaKeys.pem("CERTIFICATE", certificate.getEncoded(), "\n"));
            }
            catch (GeneralSecurityException ex) {
                throw new IllegalStateException("Cannot encode a certificate", ex);
            }
        }
        return pem.toString();
    }

    /** The base64 of a PEM text, as {@code alipay.open.app.alipaycert.download} sends it. */
    static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
