package io.jitpay.alipay.sandbox.boot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.SandboxCertificates;
import io.jitpay.alipay.sandbox.boot.SandboxEnvironmentPostProcessor.SandboxPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@ExtendWith(OutputCaptureExtension.class)
class SandboxEnvironmentPostProcessorTest {

    private final SandboxEnvironmentPostProcessor postProcessor = new SandboxEnvironmentPostProcessor(
            new DeferredLogFactory() {

                @Override
                public Log getLog(java.util.function.Supplier<Log> destination) {
                    return LogFactory.getLog(SandboxEnvironmentPostProcessor.class);
                }
            });

    private final StandardEnvironment environment = new StandardEnvironment();

    @AfterEach
    void stopSandbox() {
        if (this.environment.getPropertySources().get(SandboxPropertySource.NAME) instanceof SandboxPropertySource s) {
            s.sandboxes().close();
        }
    }

    @Test
    void nothingHappensUnlessEnabled() {
        process(Map.of());
        assertThat(this.environment.getPropertySources().contains(SandboxPropertySource.NAME)).isFalse();
        assertThat(this.environment.getProperty("jitpay.alipay.app-id")).isNull();
    }

    @Test
    void enabledWithoutCredentialsStartsTheSandboxAndPointsThePaymentAtIt(CapturedOutput output) {
        process(Map.of("jitpay.sandbox.enabled", "true", "server.port", "8181"));
        AliPaySandbox sandbox = ((SandboxPropertySource) this.environment.getPropertySources()
            .get(SandboxPropertySource.NAME)).sandbox();
        assertThat(this.environment.getProperty("jitpay.alipay.app-id")).isEqualTo(sandbox.appId());
        assertThat(this.environment.getProperty("jitpay.alipay.private-key")).isEqualTo(sandbox.appPrivateKey());
        assertThat(this.environment.getProperty("jitpay.alipay.public-key")).isEqualTo(sandbox.alipayPublicKey());
        assertThat(this.environment.getProperty("jitpay.alipay.gateway-url")).isEqualTo(sandbox.gatewayUrl());
        assertThat(this.environment.getProperty("jitpay.alipay.notify-url"))
            .isEqualTo("http://localhost:8181/jitpay/alipay/notify");
        assertThat(this.environment.getProperty("jitpay.alipay.notify.enabled")).isEqualTo("true");
        assertThat(output).contains("WARN", "payments go to the embedded Alipay sandbox at " + sandbox.gatewayUrl()
                + ", nothing is charged; never enable jitpay.sandbox.enabled in production");
    }

    @Test
    void inCertificateModeEveryApplicationGetsTheThreeCertificatesAndNoPublicKey() {
        process(Map.of("jitpay.sandbox.enabled", "true", "jitpay.sandbox.certificate-mode", "true",
                "jitpay.sandbox.apps", "shopB"));
        SandboxPropertySource source = (SandboxPropertySource) this.environment.getPropertySources()
            .get(SandboxPropertySource.NAME);
        for (String prefix : List.of("jitpay.alipay.", "jitpay.alipay.apps.shopB.")) {
            AliPaySandbox sandbox = source.sandboxes().get(prefix.equals("jitpay.alipay.") ? "aliPayment" : "shopB");
            SandboxCertificates certificates = sandbox.certificates();
            assertThat(this.environment.getProperty(prefix + "private-key")).isEqualTo(sandbox.appPrivateKey());
            assertThat(this.environment.getProperty(prefix + "app-cert")).isEqualTo(certificates.appCertPem());
            assertThat(this.environment.getProperty(prefix + "alipay-cert")).isEqualTo(certificates.alipayCertPem());
            assertThat(this.environment.getProperty(prefix + "alipay-root-cert"))
                .isEqualTo(certificates.alipayRootCertPem());
            assertThat(this.environment.getProperty(prefix + "public-key")).isNull();
        }
    }

    @Test
    void keyModeIsTheDefaultAndSetsNoCertificate() {
        process(Map.of("jitpay.sandbox.enabled", "true"));
        assertThat(this.environment.getProperty("jitpay.alipay.public-key")).isNotEmpty();
        assertThat(this.environment.getProperty("jitpay.alipay.app-cert")).isNull();
        assertThat(this.environment.getProperty("jitpay.alipay.alipay-root-cert")).isNull();
    }

    @Test
    void onEveryInterfaceTheApplicationGetsALoopbackGatewayAndTheBuyerTheConfiguredHost() throws Exception {
        process(Map.of("jitpay.sandbox.enabled", "true", "jitpay.sandbox.host", "0.0.0.0"));
        AliPaySandbox sandbox = ((SandboxPropertySource) this.environment.getPropertySources()
            .get(SandboxPropertySource.NAME)).sandbox();
        String gatewayUrl = this.environment.getProperty("jitpay.alipay.gateway-url");
        assertThat(gatewayUrl).isEqualTo("http://127.0.0.1:" + sandbox.port() + "/gateway.do");
        assertThat(sandbox.baseUrl()).isEqualTo("http://0.0.0.0:" + sandbox.port());
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(gatewayUrl)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.body()).startsWith("{\"error_response\":").contains("isv.missing-method");
    }

    @Test
    void aRandomServerPortIsResolvedSoTheNotifyUrlCanNameIt() {
        process(Map.of("jitpay.sandbox.enabled", "true", "server.port", "0", "server.servlet.context-path", "/shop",
                "jitpay.alipay.notify.path", "/alipay/notify"));
        int port = this.environment.getProperty("server.port", Integer.class);
        assertThat(port).isPositive();
        assertThat(this.environment.getProperty("jitpay.alipay.notify-url"))
            .isEqualTo("http://localhost:" + port + "/shop/alipay/notify");
    }

    @Test
    void credentialsSeenWhenTheEnvironmentIsPreparedKeepTheSandboxOffWithAWarning(CapturedOutput output) {
        process(Map.of("jitpay.sandbox.enabled", "true", "jitpay.alipay.app-id", "2021000000000001"));
        assertThat(this.environment.getPropertySources().contains(SandboxPropertySource.NAME)).isFalse();
        assertThat(this.environment.getProperty("jitpay.alipay.app-id")).isEqualTo("2021000000000001");
        assertThat(this.environment.getProperty("jitpay.alipay.gateway-url")).isNull();
        assertThat(output).contains("WARN", "jitpay.sandbox.enabled=true is ignored because jitpay.alipay.app-id is "
                + "set").doesNotContain("embedded Alipay sandbox at");
    }

    @Test
    void eachNameInAppsGetsASandboxOfItsOwnAndItsEntryPointsAtIt(CapturedOutput output) {
        process(Map.of("jitpay.sandbox.enabled", "true", "jitpay.sandbox.apps", "shopB", "server.port", "8181"));
        AliPaySandboxes sandboxes = sandboxes();
        assertThat(sandboxes.all()).containsOnlyKeys("aliPayment", "shopB");
        AliPaySandbox top = sandboxes.get("aliPayment");
        AliPaySandbox shopB = sandboxes.get("pays.shopB");
        assertThat(top).isSameAs(((SandboxPropertySource) this.environment.getPropertySources()
            .get(SandboxPropertySource.NAME)).sandbox());

        assertThat(this.environment.getProperty("jitpay.alipay.apps.shopB.app-id")).isEqualTo(shopB.appId())
            .isEqualTo("9021000000000002");
        assertThat(this.environment.getProperty("jitpay.alipay.apps.shopB.seller-id")).isEqualTo(shopB.sellerId())
            .isEqualTo("2088000000000002");
        assertThat(this.environment.getProperty("jitpay.alipay.apps.shopB.private-key"))
            .isEqualTo(shopB.appPrivateKey());
        assertThat(this.environment.getProperty("jitpay.alipay.apps.shopB.public-key"))
            .isEqualTo(shopB.alipayPublicKey());
        assertThat(this.environment.getProperty("jitpay.alipay.apps.shopB.gateway-url")).isEqualTo(shopB.gatewayUrl());
        // One endpoint for both: it routes each notification to the instance that owns the order.
        assertThat(this.environment.getProperty("jitpay.alipay.apps.shopB.notify-url"))
            .isEqualTo(this.environment.getProperty("jitpay.alipay.notify-url"))
            .isEqualTo("http://localhost:8181/jitpay/alipay/notify");

        // The top-level application is as without apps; the two share nothing a notification could confuse.
        assertThat(this.environment.getProperty("jitpay.alipay.app-id")).isEqualTo(top.appId())
            .isEqualTo(AliPaySandbox.DEFAULT_APP_ID);
        assertThat(shopB.port()).isNotEqualTo(top.port());
        assertThat(shopB.appPrivateKey()).isNotEqualTo(top.appPrivateKey());
        assertThat(shopB.alipayPublicKey()).isNotEqualTo(top.alipayPublicKey());
        assertThat(output).contains("WARN", "jitpay.sandbox.apps: payments of shopB go to the embedded Alipay sandbox "
                + "at " + shopB.gatewayUrl() + " (app id 9021000000000002), nothing is charged.")
            .doesNotContain(shopB.appPrivateKey().substring(40, 80));
    }

    @Test
    void theTopLevelSandboxIsFoundUnderTheConfiguredName() {
        process(Map.of("jitpay.sandbox.enabled", "true", "jitpay.alipay.name", "shopA", "jitpay.sandbox.apps",
                "shopB, shopC"));
        assertThat(sandboxes().all()).containsOnlyKeys("shopA", "shopB", "shopC");
        assertThat(this.environment.getProperty("jitpay.alipay.apps.shopC.app-id")).isEqualTo("9021000000000003");
        assertThat(sandboxes().find("shopD")).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> sandboxes().get("shopD"))
            .withMessageContaining("[shopA, shopB, shopC]");
    }

    @Test
    void anAppNameThatIsNoIdentifierIsRefusedBeforeAnySandboxStarts() {
        assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
            .isThrownBy(() -> process(Map.of("jitpay.sandbox.enabled", "true", "jitpay.sandbox.apps", "shop.b")))
            .withMessageContaining("jitpay.sandbox.apps")
            .withMessageContaining("'shop.b' is not a Java identifier such as shopB");
        assertThat(this.environment.getPropertySources().contains(SandboxPropertySource.NAME)).isFalse();
    }

    @Test
    void theTopLevelNameOrAnotherTwiceIsRefused() {
        assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
            .isThrownBy(() -> process(Map.of("jitpay.sandbox.enabled", "true", "jitpay.sandbox.apps", "AliPayment")))
            .withMessageContaining("'AliPayment' is the top-level application's name (jitpay.alipay.name)");
        assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
            .isThrownBy(() -> SandboxEnvironmentPostProcessor.checkedAppNames(List.of("shopB", "SHOPB"), "main"))
            .withMessageContaining("'SHOPB' is named twice");
    }

    private AliPaySandboxes sandboxes() {
        return ((SandboxPropertySource) this.environment.getPropertySources().get(SandboxPropertySource.NAME))
            .sandboxes();
    }

    private void process(Map<String, Object> properties) {
        this.environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        this.postProcessor.postProcessEnvironment(this.environment, new SpringApplication());
    }
}
