package io.jitpay.alipay.autoconfigure;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

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
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

import io.jitpay.alipay.sandbox.TestRsaKeys;

/**
 * The three files of an Alipay application in certificate mode, made for a test: a root bundle, Alipay's certificate
 * with the CA that issued it, and the application's certificate for its key pair. Certificates are assembled with
 * BouncyCastle's ASN.1 classes (test code only) and signed with the JDK.
 */
final class TestCertificates {

    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

    private static final String ROOT = "C=CN,O=Test Financial,OU=Certification Authority,CN=Test Root R1";

    private static final String CA = "C=CN,O=Test Financial,OU=Certification Authority,CN=Test Class 2 R1";

    final KeyPair appKeys = TestRsaKeys.generate();

    final KeyPair alipayKeys = TestRsaKeys.generate();

    final String appCert;

    final String alipayCert;

    final String alipayRootCert;

    TestCertificates() {
        KeyPair rootKeys = TestRsaKeys.generate();
        KeyPair caKeys = TestRsaKeys.generate();
        Instant from = Instant.now().minus(Duration.ofDays(1));
        Instant to = Instant.now().plus(Duration.ofDays(365));
        String ca = pem(certificate(CA, caKeys.getPublic(), ROOT, rootKeys.getPrivate(), false, from, to));
        this.alipayRootCert = pem(certificate(ROOT, rootKeys.getPublic(), ROOT, rootKeys.getPrivate(), true, from, to));
        this.alipayCert = pem(certificate("C=CN,OU=Alipay,CN=Alipay-2088000000000001", this.alipayKeys.getPublic(),
                CA, caKeys.getPrivate(), false, from, to)) + ca;
        this.appCert = pem(certificate("C=CN,OU=Alipay,CN=2088000000000001-2021000000000001", this.appKeys.getPublic(),
                CA, caKeys.getPrivate(), false, from, to));
    }

    String appPrivateKey() {
        return TestRsaKeys.pkcs8Base64(this.appKeys);
    }

    private static byte[] certificate(String subject, PublicKey key, String issuer, PrivateKey issuerKey, boolean ca,
            Instant from, Instant to) {
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption,
                DERNull.INSTANCE);
        V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
        generator.setSerialNumber(new ASN1Integer(BigInteger.valueOf(SERIALS.incrementAndGet())));
        generator.setIssuer(new X500Name(issuer));
        generator.setSubject(new X500Name(subject));
        generator.setStartDate(new Time(Date.from(from)));
        generator.setEndDate(new Time(Date.from(to)));
        generator.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
        generator.setSignature(algorithm);
        try {
            if (ca) {
                generator.setExtensions(new Extensions(new Extension(Extension.basicConstraints, true,
                        new BasicConstraints(true).getEncoded())));
            }
            TBSCertificate tbs = generator.generateTBSCertificate();
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(issuerKey);
            signature.update(tbs.getEncoded(ASN1Encoding.DER));
            ASN1EncodableVector certificate = new ASN1EncodableVector();
            certificate.add(tbs);
            certificate.add(algorithm);
            certificate.add(new DERBitString(signature.sign()));
            return new DERSequence(certificate).getEncoded(ASN1Encoding.DER);
        }
        catch (GeneralSecurityException | IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }
}
