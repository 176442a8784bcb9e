package io.jitpay.alipay;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jitpay.pay.PayException;

/**
 * The certificates of an application in certificate mode (公钥证书): the application's public-key certificate
 * ({@code appCertPublicKey_<appid>.crt}), Alipay's ({@code alipayCertPublicKey_RSA2.crt}, which may hold the CA that
 * issued it too) and Alipay's root bundle ({@code alipayRootCert.crt}). Read once, with the JDK alone, and checked at
 * start: each mistake an operator can make with the three files stops start-up naming the field and the fix.
 *
 * <p>Requests carry {@link #appCertSn()} and {@link #alipayRootCertSn()}; answers carry the {@code alipay_cert_sn} of
 * the certificate whose key signed them. The configured Alipay certificate is trusted as configured. When Alipay
 * rotates its certificate, answers name a new SN: its certificate is downloaded once, accepted only if it chains to the
 * root bundle and is within its validity, and kept here by SN for the life of the instance, for answers and
 * notifications alike. Everything else here is immutable.
 *
 * @since 0.1.0
 */
public final class AliPayCertificates {

    /** A certificate expiring sooner than this is reported with a WARN at start. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private static final Logger logger = LoggerFactory.getLogger(AliPayCertificates.class);

    private static final String APP_FILE = "appCertPublicKey_<appid>.crt";

    private static final String ALIPAY_FILE = "alipayCertPublicKey_RSA2.crt";

    private static final String ROOT_FILE = "alipayRootCert.crt";

    private final X509Certificate appCertificate;

    private final String appCertSn;

    private final X509Certificate alipayCertificate;

    private final String alipayCertSn;

    /** The rest of the configured Alipay bundle: the CA that issued Alipay's certificate, for rotated ones too. */
    private final List<X509Certificate> alipayIssuers;

    private final List<X509Certificate> roots;

    private final String alipayRootCertSn;

    private final String owner;

    private final Map<String, X509Certificate> rotated = new ConcurrentHashMap<>();

    private AliPayCertificates(X509Certificate appCertificate, List<X509Certificate> alipayBundle,
            X509Certificate alipayCertificate, List<X509Certificate> roots, String alipayRootCertSn, String owner) {
        this.appCertificate = appCertificate;
        this.appCertSn = PemCertificates.sn(appCertificate);
        this.alipayCertificate = alipayCertificate;
        this.alipayCertSn = PemCertificates.sn(alipayCertificate);
        this.alipayIssuers = alipayBundle.stream().filter((c) -> c != alipayCertificate).toList();
        this.roots = roots;
        this.alipayRootCertSn = alipayRootCertSn;
        this.owner = owner;
    }

    /**
     * Reads and checks the three certificates of an application.
     * @param appCert        the application's certificate, PEM
     * @param alipayCert     Alipay's certificate, PEM, possibly followed by its issuer
     * @param alipayRootCert Alipay's root bundle, PEM
     * @param privateKey     the application's private key, which the application's certificate must certify
     * @param owner          the instance's full name, for the logs
     * @param now            the time the validity is checked at
     * @throws PayException {@link io.jitpay.pay.PayErrorCode#CONFIG_ERROR} naming the field and the fix
     */
    static AliPayCertificates of(String appCert, String alipayCert, String alipayRootCert, PrivateKey privateKey,
            String owner, Instant now) {
        List<X509Certificate> appBundle = read(appCert, "appCert", APP_FILE);
        List<X509Certificate> alipayBundle = read(alipayCert, "alipayCert", ALIPAY_FILE);
        List<X509Certificate> roots = read(alipayRootCert, "alipayRootCert", ROOT_FILE);
        String rootSn = PemCertificates.rootSn(roots);
        if (rootSn == null) {
            throw PayException.config("alipayRootCert", "has no RSA certificate, so no alipay_root_cert_sn can be "
                    + "made", "put Alipay's whole root bundle " + ROOT_FILE + " there, as downloaded from the console");
        }
        if (roots.stream().noneMatch(PemCertificates::isSelfIssued)) {
            throw PayException.config("alipayRootCert", "holds no root certificate (it looks like another of the "
                    + "three files)", "put Alipay's root bundle " + ROOT_FILE + " there");
        }
        X509Certificate app = PemCertificates.leaf(appBundle);
        X509Certificate alipay = PemCertificates.leaf(alipayBundle);
        checkKeys(app, alipay, privateKey);
        checkValidity("appCert", app, owner, now, "renew the application's certificate in the Alipay open platform "
                + "console and put the new " + APP_FILE + " there (and the new private key, if you made one)");
        checkValidity("alipayCert", alipay, owner, now, "download the current " + ALIPAY_FILE + " from the Alipay "
                + "open platform console and put it there");
        return new AliPayCertificates(app, alipayBundle, alipay, roots, rootSn, owner);
    }

    /**
     * The SN of the application's certificate, sent as {@code app_cert_sn}.
     * @return 32 lowercase hex digits
     */
    public String appCertSn() {
        return this.appCertSn;
    }

    /**
     * The SN of Alipay's root bundle, sent as {@code alipay_root_cert_sn}.
     * @return the SNs of its RSA certificates joined with {@code _}
     */
    public String alipayRootCertSn() {
        return this.alipayRootCertSn;
    }

    /**
     * The SN of the configured Alipay certificate, which answers signed with its key carry as {@code alipay_cert_sn}.
     * @return 32 lowercase hex digits
     */
    public String alipayCertSn() {
        return this.alipayCertSn;
    }

    /**
     * The application's public-key certificate.
     * @return the certificate
     */
    public X509Certificate appCertificate() {
        return this.appCertificate;
    }

    /**
     * The configured Alipay public-key certificate.
     * @return the certificate
     */
    public X509Certificate alipayCertificate() {
        return this.alipayCertificate;
    }

    /**
     * Alipay's certificates this instance trusts, by SN: the configured one, then those learned since start.
     * @return an unmodifiable copy
     */
    public Map<String, X509Certificate> alipayCertificates() {
        Map<String, X509Certificate> all = new LinkedHashMap<>();
        all.put(this.alipayCertSn, this.alipayCertificate);
        all.putAll(this.rotated);
        return Collections.unmodifiableMap(all);
    }

    /** The key of Alipay's certificate with an SN, if it is trusted. */
    @Nullable PublicKey alipayKey(String sn) {
        if (this.alipayCertSn.equals(sn)) {
            return this.alipayCertificate.getPublicKey();
        }
        X509Certificate learned = this.rotated.get(sn);
        return (learned != null) ? learned.getPublicKey() : null;
    }

    /** The keys of every trusted Alipay certificate, the configured one first: notifications name none. */
    List<PublicKey> alipayKeys() {
        List<PublicKey> keys = new ArrayList<>(1 + this.rotated.size());
        keys.add(this.alipayCertificate.getPublicKey());
        this.rotated.values().forEach((certificate) -> keys.add(certificate.getPublicKey()));
        return keys;
    }

    /**
     * Trusts a certificate Alipay sent for an SN ({@code alipay_cert_content} of
     * {@code alipay.open.app.alipaycert.download}): only if its SN is the one asked for, its key is RSA, and it chains
     * to the root bundle, through the CAs it came with or the configured one, within its validity.
     * @param sn      the SN asked for
     * @param content the base64 of the certificate's PEM text (or of its DER)
     * @param now     the time the validity is checked at
     * @throws CertificateException why it is not trusted
     */
    void learn(String sn, String content, Instant now) throws CertificateException {
        byte[] decoded;
        try {
            decoded = Base64.getMimeDecoder().decode(content);
        }
        catch (IllegalArgumentException ex) {
            throw new CertificateException("its content is not base64");
        }
        String text = new String(decoded, StandardCharsets.US_ASCII);
        List<X509Certificate> bundle = PemCertificates.parse(text.contains("-----BEGIN") ? text : content)
            .certificates();
        if (bundle.isEmpty()) {
            throw new CertificateException("its content holds no certificate the JDK can read");
        }
        X509Certificate leaf = PemCertificates.leaf(bundle);
        String leafSn = PemCertificates.sn(leaf);
        if (!leafSn.equals(sn)) {
            throw new CertificateException("the certificate sent has the SN " + leafSn);
        }
        if (!(leaf.getPublicKey() instanceof RSAKey)) {
            throw new CertificateException("its key is not an RSA key");
        }
        List<X509Certificate> issuers = new ArrayList<>(bundle);
        issuers.remove(leaf);
        issuers.addAll(this.alipayIssuers);
        String why = PemCertificates.whyNotChained(leaf, issuers, this.roots, now);
        if (why != null) {
            throw new CertificateException("it does not chain to alipayRootCert: " + why);
        }
        this.rotated.put(sn, leaf);
        logger.info("{} trusts Alipay's certificate {} from now on: Alipay signs with it, it chains to alipayRootCert "
                + "and is valid until {}; put it in alipayCert at the next deployment", this.owner, sn,
                leaf.getNotAfter().toInstant());
    }

    @Override
    public String toString() {
        return "AliPayCertificates[appCertSn=" + this.appCertSn + ", alipayCertSn=" + this.alipayCertSn
                + ", alipayRootCertSn=" + this.alipayRootCertSn + ", learned=" + this.rotated.keySet() + "]";
    }

    private static List<X509Certificate> read(String text, String field, String file) {
        PemCertificates.Parsed parsed = PemCertificates.parse(RsaKeys.unpaste(text));
        if (parsed.otherBlocks().stream().anyMatch((type) -> type.contains("PRIVATE KEY"))) {
            throw PayException.config(field, "holds a private key", "put the certificate " + file + " there; the "
                    + "private key belongs in privateKey only, and never in a certificate file");
        }
        if (parsed.certificates().isEmpty()) {
            if (parsed.otherBlocks().stream().anyMatch((type) -> type.contains("PUBLIC KEY"))) {
                throw PayException.config(field, "holds a public key, not a certificate", "put " + file + " there "
                        + "for certificate mode (公钥证书), or set publicKey alone for key mode (公钥)");
            }
            if (parsed.unreadable() > 0) {
                throw PayException.config(field, "holds a certificate the JDK cannot read (an SM2 certificate?)",
                        "use the RSA2 certificate " + file + " of an application whose signing method is RSA2");
            }
            throw PayException.config(field, "is not a PEM certificate", "put the whole " + file + " there, from "
                    + "-----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----, or its location");
        }
        return parsed.certificates();
    }

    private static void checkKeys(X509Certificate app, X509Certificate alipay, PrivateKey privateKey) {
        boolean appIsOurs = RsaKeys.isPairOf(app.getPublicKey(), privateKey);
        boolean alipayIsOurs = RsaKeys.isPairOf(alipay.getPublicKey(), privateKey);
        if (!appIsOurs && alipayIsOurs) {
            throw PayException.config("appCert", "holds Alipay's certificate while alipayCert holds yours: the files "
                    + "are swapped", "put " + APP_FILE + " in appCert and " + ALIPAY_FILE + " in alipayCert");
        }
        if (PemCertificates.isSelfIssued(app)) {
            throw PayException.config("appCert", "holds a root certificate, not your application's", "put " + APP_FILE
                    + " there; " + ROOT_FILE + " belongs in alipayRootCert");
        }
        if (!appIsOurs) {
            throw PayException.config("appCert", "does not match privateKey: the certificate certifies another key",
                    "put the " + APP_FILE + " issued for this private key there, or the private key it was issued "
                            + "for in privateKey (both from the same application of the console)");
        }
        if (alipayIsOurs) {
            throw PayException.config("alipayCert", "holds your application's certificate, not Alipay's", "put "
                    + "Alipay's certificate " + ALIPAY_FILE + " there, downloaded beside " + APP_FILE);
        }
        if (PemCertificates.isSelfIssued(alipay)) {
            throw PayException.config("alipayCert", "holds a root certificate, not Alipay's", "put " + ALIPAY_FILE
                    + " there; " + ROOT_FILE + " belongs in alipayRootCert");
        }
        if (!(alipay.getPublicKey() instanceof RSAKey rsa) || rsa.getModulus().bitLength() < RsaKeys.MIN_BITS) {
            throw PayException.config("alipayCert", "does not certify a " + RsaKeys.MIN_BITS + "-bit RSA key",
                    "use " + ALIPAY_FILE + " of an application whose signing method is RSA2");
        }
    }

    private static void checkValidity(String field, X509Certificate certificate, String owner, Instant now,
            String fix) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        Instant notBefore = certificate.getNotBefore().toInstant();
        if (!now.isBefore(notAfter)) {
            throw PayException.config(field, "expired on " + notAfter, fix);
        }
        if (now.isBefore(notBefore)) {
            logger.warn("{} of {} is valid only from {}: check this machine's clock", field, owner, notBefore);
        }
        else if (notAfter.isBefore(now.plus(EXPIRY_WARNING))) {
            logger.warn("{} of {} expires on {}, in {} days: {}", field, owner, notAfter,
                    Duration.between(now, notAfter).toDays(), fix);
        }
    }
}
