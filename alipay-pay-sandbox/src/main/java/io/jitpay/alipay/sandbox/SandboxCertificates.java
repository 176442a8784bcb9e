package io.jitpay.alipay.sandbox;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * The certificates of a sandbox in certificate mode (公钥证书), a public-key infrastructure shaped like Alipay's: a
 * root bundle (an RSA root, an EC root and a second RSA root, so the root SN joins two SNs and skips one, as the real
 * bundle's does), a CA under the first root, and the two leaves it issues: the application's certificate, of the key
 * pair the sandbox hands to tests, and Alipay's, of the key the sandbox signs with. All RSA keys are 2048 bits, as
 * Alipay's.
 *
 * <pre>
 * AliPaySandbox sandbox = AliPaySandbox.builder().certificateMode().start();
 * SandboxCertificates certificates = sandbox.certificates();
 * AliPayConfig config = AliPayConfig.builder().appId(sandbox.appId()).privateKey(sandbox.appPrivateKey())
 *     .appCert(certificates.appCertPem()).alipayCert(certificates.alipayCertPem())
 *     .alipayRootCert(certificates.alipayRootCertPem()).gatewayUrl(sandbox.gatewayUrl()).build();
 * </pre>
 *
 * <p>Every request must carry {@link #appCertSn()} and {@link #alipayRootCertSn()}; every answer carries
 * {@link #alipayCertSn()}. {@link #rotateAlipayCertificate()} plays Alipay renewing its certificate.
 *
 * @since 0.1.0
 */
public final class SandboxCertificates {

    private static final String ROOT = "C=CN,O=JitPay Sandbox,OU=Certification Authority,"
            + "CN=JitPay Sandbox Certification Authority R1";

    private static final String EC_ROOT = "C=CN,O=JitPay Sandbox,OU=Certification Authority,"
            + "CN=JitPay Sandbox Certification Authority E1";

    private static final String SECOND_ROOT = "C=CN,O=JitPay Sandbox Trust,OU=Trust Network,"
            + "CN=JitPay Sandbox Class 2 Root CA - G3";

    private static final String CA = "C=CN,O=JitPay Sandbox,OU=Certification Authority,"
            + "CN=JitPay Sandbox Certification Authority Class 2 R1";

    /** Slack before "now" on every certificate, so that a clock a little behind the sandbox's still accepts them. */
    private static final Duration SLACK = Duration.ofDays(1);

    /** Alipay's certificates last a year. */
    private static final Duration LEAF_LIFE = Duration.ofDays(365);

    private final SandboxKeys keys;

    private final Clock clock;

    private final String sellerId;

    private final KeyPair caKeys;

    private final X509Certificate ca;

    private final List<X509Certificate> roots;

    private final String rootSn;

    private final X509Certificate app;

    private final String appSn;

    /** Every Alipay certificate issued, by SN, as {@code alipay.open.app.alipaycert.download} serves them. */
    private final Map<String, String> alipayPems = new ConcurrentHashMap<>();

    private final List<String> alipaySns = new CopyOnWriteArrayList<>();

    /** Alipay's current certificate: its SN and its file, read together. */
    private volatile Issued alipay;

    private SandboxCertificates(SandboxKeys keys, Clock clock, String appId, String sellerId) {
        this.keys = keys;
        this.clock = clock;
        this.sellerId = sellerId;
        Instant now = clock.instant();
        KeyPair rootKeys = TestRsaKeys.generate();
        KeyPair secondRootKeys = TestRsaKeys.generate();
        KeyPair ecRootKeys = ecKeys();
        this.caKeys = TestRsaKeys.generate();
        Instant rootsFrom = now.minus(Duration.ofDays(3650));
        Instant rootsTo = now.plus(Duration.ofDays(7300));
        this.roots = List.of(
                CertificateIssuer.issue(ROOT, rootKeys.getPublic(), ROOT, rootKeys, true, rootsFrom, rootsTo),
                CertificateIssuer.issue(EC_ROOT, ecRootKeys.getPublic(), EC_ROOT, ecRootKeys, true, rootsFrom,
                        rootsTo),
                CertificateIssuer.issue(SECOND_ROOT, secondRootKeys.getPublic(), SECOND_ROOT, secondRootKeys, true,
                        rootsFrom, rootsTo));
        this.rootSn = CertSn.ofRoots(this.roots);
        this.ca = CertificateIssuer.issue(CA, this.caKeys.getPublic(), ROOT, rootKeys, true,
                now.minus(Duration.ofDays(365)), now.plus(Duration.ofDays(3650)));
        this.app = CertificateIssuer.issue(subject(sellerId + "-" + appId), keys.appKeyPair().getPublic(), CA,
                this.caKeys, false, now.minus(SLACK), now.plus(LEAF_LIFE));
        this.appSn = CertSn.of(this.app);
        this.alipay = issueAlipayCertificate(keys.alipayKeyPair());
    }

    /**
     * Issues the certificates of a sandbox's keys and makes the sandbox sign with Alipay's certificate's SN.
     * @param keys     the sandbox's keys: the app's, and the "Alipay" key the first Alipay certificate certifies
     * @param clock    the sandbox's clock: certificates are valid from a day before its time
     * @param appId    the app id, named in the application's certificate as Alipay names it
     * @param sellerId the seller id, named in both leaves
     */
    static SandboxCertificates issue(SandboxKeys keys, Clock clock, String appId, String sellerId) {
        return new SandboxCertificates(keys, clock, appId, sellerId);
    }

    /** {@return the application's certificate, {@code appCertPublicKey_<appid>.crt} (PEM)} */
    public String appCertPem() {
        return CertificateIssuer.pem(this.app);
    }

    /**
     * Alipay's current certificate as Alipay's {@code alipayCertPublicKey_RSA2.crt} holds it: the certificate, then
     * the CA that issued it.
     * @return the PEM text
     */
    public String alipayCertPem() {
        return this.alipay.pem();
    }

    /** {@return the root bundle, {@code alipayRootCert.crt}: an RSA root, an EC root and a second RSA root (PEM)} */
    public String alipayRootCertPem() {
        return CertificateIssuer.pem(this.roots.toArray(X509Certificate[]::new));
    }

    /** {@return the SN every request must carry as {@code app_cert_sn}} */
    public String appCertSn() {
        return this.appSn;
    }

    /** {@return the SN every request must carry as {@code alipay_root_cert_sn}: two SNs joined with {@code _}} */
    public String alipayRootCertSn() {
        return this.rootSn;
    }

    /** {@return the SN of Alipay's current certificate, which every answer carries as {@code alipay_cert_sn}} */
    public String alipayCertSn() {
        return this.alipay.sn();
    }

    /**
     * Plays Alipay renewing its certificate: a new key pair and a certificate for it, with a new serial number, from
     * the same CA. Answers and notifications are signed with the new key from now on, and answers carry the new SN;
     * {@code alipay.open.app.alipaycert.download} serves the new certificate and still every earlier one.
     * @return the new certificate's SN
     */
    public synchronized String rotateAlipayCertificate() {
        this.alipay = issueAlipayCertificate(TestRsaKeys.generate());
        return this.alipay.sn();
    }

    /**
     * Every Alipay certificate issued so far, the first one first.
     * @return their SNs
     */
    public List<String> alipayCertSns() {
        return List.copyOf(this.alipaySns);
    }

    /**
     * Alipay's certificate with an SN, as {@code alipay.open.app.alipaycert.download} serves it.
     * @return the PEM text (the certificate, then its CA), or {@code null} when no such certificate was issued
     */
    @Nullable String alipayCertPem(String sn) {
        return this.alipayPems.get(sn);
    }

    /**
     * Why a request's certificate SNs are refused, as the gateway checks them before the signature: Alipay finds the
     * application's certificate, whose key verifies the signature, by {@code app_cert_sn}.
     * @param params the request's parameters
     * @return the {@code sub_code}, or {@code null} when both SNs are right
     */
    @Nullable String refusal(Map<String, String> params) {
        String appCertSn = params.get("app_cert_sn");
        if (appCertSn == null || appCertSn.isEmpty()) {
            return "isv.missing-app-cert-sn";
        }
        if (!appCertSn.equals(this.appSn)) {
            return "isv.app-cert-not-exist";
        }
        String rootCertSn = params.get("alipay_root_cert_sn");
        if (rootCertSn == null || rootCertSn.isEmpty()) {
            return "isv.missing-alipay-root-cert-sn";
        }
        return rootCertSn.equals(this.rootSn) ? null : "isv.invalid-alipay-root-cert-sn";
    }

    @Override
    public String toString() {
        return "SandboxCertificates[appCertSn=" + this.appSn + ", alipayCertSn=" + this.alipay.sn()
                + ", alipayRootCertSn=" + this.rootSn + "]";
    }

    /** Issues Alipay's certificate for a key pair, keeps it for download, and signs with that key from now on. */
    private Issued issueAlipayCertificate(KeyPair pair) {
        Instant now = this.clock.instant();
        X509Certificate alipay = CertificateIssuer.issue(subject("支付宝(中国)网络技术有限公司-" + this.sellerId),
                pair.getPublic(), CA, this.caKeys, false, now.minus(SLACK), now.plus(LEAF_LIFE));
        Issued issued = new Issued(CertSn.of(alipay), CertificateIssuer.pem(alipay, this.ca));
        // Downloadable before any answer names it.
        this.alipayPems.put(issued.sn(), issued.pem());
        this.alipaySns.add(issued.sn());
        this.keys.useAlipayKey(pair, issued.sn());
        return issued;
    }

    /** A leaf's name, shaped like those Alipay issues: the seller's account, {@code OU=Alipay}, then who. */
    private String subject(String commonName) {
        return "C=CN,O=" + this.sellerId + "@sandbox.jitpay.io,OU=Alipay,CN=" + commonName;
    }

    /**
     * An Alipay certificate as issued.
     * @param sn  its SN
     * @param pem the certificate, then the CA that issued it
     */
    private record Issued(String sn, String pem) {
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp384r1"));
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("This JVM cannot make EC keys", ex);
        }
    }
}
