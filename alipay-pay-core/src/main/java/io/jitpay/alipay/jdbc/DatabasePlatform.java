package io.jitpay.alipay.jdbc;

import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** The databases the store ships a schema for, and the one SQL statement that differs between them. */
public enum DatabasePlatform {

    /** H2, in any compatibility mode. */
    H2("h2", "MERGE INTO jitpay_alipay_log (%s) KEY (order_id) VALUES (%s)"),

    /** PostgreSQL. */
    POSTGRESQL("postgresql", "INSERT INTO jitpay_alipay_log (%s) VALUES (%s) ON CONFLICT (order_id) DO UPDATE SET %s"),

    /** MySQL and MariaDB. */
    MYSQL("mysql", "INSERT INTO jitpay_alipay_log (%s) VALUES (%s) ON DUPLICATE KEY UPDATE %s");

    private final String id;

    private final String upsertTemplate;

    DatabasePlatform(String id, String upsertTemplate) {
        this.id = id;
        this.upsertTemplate = upsertTemplate;
    }

    /**
     * The schema script of this database, in the core jar.
     * @return for example {@code classpath:io/jitpay/alipay/jdbc/schema-postgresql.sql}
     */
    public Resource schemaScript() {
        return new ClassPathResource("io/jitpay/alipay/jdbc/schema-" + this.id + ".sql");
    }

    /**
     * The platform id used in the script name.
     * @return {@code h2}, {@code postgresql} or {@code mysql}
     */
    public String id() {
        return this.id;
    }

    String upsert(String[] columns) {
        String names = String.join(", ", columns);
        StringBuilder values = new StringBuilder();
        StringBuilder updates = new StringBuilder();
        for (String column : columns) {
            values.append((values.length() > 0) ? ", " : "").append(':').append(column);
            if (!column.equals("order_id")) {
                updates.append((updates.length() > 0) ? ", " : "").append(column).append(" = ")
                    .append((this == POSTGRESQL) ? "EXCLUDED." + column : "VALUES(" + column + ")");
            }
        }
        return String.format(this.upsertTemplate, names, values, updates);
    }

    /**
     * The platform of a data source, from its JDBC metadata.
     * @param dataSource the data source
     * @return the platform
     * @throws IllegalStateException for a database without a schema script here
     */
    public static DatabasePlatform of(DataSource dataSource) {
        String product;
        try {
            product = JdbcUtils.extractDatabaseMetaData(dataSource, (metaData) -> metaData.getDatabaseProductName());
        }
        catch (MetaDataAccessException ex) {
            throw new IllegalStateException("Cannot read the database product name to pick the order store's SQL",
                    ex);
        }
        String name = (product != null) ? product.toLowerCase(Locale.ROOT) : "";
        if (name.contains("h2")) {
            return H2;
        }
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("mysql") || name.contains("mariadb")) {
            return MYSQL;
        }
        throw new IllegalStateException("The order store supports H2, PostgreSQL, MySQL and MariaDB, not " + product
                + "; adapt one of the schema scripts in io/jitpay/alipay/jdbc/ and implement AliPayLogStore");
    }
}
