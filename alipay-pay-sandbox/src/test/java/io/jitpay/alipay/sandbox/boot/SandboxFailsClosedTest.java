package io.jitpay.alipay.sandbox.boot;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    /** What the environment post-processor does, without it: a running sandbox and its property source first. */
    private static void startSandbox(MutablePropertySources sources) {
        AliPaySandbox sandbox = AliPaySandbox.builder().start();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("jitpay.alipay.app-id", sandbox.appId());
        values.put("jitpay.alipay.private-key", sandbox.appPrivateKey());
        values.put("jitpay.alipay.public-key", sandbox.alipayPublicKey());
        sources.addFirst(new SandboxPropertySource(values, sandbox));
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
