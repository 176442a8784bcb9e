package io.jitpay.alipay.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.alipay.sandbox.SandboxFault;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One application whose gateway probe fails: the contributor is a single indicator, down with Alipay's failure, and
 * the application's overall health is down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = HealthProbeTests.App.class,
        properties = { "management.endpoints.web.exposure.include=health",
            "management.endpoint.health.show-details=always", "jitpay.alipay.health.gateway=true",
            "spring.datasource.generate-unique-name=true" })
@DirtiesContext
class HealthProbeTests {

    @RegisterExtension
    static final AliPaySandboxExtension sandbox = new AliPaySandboxExtension();

    @Value("${local.server.port}")
    private int port;

    @DynamicPropertySource
    static void alipay(DynamicPropertyRegistry registry) {
        sandbox.springProperties().forEach((property, value) -> registry.add(property, () -> value));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGatewayThatFailsTheProbeMakesTheApplicationDown() throws Exception {
        sandbox.get().failNext("alipay.trade.query", SandboxFault.httpStatus(502));
        Map<String, Object> alipay = get("/actuator/health/alipay");
        assertThat(alipay).containsEntry("status", "DOWN");
        Map<String, Object> details = (Map<String, Object>) alipay.get("details");
        assertThat((String) details.get("gateway")).contains("alipay.trade.query");
        assertThat(details).containsEntry("store", "reachable");
        HttpResponse<String> overall = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + this.port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(overall.statusCode()).isEqualTo(503);
    }

    private Map<String, Object> get(String path) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + this.port + path)).build(), HttpResponse.BodyHandlers.ofString());
        return JsonParserFactory.getJsonParser().parseMap(answer.body());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
