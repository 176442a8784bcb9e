package io.jitpay.alipay.autoconfigure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two Alipay applications on one PostgreSQL database, in a schema of their own on the server named by
 * {@code JITPAY_TEST_POSTGRES_URL} (its name ends with {@code JITPAY_TEST_DB_SUFFIX}, when set).
 */
@EnabledIfEnvironmentVariable(named = "JITPAY_TEST_POSTGRES_URL", matches = ".+")
class SeveralAppsOnPostgreSqlTests extends SeveralAppsEndpointTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws SQLException {
        String url = System.getenv("JITPAY_TEST_POSTGRES_URL");
        String user = System.getenv().getOrDefault("JITPAY_TEST_POSTGRES_USER", "postgres");
        String password = System.getenv().getOrDefault("JITPAY_TEST_POSTGRES_PASSWORD", "");
        String schema = "jitpay_apps" + System.getenv().getOrDefault("JITPAY_TEST_DB_SUFFIX", "")
            .replaceAll("[^A-Za-z0-9_]", "");
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        }
        registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        registry.add("spring.datasource.username", () -> user);
        registry.add("spring.datasource.password", () -> password);
        registry.add("jitpay.alipay.store.initialize-schema", () -> "always");
    }
}
