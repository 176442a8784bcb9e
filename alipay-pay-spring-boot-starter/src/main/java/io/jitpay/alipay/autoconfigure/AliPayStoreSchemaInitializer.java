package io.jitpay.alipay.autoconfigure;

import java.util.Set;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;

import io.jitpay.alipay.jdbc.JdbcStoreSchema;

/**
 * Creates the order store's tables when the application starts ({@code jitpay.alipay.store.initialize-schema}). It is
 * a bean of its own, found by a {@link DatabaseInitializerDetector}, so Spring Boot orders it like the application's
 * own schema scripts, and an application that defines its own store still gets the tables.
 *
 * @since 0.1.0
 */
public final class AliPayStoreSchemaInitializer implements InitializingBean {

    private final DataSource dataSource;

    private final DatabaseInitializationMode mode;

    /**
     * Creates the initializer.
     * @param dataSource the database of the order store
     * @param mode       {@code ALWAYS}, or {@code EMBEDDED} for embedded databases only; {@code NEVER} does nothing
     */
    public AliPayStoreSchemaInitializer(DataSource dataSource, DatabaseInitializationMode mode) {
        this.dataSource = dataSource;
        this.mode = mode;
    }

    @Override
    public void afterPropertiesSet() {
        if (this.mode == DatabaseInitializationMode.ALWAYS || (this.mode == DatabaseInitializationMode.EMBEDDED
                && EmbeddedDatabaseConnection.isEmbedded(this.dataSource))) {
            new JdbcStoreSchema(this.dataSource).initialize();
        }
    }

    /** Tells Spring Boot that {@link AliPayStoreSchemaInitializer} beans initialize a database. */
    static final class Detector extends AbstractBeansOfTypeDatabaseInitializerDetector {

        @Override
        protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
            return Set.of(AliPayStoreSchemaInitializer.class);
        }
    }
}
