package io.jitpay.alipay;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
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
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import io.jitpay.alipay.sandbox.TestRsaKeys;

/**
 * A public-key infrastructure shaped like Alipay's, for tests: an RSA root and an EC root in a root bundle that also
 * holds a certificate the JDK cannot read (an SM2 key, as in Alipay's real bundle); a CA under the RSA root that
 * issues Alipay's certificate and the application's, as Alipay's "Class 2 R1" does. Certificates are assembled with
 * BouncyCastle's ASN.1 classes and signed with the JDK: test code only.
 */
final class TestPki {

    /** Names in certificate order, country first, as Alipay's: RFC 2253 writes them the other way round. */
    static final String ROOT_NAME = "C=CN,O=Test Financial,OU=Certification Authority,"
            + "CN=Test Certification Authority R1";

    static final String CA_NAME = "C=CN,O=Test Financial,OU=Certification Authority,"
            + "CN=Test Certification Authority Class 2 R1";

    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

    private static final ASN1ObjectIdentifier SM2_CURVE = new ASN1ObjectIdentifier("1.2.156.10197.1.301");

    private static final ASN1ObjectIdentifier SM2_WITH_SM3 = new ASN1ObjectIdentifier("1.2.156.10197.1.501");

    final KeyPair rootKeys = TestRsaKeys.generate();

    final KeyPair caKeys = TestRsaKeys.generate();

    final KeyPair alipayKeys = TestRsaKeys.generate();

    final KeyPair appKeys = TestRsaKeys.generate();

    final X509Certificate root;

    final X509Certificate ecRoot;

    final String sm2RootPem;

    final X509Certificate ca;

    final X509Certificate alipay;

    final X509Certificate app;

    TestPki() {
        Instant now = Instant.now();
        this.root = certificate(ROOT_NAME, this.rootKeys.getPublic(), ROOT_NAME, this.rootKeys.getPrivate(), true,
                now.minus(Duration.ofDays(400)), now.plus(Duration.ofDays(3650)));
        KeyPair ec = ecKeys();
        this.ecRoot = certificate("C=CN,O=Test Financial,CN=Test Certification Authority E1", ec.getPublic(),
                "C=CN,O=Test Financial,CN=Test Certification Authority E1", ec.getPrivate(), true,
                now.minus(Duration.ofDays(400)), now.plus(Duration.ofDays(3650)));
        this.sm2RootPem = pem(sm2Like(now));
        this.ca = certificate(CA_NAME, this.caKeys.getPublic(), ROOT_NAME, this.rootKeys.getPrivate(), false,
                now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(1800)));
        this.alipay = alipayCertificate(this.alipayKeys.getPublic(), now.minus(Duration.ofDays(10)),
                now.plus(Duration.ofDays(365)));
        this.app = appCertificate(this.appKeys.getPublic(), now.minus(Duration.ofDays(10)),
                now.plus(Duration.ofDays(365)));
    }

    /** {@code appCertPublicKey_<appid>.crt}. */
    String appCertPem() {
        return pem(this.app);
    }

    /** {@code alipayCertPublicKey_RSA2.crt}: Alipay's certificate, then the CA that issued it. */
    String alipayCertPem() {
        return pem(this.alipay) + pem(this.ca);
    }

    /** {@code alipayRootCert.crt}: an SM2 certificate first, as Alipay's, then the RSA and EC roots. */
    String rootBundlePem() {
        return this.sm2RootPem + pem(this.root) + pem(this.ecRoot);
    }

    String appPrivateKey() {
        return TestRsaKeys.pkcs8Base64(this.appKeys);
    }

    /** The builder of an application in certificate mode with these certificates. */
    AliPayConfig.Builder config() {
        return AliPayConfig.builder().appId("2021000000000001").privateKey(appPrivateKey()).appCert(appCertPem())
            .alipayCert(alipayCertPem()).alipayRootCert(rootBundlePem());
    }

    X509Certificate alipayCertificate(PublicKey key, Instant from, Instant to) {
        return certificate("C=CN,O=Test Merchant,OU=Alipay,CN=支付宝(中国)网络技术有限公司-2088000000000001", key, CA_NAME,
                this.caKeys.getPrivate(), false, from, to);
    }

    X509Certificate appCertificate(PublicKey key, Instant from, Instant to) {
        return certificate("C=CN,O=Test Merchant,OU=Alipay,CN=2088000000000001-2021000000000001", key, CA_NAME,
                this.caKeys.getPrivate(), false, from, to);
    }

    /** A certificate signed with SHA256withRSA (or SHA384withECDSA by an EC key). */
    static X509Certificate certificate(String subject, PublicKey key, String issuer, PrivateKey issuerKey,
            boolean ca, Instant from, Instant to) {
        boolean ec = "EC".equals(issuerKey.getAlgorithm());
        AlgorithmIdentifier algorithm = ec ? new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA384)
                : new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
        TBSCertificate tbs = tbs(subject, SubjectPublicKeyInfo.getInstance(key.getEncoded()), issuer, algorithm, ca,
                from, to);
        try {
            Signature signature = Signature.getInstance(ec ? "SHA384withECDSA" : "SHA256withRSA");
            signature.initSign(issuerKey);
            signature.update(tbs.getEncoded(ASN1Encoding.DER));
            return assemble(tbs, algorithm, signature.sign());
        }
        catch (GeneralSecurityException | IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String pem(X509Certificate... certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                pem.append(pem(certificate.getEncoded()));
            }
            catch (GeneralSecurityException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return pem.toString();
    }

    static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    private static TBSCertificate tbs(String subject, SubjectPublicKeyInfo key, String issuer,
            AlgorithmIdentifier algorithm, boolean ca, Instant from, Instant to) {
        V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
        generator.setSerialNumber(new ASN1Integer(BigInteger.valueOf(SERIALS.incrementAndGet())));
        generator.setIssuer(new X500Name(issuer));
        generator.setSubject(new X500Name(subject));
        generator.setStartDate(new Time(Date.from(from)));
        generator.setEndDate(new Time(Date.from(to)));
        generator.setSubjectPublicKeyInfo(key);
        generator.setSignature(algorithm);
        if (ca) {
            try {
                generator.setExtensions(new Extensions(new Extension(Extension.basicConstraints, true,
                        new BasicConstraints(true).getEncoded())));
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return generator.generateTBSCertificate();
    }

    private static X509Certificate assemble(TBSCertificate tbs, AlgorithmIdentifier algorithm, byte[] signature)
            throws IOException, GeneralSecurityException {
        ASN1EncodableVector certificate = new ASN1EncodableVector();
        certificate.add(tbs);
        certificate.add(algorithm);
        certificate.add(new DERBitString(signature));
        byte[] der = new DERSequence(certificate).getEncoded(ASN1Encoding.DER);
        return (X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(der));
    }

    /** A self-issued certificate of an SM2 key, "signed" SM2-with-SM3: BouncyCastle reads it, the JDK does not. */
    private static byte[] sm2Like(Instant now) {
        byte[] point = new byte[65];
        new SecureRandom().nextBytes(point);
        point[0] = 4;
        SubjectPublicKeyInfo key = new SubjectPublicKeyInfo(new AlgorithmIdentifier(
                X9ObjectIdentifiers.id_ecPublicKey, SM2_CURVE), point);
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(SM2_WITH_SM3);
        String name = "C=CN,O=NRCAC,CN=ROOTCA";
        TBSCertificate tbs = tbs(name, key, name, algorithm, true, now.minus(Duration.ofDays(400)),
                now.plus(Duration.ofDays(3650)));
        byte[] signature = new byte[72];
        new SecureRandom().nextBytes(signature);
        ASN1EncodableVector certificate = new ASN1EncodableVector();
        certificate.add(tbs);
        certificate.add(algorithm);
        certificate.add(new DERBitString(signature));
        try {
            return new DERSequence(certificate).getEncoded(ASN1Encoding.DER);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp384r1"));
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
