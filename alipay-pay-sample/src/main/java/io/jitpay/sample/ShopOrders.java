package io.jitpay.sample;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.jitpay.pay.PayType;

/**
 * The shop's orders, in table {@code shop_order} (see schema.sql).
 *
 * @since 0.1.0
 */
@Repository
public class ShopOrders {

    private static final RowMapper<ShopOrder> ROW = (rs, row) -> new ShopOrder(rs.getString("id"),
            rs.getString("payment"), rs.getString("subject"), rs.getBigDecimal("amount"),
            PayType.valueOf(rs.getString("pay_type")), rs.getString("pay_url"),
            rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("fulfilled_at")),
            rs.getString("refusal"));

    private final JdbcClient jdbc;

    ShopOrders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ShopOrder order) {
        this.jdbc.sql("INSERT INTO shop_order (id, payment, subject, amount, pay_type, pay_url, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")
            .param(order.id())
            .param(order.payment())
            .param(order.subject())
            .param(order.amount())
            .param(order.payType().name())
            // One by one: param(Object) accepts null, while params(Object...) is declared without nulls.
            .param(order.payUrl())
            .param(Timestamp.from(order.createdAt()))
            .update();
    }

    void payUrl(String id, String payUrl) {
        this.jdbc.sql("UPDATE shop_order SET pay_url = ? WHERE id = ?").params(payUrl, id).update();
    }

    /** Records why the latest payment code presented in store did not pay, or clears it ({@code null}). */
    void refusal(String id, @Nullable String refusal) {
        this.jdbc.sql("UPDATE shop_order SET refusal = ? WHERE id = ?").param(refusal).param(id).update();
    }

    /** Hands the goods over once; a second call for the same order changes nothing. */
    boolean fulfil(String id, Instant at) {
        return this.jdbc.sql("UPDATE shop_order SET fulfilled_at = ? WHERE id = ? AND fulfilled_at IS NULL")
            .params(Timestamp.from(at), id)
            .update() == 1;
    }

    Optional<ShopOrder> find(@Nullable String id) {
        if (id == null) {
            return Optional.empty();
        }
        return this.jdbc.sql("SELECT * FROM shop_order WHERE id = ?").param(id).query(ROW).optional();
    }

    /** The newest of the given orders, newest first: a shopper's list shows the orders of their session only. */
    List<ShopOrder> latest(Collection<String> ids, int limit) {
        if (ids.isEmpty()) {
            // "IN ()" is not SQL.
            return List.of();
        }
        return this.jdbc.sql("SELECT * FROM shop_order WHERE id IN (:ids) ORDER BY created_at DESC LIMIT :limit")
            .param("ids", ids)
            .param("limit", limit)
            .query(ROW)
            .list();
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return (timestamp != null) ? timestamp.toInstant() : null;
    }
}
