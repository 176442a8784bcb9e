package io.jitpay.alipay.jdbc;

import javax.sql.DataSource;

import org.springframework.core.io.Resource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Creates the store's tables and indexes ({@code jitpay_pay_log}, {@code jitpay_alipay_log},
 * {@code jitpay_notify_log}) with the script for the database at hand (H2, PostgreSQL, MySQL/MariaDB), shipped in the
 * core jar. The scripts are idempotent: safe to run at every start.
 *
 * <pre>
 * new JdbcStoreSchema(dataSource).initialize();
 * </pre>
 *
 * @since 0.1.0
 */
public final class JdbcStoreSchema {

    private final DataSource dataSource;

    /**
     * Creates the initializer.
     * @param dataSource the database
     */
    public JdbcStoreSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the tables and indexes that do not exist yet. */
    public void initialize() {
        new ResourceDatabasePopulator(script()).execute(this.dataSource);
    }

    /**
     * The script for this database, for applications that run their schema migrations themselves (Flyway,
     * Liquibase): copy it into a migration.
     * @return the script resource
     * @throws IllegalStateException for a database without a script
     */
    public Resource script() {
        return DatabasePlatform.of(this.dataSource).schemaScript();
    }
}
