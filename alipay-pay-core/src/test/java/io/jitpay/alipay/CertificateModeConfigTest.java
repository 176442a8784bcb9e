package io.jitpay.alipay;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import ch.qos.logback.classic.Level;
import com.alipay.api.internal.util.AntCertificationUtil;
import org.junit.jupiter.api.Test;

import io.jitpay.alipay.sandbox.TestRsaKeys;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Certificate mode (公钥证书) at configuration time: the serial numbers, against real Alipay certificates and the SDK's
 * own computation, and every mistake with the three files refused at start with its own message.
 */
class CertificateModeConfigTest {

    private static final TestPki PKI = new TestPki();

    private static final String VECTORS = "yansongda-pay/";

    // The serial numbers, from the real certificates and from the SDK.

    @Test
    void serialNumbersOfRealAlipayCertificatesAreTheSdksAndAnIndependentImplementations() {
        X509Certificate app = single(AlipayVectors.text(VECTORS + "alipayAppPublicCert.crt"));
        assertThat(PemCertificates.sn(app)).isEqualTo("e90dd23a37c5c7b616e003970817ff82");
        List<X509Certificate> alipay = PemCertificates.parse(AlipayVectors.text(VECTORS + "alipayPublicCert.crt"))
            .certificates();
        assertThat(alipay).hasSize(2);
        assertThat(PemCertificates.sn(PemCertificates.leaf(alipay))).isEqualTo("6f1e366a31d9575cd546914add04f4af");
    }

    @Test
    void rootSnOfTheRealBundleSkipsItsSm2CertificateAndCountsOnlyRsaSignedRoots() {
        PemCertificates.Parsed roots = PemCertificates.parse(AlipayVectors.text(VECTORS + "alipayRootCert.crt"));
        assertThat(roots.unreadable()).as("the SM2 root the JDK cannot read").isEqualTo(1);
        assertThat(roots.certificates()).hasSize(3);
        assertThat(PemCertificates.rootSn(roots.certificates()))
            .isEqualTo("687b59193f3f462dd5336e5abf83c5d8_02941eef3187dddf3d3b83462e1dfcf6");
        // The same bundle as the official Node SDK ships it.
        assertThat(PemCertificates.rootSn(PemCertificates.parse(
                AlipayVectors.text("alipay-sdk-nodejs-all/alipayRootCert.crt")).certificates()))
            .isEqualTo("687b59193f3f462dd5336e5abf83c5d8_02941eef3187dddf3d3b83462e1dfcf6");
    }

    @Test
    void leafOfTheRealAlipayBundleIsFoundInAnyOrder() {
        List<X509Certificate> alipay = PemCertificates.parse(AlipayVectors.text(VECTORS + "alipayPublicCert.crt"))
            .certificates();
        assertThat(PemCertificates.leaf(List.of(alipay.get(1), alipay.get(0)))).isSameAs(alipay.get(0));
    }

    @Test
    void serialNumbersAreTheOnesTheSdkComputesForTheSameCertificates() throws Exception {
        AliPayCertificates certificates = PKI.config().build().certificates();
        assertThat(certificates).isNotNull();
        assertThat(certificates.appCertSn())
            .isEqualTo(AntCertificationUtil.getCertSN(AntCertificationUtil.getCertFromContent(PKI.appCertPem())));
        assertThat(certificates.alipayCertSn())
            .isEqualTo(AntCertificationUtil.getCertSN(AntCertificationUtil.getCertFromContent(PKI.alipayCertPem())));
        assertThat(certificates.alipayRootCertSn())
            .isEqualTo(AntCertificationUtil.getRootCertSN(PKI.rootBundlePem()))
            .isEqualTo(PemCertificates.sn(PKI.root)).matches("[0-9a-f]{32}");
    }

    @Test
    void snOfAShortDigestIsPaddedTo32Characters() {
        // Find a certificate whose MD5 starts with a zero nibble: BigInteger would drop it.
        for (int i = 0; i < 200; i++) {
            X509Certificate certificate = TestPki.certificate("C=CN,CN=padding " + i, PKI.appKeys.getPublic(),
                    TestPki.CA_NAME, PKI.caKeys.getPrivate(), false, Instant.now(), Instant.now().plusSeconds(60));
            String sn = PemCertificates.sn(certificate);
            if (sn.startsWith("0")) {
                assertThat(sn).hasSize(32);
                return;
            }
        }
        throw new AssertionError("no SN with a leading zero in 200 certificates");
    }

    // Certificate mode as configured.

    @Test
    void theThreeCertificatesSelectCertificateModeAndTheAlipayCertificatesKeyVerifies() {
        AliPayConfig config = PKI.config().build();
        assertThat(config.certificates()).isNotNull();
        assertThat(config.publicKey()).isEqualTo(PKI.alipayKeys.getPublic());
        assertThat(config.certificates().alipayCertificate()).isEqualTo(PKI.alipay);
        assertThat(config.certificates().appCertificate()).isEqualTo(PKI.app);
        assertThat(config.certificates().alipayCertificates()).containsOnlyKeys(config.certificates().alipayCertSn());
        assertThat(AliPayConfig.builder().appId("1").privateKey(PKI.appPrivateKey())
            .publicKey(TestRsaKeys.x509Base64(PKI.alipayKeys)).build().certificates()).isNull();
    }

    @Test
    void certificatesPastedWithQuotesAndLiteralLineBreaksAreRead() {
        AliPayConfig config = PKI.config().appCert("\"" + PKI.appCertPem().replace("\n", "\\n") + "\"")
            .alipayCert(PKI.alipayCertPem().replace("\n", "\r\n")).build();
        assertThat(config.certificates().appCertificate()).isEqualTo(PKI.app);
    }

    @Test
    void toStringShowsTheSerialNumbersAndNoKey() {
        AliPayConfig config = PKI.config().build();
        assertThat(config.toString()).contains("privateKey=******", "appCertSn=" + config.certificates().appCertSn(),
                "alipayRootCertSn=" + config.certificates().alipayRootCertSn())
            .doesNotContain(PKI.appPrivateKey().substring(30, 60));
    }

    // The modes exclude each other.

    @Test
    void publicKeyTogetherWithCertificatesIsRefusedNamingBoth() {
        assertConfigError(PKI.config().publicKey(TestRsaKeys.x509Base64(PKI.alipayKeys)), "publicKey",
                "publicKey is set together with appCert, alipayCert, alipayRootCert of certificate mode",
                "use one mode: key mode (公钥): publicKey alone");
        assertConfigError(AliPayConfig.builder().appId("1").privateKey(PKI.appPrivateKey())
            .publicKey(TestRsaKeys.x509Base64(PKI.alipayKeys)).alipayCert(PKI.alipayCertPem()), "publicKey",
                "publicKey is set together with alipayCert of certificate mode", "certificate mode (公钥证书)");
    }

    @Test
    void someOfTheCertificatesOnlyAreRefusedNamingTheMissingOne() {
        assertConfigError(PKI.config().alipayRootCert(null), "alipayRootCert",
                "alipayRootCert is empty, but appCert, alipayCert are set", "certificate mode needs all three");
        assertConfigError(PKI.config().appCert(" ").alipayCert(""), "appCert",
                "appCert is empty, but alipayRootCert is set", "alipayCert (alipayCertPublicKey_RSA2.crt)");
    }

    @Test
    void neitherModeIsRefusedNamingBoth() {
        assertConfigError(AliPayConfig.builder().appId("1").privateKey(PKI.appPrivateKey()), "publicKey",
                "publicKey is empty", "appCert, alipayCert and alipayRootCert, without publicKey");
    }

    // Fail fast: every mistake with the files.

    @Test
    void appCertificateOfAnotherKeyIsRefused() {
        KeyPair other = TestRsaKeys.generate();
        assertConfigError(PKI.config().privateKey(TestRsaKeys.pkcs8Base64(other)), "appCert",
                "appCert does not match privateKey", "appCertPublicKey_<appid>.crt issued for this private key");
    }

    @Test
    void swappedAppAndAlipayCertificatesAreRefusedAsSwapped() {
        assertConfigError(PKI.config().appCert(PKI.alipayCertPem()).alipayCert(PKI.appCertPem()), "appCert",
                "appCert holds Alipay's certificate while alipayCert holds yours: the files are swapped",
                "put appCertPublicKey_<appid>.crt in appCert and alipayCertPublicKey_RSA2.crt in alipayCert");
    }

    @Test
    void applicationCertificateInTheAlipaySlotIsRefused() {
        assertConfigError(PKI.config().alipayCert(PKI.appCertPem()), "alipayCert",
                "alipayCert holds your application's certificate, not Alipay's", "alipayCertPublicKey_RSA2.crt");
    }

    @Test
    void rootBundleInACertificateSlotIsRefused() {
        assertConfigError(PKI.config().appCert(PKI.rootBundlePem()), "appCert", "appCert holds a root certificate",
                "alipayRootCert.crt belongs in alipayRootCert");
        assertConfigError(PKI.config().alipayCert(TestPki.pem(PKI.root)), "alipayCert",
                "alipayCert holds a root certificate", "alipayRootCert.crt belongs in alipayRootCert");
    }

    @Test
    void rootBundleWithoutAnRsaCertificateIsRefused() {
        assertConfigError(PKI.config().alipayRootCert(PKI.sm2RootPem + TestPki.pem(PKI.ecRoot)), "alipayRootCert",
                "alipayRootCert has no RSA certificate", "Alipay's whole root bundle alipayRootCert.crt");
    }

    @Test
    void anotherFileInTheRootSlotIsRefused() {
        assertConfigError(PKI.config().alipayRootCert(PKI.alipayCertPem()), "alipayRootCert",
                "alipayRootCert holds no root certificate", "alipayRootCert.crt");
    }

    @Test
    void expiredApplicationCertificateStopsStartUp() {
        X509Certificate expired = PKI.appCertificate(PKI.appKeys.getPublic(), Instant.now().minus(Duration.ofDays(400)),
                Instant.now().minus(Duration.ofDays(1)));
        PayException ex = assertConfigError(PKI.config().appCert(TestPki.pem(expired)), "appCert",
                "appCert expired on " + expired.getNotAfter().toInstant(), "renew the application's certificate");
        assertThat(ex.code()).isEqualTo(PayErrorCode.CONFIG_ERROR);
    }

    @Test
    void expiredAlipayCertificateStopsStartUp() {
        X509Certificate expired = PKI.alipayCertificate(PKI.alipayKeys.getPublic(),
                Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofMinutes(1)));
        assertConfigError(PKI.config().alipayCert(TestPki.pem(expired, PKI.ca)), "alipayCert",
                "alipayCert expired on " + expired.getNotAfter().toInstant(),
                "download the current alipayCertPublicKey_RSA2.crt");
    }

    @Test
    void certificatesExpiringWithin30DaysStartWithAWarningNamingTheFieldAndTheFix() {
        X509Certificate app = PKI.appCertificate(PKI.appKeys.getPublic(), Instant.now().minus(Duration.ofDays(300)),
                Instant.now().plus(Duration.ofDays(10)));
        X509Certificate alipay = PKI.alipayCertificate(PKI.alipayKeys.getPublic(),
                Instant.now().minus(Duration.ofDays(300)), Instant.now().plus(Duration.ofDays(29)));
        try (CapturedLogs logs = CapturedLogs.of(AliPayCertificates.class)) {
            PKI.config().name("shopB").appCert(TestPki.pem(app)).alipayCert(TestPki.pem(alipay, PKI.ca)).build();
            assertThat(logs.at(Level.WARN)).hasSize(2).anySatisfy((line) -> assertThat(line)
                .startsWith("appCert of pays.shopB expires on " + app.getNotAfter().toInstant() + ", in 9 days")
                .contains("renew the application's certificate")).anySatisfy((line) -> assertThat(line)
                    .startsWith("alipayCert of pays.shopB expires on " + alipay.getNotAfter().toInstant())
                    .contains("download the current alipayCertPublicKey_RSA2.crt"));
        }
        try (CapturedLogs logs = CapturedLogs.of(AliPayCertificates.class)) {
            PKI.config().build();
            assertThat(logs.at(Level.WARN)).isEmpty();
        }
    }

    @Test
    void privateKeyOrPublicKeyInACertificateSlotIsRefusedWithoutRepeatingIt() {
        String privatePem = TestRsaKeys.pem("PRIVATE KEY", PKI.appKeys.getPrivate().getEncoded(), "\n");
        PayException ex = assertConfigError(PKI.config().appCert(privatePem), "appCert", "appCert holds a private key",
                "the private key belongs in privateKey only");
        assertThat(ex.getMessage()).doesNotContain(privatePem.substring(40, 80));
        assertConfigError(PKI.config().alipayCert(TestRsaKeys.pem("PUBLIC KEY",
                PKI.alipayKeys.getPublic().getEncoded(), "\n")), "alipayCert",
                "alipayCert holds a public key, not a certificate", "or set publicKey alone for key mode (公钥)");
    }

    @Test
    void unreadableCertificatesAreRefused() {
        assertConfigError(PKI.config().appCert("hello"), "appCert", "appCert is not a PEM certificate",
                "from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----");
        assertConfigError(PKI.config().alipayCert(PKI.sm2RootPem), "alipayCert",
                "alipayCert holds a certificate the JDK cannot read (an SM2 certificate?)", "RSA2");
    }

    @Test
    void alipayCertificateOfANonRsaKeyIsRefused() {
        X509Certificate ec = TestPki.certificate("C=CN,CN=ec", PKI.ecRoot.getPublicKey(), TestPki.CA_NAME,
                PKI.caKeys.getPrivate(), false, Instant.now().minusSeconds(60), Instant.now().plusSeconds(86400 * 90L));
        assertConfigError(PKI.config().alipayCert(TestPki.pem(ec)), "alipayCert",
                "alipayCert does not certify a 2048-bit RSA key", "RSA2");
    }

    private static X509Certificate single(String pem) {
        List<X509Certificate> certificates = PemCertificates.parse(pem).certificates();
        assertThat(certificates).hasSize(1);
        return certificates.get(0);
    }

    private static PayException assertConfigError(AliPayConfig.Builder builder, String field, String problem,
            String fix) {
        PayException ex = assertThatExceptionOfType(PayException.class).isThrownBy(builder::build).actual();
        assertThat(ex.code()).isEqualTo(PayErrorCode.CONFIG_ERROR);
        assertThat(ex.configField()).isEqualTo(field);
        assertThat(ex.getMessage()).contains(problem);
        assertThat(ex.fix()).contains(fix);
        return ex;
    }
}
