package io.jitpay.alipay.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.alipay.sandbox.TestRsaKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "alipay" health contributor through Actuator's HTTP endpoint, as an operator's probe sees it: on Spring Boot 4
 * and, in the Spring Boot 3.5 suite, through the 3.5 health API. Two applications (the top-level one and shopB), each
 * with its own sandbox, and the gateway probe on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = HealthEndpointTests.App.class,
        properties = { "management.endpoints.web.exposure.include=health",
            "management.endpoint.health.show-details=always", "jitpay.alipay.health.gateway=true",
            "jitpay.alipay.sweeper.interval=1h", "spring.datasource.generate-unique-name=true" })
@DirtiesContext
class HealthEndpointTests {

    @RegisterExtension
    static final AliPaySandboxExtension sandboxA = new AliPaySandboxExtension();

    @RegisterExtension
    static final AliPaySandboxExtension sandboxB = new AliPaySandboxExtension((builder) -> builder
        .appId("2021000000000002").sellerId("2088000000000002").appKeyPair(TestRsaKeys.generate())
        .alipayKeyPair(TestRsaKeys.generate()));

    @Value("${local.server.port}")
    private int port;

    @Autowired
    @Qualifier("aliPayment")
    private AliPayment topLevel;

    @Autowired
    private DataSource dataSource;

    @DynamicPropertySource
    static void alipay(DynamicPropertyRegistry registry) {
        sandboxA.springProperties().forEach((property, value) -> registry.add(property, () -> value));
        sandboxB.springProperties().forEach((property, value) -> registry.add(
                property.replace("jitpay.alipay.", "jitpay.alipay.apps.shopB."), () -> value));
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachApplicationReportsItsStoreItsLastSweepAndItsGateway() throws Exception {
        this.topLevel.sweep(10);
        Map<String, Object> alipay = get("/actuator/health/alipay");
        assertThat(alipay).containsEntry("status", "UP");
        Map<String, Object> components = (Map<String, Object>) alipay.get("components");
        assertThat(components).containsOnlyKeys("aliPayment", "shopB");
        Map<String, Object> top = (Map<String, Object>) ((Map<String, Object>) components.get("aliPayment"))
            .get("details");
        assertThat(top).containsEntry("appId", sandboxA.get().appId()).containsEntry("mode", "key")
            .containsEntry("store", "reachable").containsEntry("refundsStuck", 0)
            .containsEntry("gateway", "reachable, answers verified");
        assertThat((Map<String, Object>) top.get("lastSweep")).containsEntry("claimed", 0).containsKey("at");
        Map<String, Object> shopB = (Map<String, Object>) ((Map<String, Object>) components.get("shopB"))
            .get("details");
        assertThat(shopB).containsEntry("appId", "2021000000000002").containsEntry("lastSweep", "none since start");
        assertThat(sandboxB.get().calls("alipay.trade.query", "JITPAY_HEALTH_PROBE")).isEqualTo(1);
        // Probes are cached: a health endpoint polled often is not traffic to Alipay.
        get("/actuator/health/alipay");
        assertThat(sandboxB.get().calls("alipay.trade.query", "JITPAY_HEALTH_PROBE")).isEqualTo(1);
        assertThat(get("/actuator/health").toString()).doesNotContain(sandboxA.get().appPrivateKey().substring(0, 40));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStoreThatFailsMakesTheApplicationDown() throws Exception {
        JdbcClient.create(this.dataSource).sql("ALTER TABLE jitpay_pay_log RENAME TO jitpay_pay_log_away").update();
        try {
            Map<String, Object> alipay = get("/actuator/health/alipay");
            assertThat(alipay).containsEntry("status", "DOWN");
            Map<String, Object> top = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) alipay
                .get("components")).get("aliPayment")).get("details");
            assertThat((String) top.get("store")).startsWith("failing: ");
        }
        finally {
            JdbcClient.create(this.dataSource).sql("ALTER TABLE jitpay_pay_log_away RENAME TO jitpay_pay_log")
                .update();
        }
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
