package io.jitpay.alipay.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A database for one test suite: embedded H2, or a schema of its own on the PostgreSQL server named by
 * {@code JITPAY_TEST_POSTGRES_URL}, or a database of its own on the MariaDB server named by
 * {@code JITPAY_TEST_MARIADB_URL} (their names end with {@code JITPAY_TEST_DB_SUFFIX}, when set). Without the variable the suite is skipped with a message; with it, an unreachable
 * server fails the suite. Each {@link #newPool()} is a separate connection pool, as a separate application instance
 * would have.
 */
public final class TestDatabase implements AutoCloseable {

    private final String url;

    private final String user;

    private final String password;

    private final DatabasePlatform platform;

    private final List<HikariDataSource> pools = new ArrayList<>();

    private TestDatabase(String url, String user, String password, DatabasePlatform platform) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.platform = platform;
    }

    /**
     * An in-memory H2 database.
     * @param name the database name, unique per suite
     * @return the database
     */
    public static TestDatabase h2(String name) {
        return new TestDatabase("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", DatabasePlatform.H2);
    }

    /**
     * A fresh schema on the PostgreSQL server of {@code JITPAY_TEST_POSTGRES_URL}
     * ({@code JITPAY_TEST_POSTGRES_USER}, default postgres; {@code JITPAY_TEST_POSTGRES_PASSWORD}, default empty).
     * @param name the schema, dropped and created again
     * @return the database
     */
    public static TestDatabase postgres(String name) {
        String schema = name + suffix();
        String url = server("JITPAY_TEST_POSTGRES_URL", "PostgreSQL");
        String user = env("JITPAY_TEST_POSTGRES_USER", "postgres");
        String password = env("JITPAY_TEST_POSTGRES_PASSWORD", "");
        execute(url, user, password, "DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        return new TestDatabase(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password,
                DatabasePlatform.POSTGRESQL);
    }

    /**
     * A fresh database on the MariaDB server of {@code JITPAY_TEST_MARIADB_URL} ({@code JITPAY_TEST_MARIADB_USER},
     * default root; {@code JITPAY_TEST_MARIADB_PASSWORD}, default empty).
     * @param name the database, dropped and created again
     * @return the database
     */
    public static TestDatabase mariadb(String name) {
        String database = name + suffix();
        String url = server("JITPAY_TEST_MARIADB_URL", "MariaDB");
        String user = env("JITPAY_TEST_MARIADB_USER", "root");
        String password = env("JITPAY_TEST_MARIADB_PASSWORD", "");
        execute(url, user, password, "DROP DATABASE IF EXISTS " + database,
                "CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
        int query = url.indexOf('?');
        String base = (query < 0) ? url : url.substring(0, query);
        String own = base.substring(0, base.lastIndexOf('/') + 1) + database + ((query < 0) ? "" : url.substring(query));
        return new TestDatabase(own, user, password, DatabasePlatform.MYSQL);
    }

    /**
     * A new connection pool on this database.
     * @return the pool, closed with this database
     */
    public synchronized DataSource newPool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(this.url);
        config.setUsername(this.user);
        config.setPassword(this.password);
        config.setMaximumPoolSize(16);
        config.setMinimumIdle(1);
        config.setPoolName("test-" + this.platform.id() + "-" + this.pools.size());
        HikariDataSource pool = new HikariDataSource(config);
        this.pools.add(pool);
        return pool;
    }

    /**
     * The kind of database.
     * @return the platform
     */
    public DatabasePlatform platform() {
        return this.platform;
    }

    /** Closes every pool opened so far, as the instances of one test shut down. */
    public synchronized void closePools() {
        this.pools.forEach(HikariDataSource::close);
        this.pools.clear();
    }

    @Override
    public synchronized void close() {
        this.pools.forEach(HikariDataSource::close);
        this.pools.clear();
    }

    @Override
    public String toString() {
        return this.platform.name().toLowerCase(Locale.ROOT);
    }

    private static String server(String variable, String product) {
        String url = System.getenv(variable);
        assumeTrue(url != null && !url.isBlank(), "Skipped: set " + variable + " to run this suite on " + product);
        return url;
    }

    /** {@code JITPAY_TEST_DB_SUFFIX}: lets two checkouts test against one server at once without dropping each other's. */
    private static String suffix() {
        return env("JITPAY_TEST_DB_SUFFIX", "").replaceAll("[^A-Za-z0-9_]", "");
    }

    private static String env(String variable, String fallback) {
        String value = System.getenv(variable);
        return (value != null) ? value : fallback;
    }

    private static void execute(String url, String user, String password, String... statements) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot prepare the test database at " + url + ": " + ex.getMessage(), ex);
        }
    }
}
