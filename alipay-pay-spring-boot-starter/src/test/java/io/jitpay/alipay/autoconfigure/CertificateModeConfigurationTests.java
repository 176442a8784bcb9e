package io.jitpay.alipay.autoconfigure;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;

import io.jitpay.alipay.AliPayCertificates;
import io.jitpay.alipay.AliPayConfig;
import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.sandbox.TestRsaKeys;

import static org.assertj.core.api.Assertions.assertThat;

/** Certificate mode (公钥证书) from {@code jitpay.alipay.*} and {@code jitpay.alipay.apps.<name>.*}. */
class CertificateModeConfigurationTests {

    private static final TestCertificates CERTS = new TestCertificates();

    private static final TestCertificates OTHER_CERTS = new TestCertificates();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(BootAutoConfigurations.withJdbc())
        .withPropertyValues("spring.datasource.generate-unique-name=true");

    private final ApplicationContextRunner certificateMode = this.runner.withPropertyValues(
            "jitpay.alipay.app-id=2021000000000001", "jitpay.alipay.private-key=" + CERTS.appPrivateKey(),
            "jitpay.alipay.app-cert=" + CERTS.appCert, "jitpay.alipay.alipay-cert=" + CERTS.alipayCert,
            "jitpay.alipay.alipay-root-cert=" + CERTS.alipayRootCert);

    @Test
    void theThreeCertificatesAsPemTextSelectCertificateMode() {
        this.certificateMode.run((context) -> {
            assertThat(context).hasNotFailed();
            AliPayConfig config = context.getBean(AliPayConfig.class);
            AliPayCertificates certificates = config.certificates();
            assertThat(certificates).isNotNull();
            assertThat(certificates.appCertSn()).matches("[0-9a-f]{32}");
            assertThat(certificates.alipayRootCertSn()).matches("[0-9a-f]{32}");
            assertThat(config.publicKey()).isEqualTo(CERTS.alipayKeys.getPublic());
        });
    }

    @Test
    void theThreeCertificatesAreReadFromClasspathAndFileLocations(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("alipay"));
        Files.writeString(dir.resolve("alipay/appCertPublicKey_2021000000000001.crt"), CERTS.appCert);
        Files.writeString(dir.resolve("alipay/alipayCertPublicKey_RSA2.crt"), CERTS.alipayCert);
        Path root = dir.resolve("alipayRootCert.crt");
        Files.writeString(root, CERTS.alipayRootCert);
        URLClassLoader classLoader = new URLClassLoader(new URL[] { dir.toUri().toURL() },
                getClass().getClassLoader());
        this.runner.withClassLoader(classLoader).withPropertyValues("jitpay.alipay.app-id=2021000000000001",
                "jitpay.alipay.private-key=" + CERTS.appPrivateKey(),
                "jitpay.alipay.app-cert=classpath:alipay/appCertPublicKey_2021000000000001.crt",
                "jitpay.alipay.alipay-cert=classpath:alipay/alipayCertPublicKey_RSA2.crt",
                "jitpay.alipay.alipay-root-cert=file:" + root)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(AliPayConfig.class).publicKey()).isEqualTo(CERTS.alipayKeys.getPublic());
            });
    }

    @Test
    void aMissingCertificateFileStopsStartUpNamingTheProperty() {
        this.certificateMode.withPropertyValues("jitpay.alipay.alipay-root-cert=classpath:alipay/no-such.crt")
            .run(failsWith("jitpay.alipay.alipay-root-cert names the resource 'classpath:alipay/no-such.crt', which "
                    + "does not exist", "Update jitpay.alipay.alipay-root-cert"));
    }

    @Test
    void publicKeyTogetherWithTheCertificatesStopsStartUpNamingBoth() {
        this.certificateMode.withPropertyValues("jitpay.alipay.public-key=" + TestRsaKeys.x509Base64(CERTS.alipayKeys))
            .run(failsWith("jitpay.alipay.public-key is set together with jitpay.alipay.app-cert, "
                    + "jitpay.alipay.alipay-cert, jitpay.alipay.alipay-root-cert of certificate mode",
                    "Update jitpay.alipay.public-key: use one mode: key mode (公钥): jitpay.alipay.public-key alone"));
    }

    @Test
    void someOfTheCertificatesOnlyStopStartUpNamingTheMissingProperty() {
        this.certificateMode.withPropertyValues("jitpay.alipay.alipay-cert=")
            .run(failsWith("jitpay.alipay.alipay-cert is empty, but jitpay.alipay.app-cert, "
                    + "jitpay.alipay.alipay-root-cert are set", "certificate mode needs all three: "
                            + "jitpay.alipay.app-cert (appCertPublicKey_<appid>.crt)"));
    }

    @Test
    void anApplicationCertificateOfAnotherKeyStopsStartUpWithTheFix() {
        this.certificateMode.withPropertyValues("jitpay.alipay.app-cert=" + OTHER_CERTS.appCert)
            .run(failsWith("jitpay.alipay.app-cert does not match jitpay.alipay.private-key",
                    "Update jitpay.alipay.app-cert: put the appCertPublicKey_<appid>.crt issued for this private key "
                            + "there, or the private key it was issued for in jitpay.alipay.private-key"));
    }

    @Test
    void swappedCertificateFilesStopStartUpSayingSo() {
        this.certificateMode.withPropertyValues("jitpay.alipay.app-cert=" + CERTS.alipayCert,
                "jitpay.alipay.alipay-cert=" + CERTS.appCert)
            .run(failsWith("jitpay.alipay.app-cert holds Alipay's certificate while jitpay.alipay.alipay-cert holds "
                    + "yours: the files are swapped", "put appCertPublicKey_<appid>.crt in jitpay.alipay.app-cert and "
                            + "alipayCertPublicKey_RSA2.crt in jitpay.alipay.alipay-cert"));
    }

    /**
     * Shop A verifies with the top-level public key (key mode); shop B sets its own certificates and so inherits
     * nothing of the top-level public key; shop C sets nothing and inherits the top-level public key.
     */
    @Test
    void oneEntryInCertificateModeBesideEntriesInKeyMode() {
        this.runner.withPropertyValues("jitpay.alipay.public-key=" + TestRsaKeys.x509Base64(OTHER_CERTS.alipayKeys),
                "jitpay.alipay.apps.shopA.app-id=2021000000000001",
                "jitpay.alipay.apps.shopA.private-key=" + OTHER_CERTS.appPrivateKey(),
                "jitpay.alipay.apps.shopB.app-id=2021000000000002",
                "jitpay.alipay.apps.shopB.private-key=" + CERTS.appPrivateKey(),
                "jitpay.alipay.apps.shopB.app-cert=" + CERTS.appCert,
                "jitpay.alipay.apps.shopB.alipay-cert=" + CERTS.alipayCert,
                "jitpay.alipay.apps.shopB.alipay-root-cert=" + CERTS.alipayRootCert,
                "jitpay.alipay.apps.shopC.app-id=2021000000000003",
                "jitpay.alipay.apps.shopC.private-key=" + OTHER_CERTS.appPrivateKey())
            .run((context) -> {
                assertThat(context).hasNotFailed();
                AliPayConfig shopA = context.getBean("shopA", AliPayment.class).config();
                AliPayConfig shopB = context.getBean("shopB", AliPayment.class).config();
                AliPayConfig shopC = context.getBean("shopC", AliPayment.class).config();
                assertThat(shopA.certificates()).isNull();
                assertThat(shopA.publicKey()).isEqualTo(OTHER_CERTS.alipayKeys.getPublic());
                assertThat(shopB.certificates()).isNotNull();
                assertThat(shopB.publicKey()).isEqualTo(CERTS.alipayKeys.getPublic());
                assertThat(shopC.certificates()).isNull();
            });
    }

    @Test
    void entriesInheritTheTopLevelCertificatesAsAWhole() {
        this.runner.withPropertyValues("jitpay.alipay.app-cert=" + CERTS.appCert,
                "jitpay.alipay.alipay-cert=" + CERTS.alipayCert, "jitpay.alipay.alipay-root-cert=" + CERTS.alipayRootCert,
                "jitpay.alipay.apps.shopA.app-id=2021000000000001",
                "jitpay.alipay.apps.shopA.private-key=" + CERTS.appPrivateKey(),
                "jitpay.alipay.apps.shopB.app-id=2021000000000002",
                "jitpay.alipay.apps.shopB.private-key=" + OTHER_CERTS.appPrivateKey(),
                "jitpay.alipay.apps.shopB.public-key=" + TestRsaKeys.x509Base64(OTHER_CERTS.alipayKeys))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean("shopA", AliPayment.class).config().certificates()).isNotNull();
                assertThat(context.getBean("shopB", AliPayment.class).config().certificates()).isNull();
            });
    }

    @Test
    void aFailingEntryInCertificateModeIsReportedUnderItsOwnProperties() {
        this.runner.withPropertyValues("jitpay.alipay.apps.shopB.app-id=2021000000000002",
                "jitpay.alipay.apps.shopB.private-key=" + OTHER_CERTS.appPrivateKey(),
                "jitpay.alipay.apps.shopB.app-cert=" + CERTS.appCert,
                "jitpay.alipay.apps.shopB.alipay-cert=" + CERTS.alipayCert,
                "jitpay.alipay.apps.shopB.alipay-root-cert=" + CERTS.alipayRootCert)
            .run(failsWith("jitpay.alipay.apps.shopB.app-cert does not match jitpay.alipay.apps.shopB.private-key",
                    "Update jitpay.alipay.apps.shopB.app-cert:"));
        this.runner.withPropertyValues("jitpay.alipay.apps.shopB.app-id=2021000000000002",
                "jitpay.alipay.apps.shopB.private-key=" + CERTS.appPrivateKey(),
                "jitpay.alipay.apps.shopB.app-cert=" + CERTS.appCert)
            .run(failsWith("jitpay.alipay.apps.shopB.alipay-cert is empty, but jitpay.alipay.apps.shopB.app-cert is "
                    + "set", "Update jitpay.alipay.apps.shopB.alipay-cert"));
    }

    @Test
    void fieldsOfTheCertificatesMapToTheirProperties() {
        assertThat(AliPayConfigFailureAnalyzer.property("appCert")).isEqualTo("jitpay.alipay.app-cert");
        assertThat(AliPayConfigFailureAnalyzer.property("alipayCert")).isEqualTo("jitpay.alipay.alipay-cert");
        assertThat(AliPayConfigFailureAnalyzer.property("alipayRootCert")).isEqualTo("jitpay.alipay.alipay-root-cert");
        assertThat(AliPayConfigFailureAnalyzer.property("apps.shopB.appCert"))
            .isEqualTo("jitpay.alipay.apps.shopB.app-cert");
        assertThat(AliPayConfigFailureAnalyzer.properties("put alipayRootCert.crt in alipayRootCert", "apps.shopB."))
            .isEqualTo("put alipayRootCert.crt in jitpay.alipay.apps.shopB.alipay-root-cert");
    }

    private static ContextConsumer<AssertableApplicationContext> failsWith(String description, String action) {
        return (context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new AliPayConfigFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
            assertThat(analysis.getDescription()).contains(description);
            assertThat(analysis.getAction()).contains(action);
        };
    }
}
