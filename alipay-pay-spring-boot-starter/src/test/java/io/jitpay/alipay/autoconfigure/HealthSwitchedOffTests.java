package io.jitpay.alipay.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.jitpay.alipay.sandbox.AliPaySandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code management.health.alipay.enabled=false} removes the contributor, as for Spring Boot's own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = HealthProbeTests.App.class,
        properties = { "management.endpoints.web.exposure.include=health", "management.health.alipay.enabled=false",
            "management.endpoint.health.show-details=always", "spring.datasource.generate-unique-name=true" })
@DirtiesContext
class HealthSwitchedOffTests {

    @RegisterExtension
    static final AliPaySandboxExtension sandbox = new AliPaySandboxExtension();

    @Value("${local.server.port}")
    private int port;

    @DynamicPropertySource
    static void alipay(DynamicPropertyRegistry registry) {
        sandbox.springProperties().forEach((property, value) -> registry.add(property, () -> value));
    }

    @Test
    void thereIsNoAlipayContributor() throws Exception {
        HttpResponse<String> alipay = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + this.port + "/actuator/health/alipay")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(alipay.statusCode()).isEqualTo(404);
        HttpResponse<String> overall = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + this.port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(overall.body()).contains("\"db\"").doesNotContain("\"alipay\"");
    }
}
