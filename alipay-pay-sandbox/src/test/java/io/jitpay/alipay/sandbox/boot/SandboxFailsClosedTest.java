package io.jitpay.alipay.sandbox.boot;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.boot.SandboxEnvironmentPostProcessor.SandboxPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Development mode fails closed: credentials that reach the application after the sandbox started are never silently
 * overridden by it; start-up fails, naming {@code jitpay.sandbox.enabled} and where the credentials are, not what they
 * are.
 */
@ExtendWith(OutputCaptureExtension.class)
class SandboxFailsClosedTest {

    private static final String KEY_TEXT = "SECRET-PRIVATE-KEY-TEXT";

    private static final String SOURCE = "class path resource [io/jitpay/alipay/sandbox/boot/production-credentials"
            + ".properties]";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AliPaySandboxAutoConfiguration.class));

    @Test
    void credentialsFromAPropertySourceFailTheStartAndStopTheSandbox(CapturedOutput output) throws Exception {
        SpringApplication application = new SpringApplication(ProductionConfiguration.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatExceptionOfType(SandboxWithCredentialsException.class)
            .isThrownBy(() -> application.run("--jitpay.sandbox.enabled=true"))
            .withMessageContaining("jitpay.sandbox.enabled")
            .withMessageContaining("jitpay.alipay.app-id, jitpay.alipay.private-key in '" + SOURCE + "'")
            .withMessageNotContaining(KEY_TEXT)
            .withMessageNotContaining("2021000000000042");
        assertThat(output).contains("APPLICATION FAILED TO START", "Remove jitpay.sandbox.enabled", SOURCE)
            .doesNotContain(KEY_TEXT).doesNotContain("2021000000000042");

        Matcher announced = Pattern.compile("embedded Alipay sandbox at (\\S+),").matcher(output.toString());
        assertThat(announced.find()).isTrue();
        assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> get(announced.group(1)));
    }

    @Test
    void withoutCredentialsTheSandboxStartsAndAnnouncesItselfAtWarn(CapturedOutput output) {
        SpringApplication application = new SpringApplication(DevelopmentConfiguration.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run("--jitpay.sandbox.enabled=true")) {
            AliPaySandbox sandbox = context.getBean(AliPaySandbox.class);
            assertThat(context.getEnvironment().getProperty("jitpay.alipay.app-id")).isEqualTo(sandbox.appId());
            assertThat(output).containsPattern("WARN .*jitpay.sandbox.enabled=true: payments go to the embedded "
                    + "Alipay sandbox at " + Pattern.quote(sandbox.gatewayUrl()) + ", nothing is charged; never "
                    + "enable jitpay.sandbox.enabled in production");
        }
    }

    @Test
    void credentialsSeenWhenTheEnvironmentIsPreparedKeepTheSandboxOff(CapturedOutput output) {
        SpringApplication application = new SpringApplication(DevelopmentConfiguration.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run("--jitpay.sandbox.enabled=true",
                "--jitpay.alipay.app-id=2021000000000001")) {
            assertThat(context.getBeansOfType(AliPaySandbox.class)).isEmpty();
            assertThat(context.getBeansOfType(SandboxCredentialsGuard.class)).isEmpty();
            assertThat(output).containsPattern("WARN .*jitpay.sandbox.enabled=true is ignored because "
                    + "jitpay.alipay.app-id is set");
        }
    }

    @Test
    void theSandboxsOwnCredentialsAloneAreFine() {
        this.runner.withInitializer((context) -> startSandbox(context.getEnvironment().getPropertySources()))
            .withPropertyValues("jitpay.alipay.app-id=")
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(AliPaySandbox.class));
    }

    @Test
    void aCertificateAddedLaterFailsTheStartAsAKeyDoes() {
        this.runner.withInitializer((context) -> startSandbox(context.getEnvironment().getPropertySources()))
            .withPropertyValues("jitpay.alipay.alipay-root-cert=classpath:alipay/alipayRootCert.crt")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).isInstanceOf(SandboxWithCredentialsException.class)
                    .hasMessageContaining("jitpay.alipay.alipay-root-cert in 'test'");
            });
    }

    @Test
    void aKeyAddedLaterLikeADynamicPropertySourceFailsTheStart() {
        this.runner.withInitializer((context) -> startSandbox(context.getEnvironment().getPropertySources()))
            .withPropertyValues("jitpay.alipay.private-key=" + KEY_TEXT)
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).isInstanceOf(SandboxWithCredentialsException.class)
                    .hasMessageContaining("jitpay.alipay.private-key in 'test'")
                    .hasMessageNotContaining(KEY_TEXT);
            });
    }

    @Test
    void anEnvironmentVariableCountsUnderItsRelaxedName() {
        this.runner.withInitializer((context) -> {
            startSandbox(context.getEnvironment().getPropertySources());
            context.getEnvironment().getPropertySources().addLast(new SystemEnvironmentPropertySource("os",
                    Map.of("JITPAY_ALIPAY_APP_ID", "2021000000000001", "JITPAY_ALIPAY_PUBLIC_KEY", "")));
        }).run((context) -> assertThat(context.getStartupFailure())
            .isInstanceOf(SandboxWithCredentialsException.class)
            .hasMessageContaining("(jitpay.alipay.app-id in 'os')"));
    }

    @Test
    void withAppsEverySandboxIsABeanAndStopsWithTheApplication() throws Exception {
        SpringApplication application = new SpringApplication(DevelopmentConfiguration.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        String shopBGateway;
        try (ConfigurableApplicationContext context = application.run("--jitpay.sandbox.enabled=true",
                "--jitpay.sandbox.apps=shopB")) {
            AliPaySandboxes sandboxes = context.getBean(AliPaySandboxes.class);
            assertThat(sandboxes.all()).containsOnlyKeys("aliPayment", "shopB");
            assertThat(context.getBean(AliPaySandbox.class)).isSameAs(sandboxes.get("aliPayment"));
            assertThat(context.getBeansOfType(AliPaySandbox.class)).hasSize(1);
            assertThat(context.getEnvironment().getProperty("jitpay.alipay.apps.shopB.app-id"))
                .isEqualTo(sandboxes.get("shopB").appId());
            shopBGateway = sandboxes.get("shopB").gatewayUrl();
            get(shopBGateway);
        }
        assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> get(shopBGateway));
    }

    @Test
    void theSandboxsOwnAppsEntriesAloneAreFine() {
        this.runner.withInitializer((context) -> startSandbox(context.getEnvironment().getPropertySources(), "shopB"))
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(AliPaySandboxes.class));
    }

    @Test
    void anAppsEntrysKeyAddedLaterFailsTheStartAndStopsEverySandbox() {
        List<String> gateways = new ArrayList<>();
        this.runner.withInitializer((context) -> gateways.addAll(startSandbox(context.getEnvironment()
                .getPropertySources(), "shopB")))
            .withPropertyValues("jitpay.alipay.apps.shopC.private-key=" + KEY_TEXT,
                    "jitpay.alipay.apps.shopC.order-timeout=2h")
            .run((context) -> {
                assertThat(context.getStartupFailure()).isInstanceOf(SandboxWithCredentialsException.class)
                    .hasMessageContaining("(jitpay.alipay.apps.shopC.private-key in 'test')")
                    .hasMessageNotContaining(KEY_TEXT);
            });
        assertThat(gateways).hasSize(2).allSatisfy((gateway) -> assertThatExceptionOfType(ConnectException.class)
            .isThrownBy(() -> get(gateway)));
    }

    @Test
    void realCredentialsForAnAppTheSandboxPlaysFailTheStart() {
        this.runner.withInitializer((context) -> startSandbox(context.getEnvironment().getPropertySources(), "shopB"))
            .withPropertyValues("jitpay.alipay.apps.shopB.app-id=2021000000000042")
            .run((context) -> assertThat(context.getStartupFailure())
                .isInstanceOf(SandboxWithCredentialsException.class)
                .hasMessageContaining("(jitpay.alipay.apps.shopB.app-id in 'test')")
                .hasMessageNotContaining("2021000000000042"));
    }

    @Test
    void anAppsEntryInTheEnvironmentCountsUnderItsRelaxedName() {
        this.runner.withInitializer((context) -> {
            startSandbox(context.getEnvironment().getPropertySources());
            // Named as Spring names the real one (which it replaces here): only then are its names read as such.
            context.getEnvironment().getPropertySources().addLast(new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                            "JITPAY_ALIPAY_APPS_SHOPB_PUBLIC_KEY", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA",
                            "JITPAY_ALIPAY_APPS_SHOPB_APP_ID", "", "JITPAY_ALIPAY_APPS_SHOPB_ORDER_TIMEOUT", "2h")));
        }).run((context) -> assertThat(context.getStartupFailure())
            .isInstanceOf(SandboxWithCredentialsException.class)
            .hasMessageContaining("(jitpay.alipay.apps.shopb.public-key in 'systemEnvironment')")
            .hasMessageNotContaining("app-id"));
    }

    @Test
    void theFailureReportSaysWhatIsWrongAndWhatToDo() {
        SandboxWithCredentialsException failure = new SandboxWithCredentialsException(
                Map.of("applicationConfig", List.of("jitpay.alipay.app-id")));
        FailureAnalysis analysis = new SandboxWithCredentialsFailureAnalyzer().analyze(failure);
        assertThat(analysis.getDescription()).startsWith("jitpay.sandbox.enabled=true started the embedded Alipay "
                + "sandbox, but Alipay credentials are configured too (jitpay.alipay.app-id in "
                + "'applicationConfig')");
        assertThat(analysis.getAction()).isEqualTo("Remove jitpay.sandbox.enabled to take payments with these "
                + "credentials (never enable it in production), or remove the credentials from 'applicationConfig' to "
                + "develop against the sandbox.");
    }

    /**
     * What the environment post-processor does, without it: running sandboxes, the top-level one's and one per further
     * app, and their property source first.
     * @return the gateway URLs of the sandboxes
     */
    private static List<String> startSandbox(MutablePropertySources sources, String... apps) {
        Map<String, AliPaySandbox> sandboxes = new LinkedHashMap<>();
        Map<String, Object> values = new LinkedHashMap<>();
        sandboxes.put("aliPayment", AliPaySandbox.builder().start());
        for (String app : apps) {
            sandboxes.put(app, AliPaySandbox.builder().appId("9021000000000009").start());
        }
        sandboxes.forEach((name, sandbox) -> {
            String prefix = name.equals("aliPayment") ? "jitpay.alipay." : "jitpay.alipay.apps." + name + ".";
            values.put(prefix + "app-id", sandbox.appId());
            values.put(prefix + "private-key", sandbox.appPrivateKey());
            values.put(prefix + "public-key", sandbox.alipayPublicKey());
        });
        sources.addFirst(new SandboxPropertySource(values, sandboxes));
        return sandboxes.values().stream().map(AliPaySandbox::gatewayUrl).toList();
    }

    private static void get(String url) throws IOException, InterruptedException {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(AliPaySandboxAutoConfiguration.class)
    static class DevelopmentConfiguration {

    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(AliPaySandboxAutoConfiguration.class)
    @PropertySource("classpath:io/jitpay/alipay/sandbox/boot/production-credentials.properties")
    static class ProductionConfiguration {

    }
}
