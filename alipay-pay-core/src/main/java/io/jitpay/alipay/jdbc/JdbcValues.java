package io.jitpay.alipay.jdbc;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How the stores read and bind values: money at scale 2, times as UTC in timestamp columns without time zone, and
 * nulls bound with their SQL type.
 */
final class JdbcValues {

    private JdbcValues() {
    }

    static @Nullable BigDecimal money(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return (value != null) ? value.setScale(2) : null;
    }

    static BigDecimal requireMoney(ResultSet rs, String column) throws SQLException {
        BigDecimal value = money(rs, column);
        if (value == null) {
            throw new SQLException("Column " + column + " is null");
        }
        return value;
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return (value != null) ? value.toInstant(ZoneOffset.UTC) : null;
    }

    static Instant requireInstant(ResultSet rs, String column) throws SQLException {
        Instant value = instant(rs, column);
        if (value == null) {
            throw new SQLException("Column " + column + " is null");
        }
        return value;
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    // Nulls are bound with their SQL type: drivers then need no metadata round trip to guess it.

    static void text(JdbcClient.StatementSpec statement, String name, @Nullable String value) {
        statement.param(name, value, Types.VARCHAR);
    }

    static void money(JdbcClient.StatementSpec statement, String name, @Nullable BigDecimal value) {
        statement.param(name, value, Types.DECIMAL);
    }

    static void time(JdbcClient.StatementSpec statement, String name, @Nullable Instant value) {
        if (value != null) {
            statement.param(name, utc(value));
        }
        else {
            statement.param(name, null, Types.TIMESTAMP);
        }
    }
}
