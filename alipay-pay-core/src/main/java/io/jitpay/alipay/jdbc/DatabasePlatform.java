package io.jitpay.alipay.jdbc;

import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** The databases the store ships a schema for, and the SQL that differs between them. */
enum DatabasePlatform {

    /** H2, in any compatibility mode. */
    H2("h2"),

    /** PostgreSQL. */
    POSTGRESQL("postgresql"),

    /** MySQL and MariaDB. */
    MYSQL("mysql");

    private final String id;

    DatabasePlatform(String id) {
        this.id = id;
    }

    /** The schema script of this database, in the core jar. */
    Resource schemaScript() {
        return new ClassPathResource("io/jitpay/alipay/jdbc/schema-" + this.id + ".sql");
    }

    /** The platform id used in the script name: {@code h2}, {@code postgresql} or {@code mysql}. */
    String id() {
        return this.id;
    }

    /**
     * Insert-or-replace of one row keyed by its first column, with a named parameter per column. Each database spells
     * it its own way; all three do it in one statement, without a read before.
     */
    String upsert(String table, String[] columns) {
        String names = String.join(", ", columns);
        return switch (this) {
            case H2 -> "MERGE INTO " + table + " (" + names + ") KEY (" + columns[0] + ") VALUES (" + values(columns)
                    + ")";
            case POSTGRESQL -> "INSERT INTO " + table + " (" + names + ") VALUES (" + values(columns)
                    + ") ON CONFLICT (" + columns[0] + ") DO UPDATE SET " + updates(columns);
            case MYSQL -> "INSERT INTO " + table + " (" + names + ") VALUES (" + values(columns)
                    + ") ON DUPLICATE KEY UPDATE " + updates(columns);
        };
    }

    /**
     * PostgreSQL only: the {@link #upsert} of one row that happens once for each row of {@code source}, a name of the
     * same statement's {@code WITH} list (none: nothing is written).
     */
    static String upsertForEach(String source, String table, String[] columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + values(columns) + " FROM "
                + source + " ON CONFLICT (" + columns[0] + ") DO UPDATE SET " + POSTGRESQL.updates(columns);
    }

    private static String values(String[] columns) {
        StringBuilder values = new StringBuilder();
        for (String column : columns) {
            values.append((values.length() > 0) ? ", " : "").append(':').append(column);
        }
        return values.toString();
    }

    private String updates(String[] columns) {
        StringBuilder updates = new StringBuilder();
        for (String column : columns) {
            if (!column.equals(columns[0])) {
                updates.append((updates.length() > 0) ? ", " : "").append(column).append(" = ")
                    .append((this == POSTGRESQL) ? "EXCLUDED." + column : "VALUES(" + column + ")");
            }
        }
        return updates.toString();
    }

    /**
     * The platform of a data source, from its JDBC metadata.
     * @throws IllegalStateException for a database without a schema script here
     */
    static DatabasePlatform of(DataSource dataSource) {
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
