package io.jitpay.alipay.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.jitpay.alipay.AliPayLog;
import io.jitpay.alipay.AliPayStatus;

import static io.jitpay.alipay.jdbc.JdbcValues.instant;
import static io.jitpay.alipay.jdbc.JdbcValues.money;
import static io.jitpay.alipay.jdbc.JdbcValues.requireInstant;
import static io.jitpay.alipay.jdbc.JdbcValues.text;
import static io.jitpay.alipay.jdbc.JdbcValues.time;
import static io.jitpay.alipay.jdbc.JdbcValues.utc;

/**
 * How an Alipay-side view ({@link AliPayLog}) is a row of {@code jitpay_alipay_log}: its columns, the parameters
 * named after them, reading it back, and the statements that write it, where the rule that a view never moves back
 * ({@link AliPayLog#supersedes}) is part of the SQL.
 */
final class AliPayLogRows {

    /** The columns, the key first; parameters are named after them. */
    static final String[] COLUMNS = { "order_id", "trade_no", "trade_status", "total_amount", "receipt_amount",
        "buyer_pay_amount", "buyer_logon_id", "buyer_id", "gmt_payment", "refund_fee", "gmt_refund", "out_biz_no",
        "reported_at", "updated_at" };

    /**
     * {@link AliPayLog#supersedes} in SQL: a view replaces the recorded one when its trade is at a later stage, or at
     * the same stage with more refunded, or the same refunded and reported no earlier. Checked in the statement that
     * writes, so that of two reports racing for one order the older never ends up recorded.
     */
    static final DatabasePlatform.Replaces SUPERSEDES = (fresh, recorded) -> {
        String stage = stage(fresh.apply("trade_status"));
        String recordedStage = stage(recorded.apply("trade_status"));
        // Zero of the column's type: H2 types a COALESCE by its arguments, and an integer zero would truncate.
        String refunded = "COALESCE(" + fresh.apply("refund_fee") + ", CAST(0 AS DECIMAL(12, 2)))";
        String recordedRefunded = "COALESCE(" + recorded.apply("refund_fee") + ", CAST(0 AS DECIMAL(12, 2)))";
        return "(" + stage + " > " + recordedStage + " OR (" + stage + " = " + recordedStage + " AND (" + refunded
                + " > " + recordedRefunded + " OR (" + refunded + " = " + recordedRefunded + " AND "
                + fresh.apply("reported_at") + " >= " + recorded.apply("reported_at") + "))))";
    };

    /**
     * The first view of an order, a plain insert: on H2 and MySQL the conditional upsert costs more (H2 builds a
     * derived table for its {@code MERGE ... USING}, MySQL re-checks the condition for each column).
     */
    static final String INSERT = "INSERT INTO jitpay_alipay_log (" + String.join(", ", COLUMNS) + ") VALUES (:"
            + String.join(", :", COLUMNS) + ")";

    /**
     * The conditional upsert, spelled once for each database (the statement is long, and its text is a cache key),
     * by {@link DatabasePlatform#ordinal()}.
     */
    private static final String[] UPSERT = Arrays.stream(DatabasePlatform.values())
        .map((platform) -> platform.upsert("jitpay_alipay_log", COLUMNS, SUPERSEDES))
        .toArray(String[]::new);

    private AliPayLogRows() {
    }

    /** The upsert that records a view unless the recorded one supersedes it. */
    static String upsert(DatabasePlatform platform) {
        return UPSERT[platform.ordinal()];
    }

    /** Binds a view to parameters named as its columns. */
    static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, AliPayLog log) {
        statement.param("order_id", log.orderId())
            .param("trade_status", log.tradeStatus().name())
            .param("reported_at", utc(log.reportedAt()))
            .param("updated_at", utc(log.updatedAt()));
        text(statement, "trade_no", log.tradeNo());
        money(statement, "total_amount", log.totalAmount());
        money(statement, "receipt_amount", log.receiptAmount());
        money(statement, "buyer_pay_amount", log.buyerPayAmount());
        text(statement, "buyer_logon_id", log.buyerLogonId());
        text(statement, "buyer_id", log.buyerId());
        time(statement, "gmt_payment", log.gmtPayment());
        money(statement, "refund_fee", log.refundFee());
        time(statement, "gmt_refund", log.gmtRefund());
        text(statement, "out_biz_no", log.outBizNo());
        return statement;
    }

    /** Reads a view whose columns carry a prefix ({@code ""} for none). */
    static AliPayLog read(ResultSet rs, String prefix) throws SQLException {
        return new AliPayLog(rs.getString(prefix + "order_id"), rs.getString(prefix + "trade_no"),
                AliPayStatus.valueOf(rs.getString(prefix + "trade_status")), money(rs, prefix + "total_amount"),
                money(rs, prefix + "receipt_amount"), money(rs, prefix + "buyer_pay_amount"),
                rs.getString(prefix + "buyer_logon_id"), rs.getString(prefix + "buyer_id"),
                instant(rs, prefix + "gmt_payment"), money(rs, prefix + "refund_fee"),
                instant(rs, prefix + "gmt_refund"), rs.getString(prefix + "out_biz_no"),
                requireInstant(rs, prefix + "reported_at"), requireInstant(rs, prefix + "updated_at"));
    }

    /** A trade status's stage ({@code AliPayStatus}): WAIT_BUYER_PAY, then TRADE_SUCCESS, then closed or finished. */
    private static String stage(String tradeStatus) {
        return "CASE " + tradeStatus + " WHEN '" + AliPayStatus.WAIT_BUYER_PAY.name() + "' THEN 0 WHEN '"
                + AliPayStatus.TRADE_SUCCESS.name() + "' THEN 1 ELSE 2 END";
    }
}
