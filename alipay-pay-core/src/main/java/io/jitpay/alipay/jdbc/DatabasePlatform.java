package io.jitpay.alipay.jdbc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

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
     * Insert of one row keyed by its first column, with a named parameter per column; or, when a row of that key is
     * recorded, its replacement if {@code replaces} holds. One statement without a read before, so that two writers
     * racing with rows of one key cannot put an older row over a newer one (on H2, the second of two first rows of one
     * key written at once fails instead, as with any insert there). Each database spells it its own way.
     * @param replaces when the new row replaces the recorded one, over the columns of both
     */
    String upsert(String table, String[] columns, Replaces replaces) {
        String names = String.join(", ", columns);
        UnaryOperator<String> recorded = (column) -> table + "." + column;
        return switch (this) {
            case H2 -> "MERGE INTO " + table + " USING (VALUES (" + values(columns) + ")) s (" + names + ") ON "
                    + recorded.apply(columns[0]) + " = s." + columns[0] + " WHEN MATCHED AND "
                    + replaces.sql((column) -> "s." + column, recorded) + " THEN UPDATE SET "
                    + assignments(columns, (column) -> "s." + column) + " WHEN NOT MATCHED THEN INSERT (" + names
                    + ") VALUES (s." + String.join(", s.", columns) + ")";
            case POSTGRESQL -> "INSERT INTO " + table + " (" + names + ") VALUES (" + values(columns) + ")"
                    + onConflict(table, columns, replaces);
            case MYSQL -> "INSERT INTO " + table + " (" + names + ") VALUES (" + values(columns)
                    + ") ON DUPLICATE KEY UPDATE " + conditionalAssignments(table, columns, replaces);
        };
    }

    /**
     * PostgreSQL only: the {@link #upsert} of one row that happens once for each row of {@code source}, a name of the
     * same statement's {@code WITH} list (none: nothing is written).
     */
    static String upsertForEach(String source, String table, String[] columns, Replaces replaces) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + values(columns) + " FROM "
                + source + onConflict(table, columns, replaces);
    }

    /**
     * When a new row replaces a recorded one, in SQL: a comparison that reads the recorded row's columns most
     * significant first (on MySQL they are assigned in the reverse order, see {@link #conditionalAssignments}).
     */
    @FunctionalInterface
    interface Replaces {

        /**
         * @param fresh    spells a column of the new row
         * @param recorded spells a column of the recorded row
         * @return the condition
         */
        String sql(UnaryOperator<String> fresh, UnaryOperator<String> recorded);
    }

    private static String onConflict(String table, String[] columns, Replaces replaces) {
        return " ON CONFLICT (" + columns[0] + ") DO UPDATE SET "
                + assignments(columns, (column) -> "EXCLUDED." + column) + " WHERE "
                + replaces.sql((column) -> "EXCLUDED." + column, (column) -> table + "." + column);
    }

    /**
     * MySQL has no condition on {@code ON DUPLICATE KEY UPDATE}, so each column takes the new value only if the
     * condition holds. The assignments run left to right and each sees the ones before it, so the columns the
     * condition reads are assigned last, least significant first: when it held at the start it holds after each of
     * them (the row only comes closer to the new one), and when it did not, nothing was assigned.
     */
    private static String conditionalAssignments(String table, String[] columns, Replaces replaces) {
        Set<String> read = new LinkedHashSet<>();
        String condition = replaces.sql((column) -> "VALUES(" + column + ")", (column) -> {
            read.add(column);
            return table + "." + column;
        });
        List<String> order = new ArrayList<>();
        for (String column : columns) {
            if (!read.contains(column)) {
                order.add(column);
            }
        }
        List<String> conditionColumns = new ArrayList<>(read);
        Collections.reverse(conditionColumns);
        order.addAll(conditionColumns);
        order.remove(columns[0]);
        return order.stream()
            .map((column) -> column + " = IF(" + condition + ", VALUES(" + column + "), " + column + ")")
            .collect(Collectors.joining(", "));
    }

    private static String assignments(String[] columns, UnaryOperator<String> fresh) {
        return Arrays.stream(columns, 1, columns.length)
            .map((column) -> column + " = " + fresh.apply(column))
            .collect(Collectors.joining(", "));
    }

    private static String values(String[] columns) {
        StringBuilder values = new StringBuilder();
        for (String column : columns) {
            values.append((values.length() > 0) ? ", " : "").append(':').append(column);
        }
        return values.toString();
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
