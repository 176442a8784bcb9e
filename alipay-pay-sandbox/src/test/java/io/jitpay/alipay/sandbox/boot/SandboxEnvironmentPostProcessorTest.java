package io.jitpay.alipay.sandbox.boot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.boot.SandboxEnvironmentPostProcessor.SandboxPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

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
            s.sandbox().close();
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

    private void process(Map<String, Object> properties) {
        this.environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        this.postProcessor.postProcessEnvironment(this.environment, new SpringApplication());
    }
}
