package io.jitpay.alipay.jdbc;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.RefundLog;
import io.jitpay.pay.RefundLogStore;
import io.jitpay.pay.RefundStatus;

import static io.jitpay.alipay.jdbc.JdbcValues.instant;
import static io.jitpay.alipay.jdbc.JdbcValues.requireInstant;
import static io.jitpay.alipay.jdbc.JdbcValues.requireMoney;
import static io.jitpay.alipay.jdbc.JdbcValues.text;
import static io.jitpay.alipay.jdbc.JdbcValues.time;
import static io.jitpay.alipay.jdbc.JdbcValues.utc;

/**
 * The refund ledger on Spring's {@link JdbcClient}: table {@code jitpay_refund_log}, created by
 * {@link JdbcStoreSchema}, and the refund totals of each order in {@code jitpay_pay_log}.
 *
 * <p>The over-refund guard is one conditional statement, the same on every database:
 * {@code UPDATE jitpay_pay_log SET refund_reserved = refund_reserved + :amount WHERE ... AND status = 'success' AND
 * refund_reserved + :amount <= amount}. It runs in the transaction that inserts the refund, so concurrent refunds of
 * one order, on any number of instances, are serialized by the order's row and never reserve more than was paid.
 *
 * @since 0.1.0
 */
public final class JdbcRefundLogStore implements RefundLogStore {

    private static final String COLUMNS = """
            refund_id, order_id, full_name, amount, reason, status, created_at, updated_at, refunded_at, gateway_code, \
            gateway_sub_code, gateway_sub_msg""";

    /** Served by the index on (full_name, next_check_at); the limit is appended. */
    static final String DUE = "SELECT " + COLUMNS + " FROM jitpay_refund_log"
            + " WHERE full_name = :fullName AND next_check_at <= :now ORDER BY next_check_at LIMIT ";

    private static final String RESERVE = """
            UPDATE jitpay_pay_log SET refund_reserved = refund_reserved + :amount
            WHERE order_id = :orderId AND full_name = :fullName AND status = :paid
                AND refund_reserved + :amount <= amount""";

    private final JdbcClient jdbc;

    private final StoreTransactions transactions;

    /**
     * Creates the ledger. It runs its work in transactions of its own on this data source.
     * @param dataSource the database of the order store
     */
    public JdbcRefundLogStore(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new StoreTransactions(dataSource);
    }

    @Override
    public void insert(RefundLog refund, @Nullable Instant nextCheckAt, Consumer<RefundLog> inTransaction) {
        try {
            this.transactions.inOwnTransaction(() -> {
                if (refund.status() == RefundStatus.SUCCESS) {
                    // Alipay moved this money already: it counts whatever is left.
                    if (addTotals(refund, refund.amount(), refund.amount()) != 1) {
                        throw notPaid(refund);
                    }
                }
                else {
                    reserve(refund);
                }
                JdbcClient.StatementSpec insert = this.jdbc.sql("""
                        INSERT INTO jitpay_refund_log (refund_id, order_id, full_name, amount, reason, status,
                            created_at, updated_at, refunded_at, next_check_at)
                        VALUES (:refundId, :orderId, :fullName, :amount, :reason, :status, :createdAt, :updatedAt,
                            :refundedAt, :nextCheckAt)""")
                    .param("refundId", refund.refundId())
                    .param("orderId", refund.orderId())
                    .param("fullName", refund.fullName())
                    .param("amount", refund.amount())
                    .param("status", refund.status().code())
                    .param("createdAt", utc(refund.createdAt()))
                    .param("updatedAt", utc(refund.updatedAt()));
                text(insert, "reason", refund.reason());
                time(insert, "refundedAt", refund.refundedAt());
                time(insert, "nextCheckAt", nextCheckAt);
                insert.update();
                inTransaction.accept(refund);
                return refund;
            });
        }
        catch (DuplicateKeyException ex) {
            throw new PayException(PayErrorCode.ORDER_EXISTS_ERROR, "Refund " + refund.refundId()
                    + " already exists", ex);
        }
    }

    @Override
    public Optional<RefundLog> find(String fullName, String refundId) {
        return this.transactions.outsideCallerTransaction(() -> this.jdbc.sql("SELECT " + COLUMNS
                + " FROM jitpay_refund_log WHERE refund_id = :refundId AND full_name = :fullName")
            .param("refundId", refundId)
            .param("fullName", fullName)
            .query(JdbcRefundLogStore::refundLog)
            .optional());
    }

    @Override
    public List<RefundLog> findByOrder(String fullName, String orderId) {
        return this.transactions.outsideCallerTransaction(() -> this.jdbc.sql("SELECT " + COLUMNS
                + " FROM jitpay_refund_log WHERE order_id = :orderId AND full_name = :fullName"
                + " ORDER BY created_at, refund_id")
            .param("orderId", orderId)
            .param("fullName", fullName)
            .query(JdbcRefundLogStore::refundLog)
            .list());
    }

    @Override
    public Optional<RefundLog> transition(RefundLog current, RefundLog next, @Nullable Instant nextCheckAt,
            Consumer<RefundLog> inTransaction) {
        return this.transactions.inOwnTransaction(() -> {
            JdbcClient.StatementSpec update = this.jdbc.sql("""
                    UPDATE jitpay_refund_log SET status = :to, updated_at = :at, refunded_at = :refundedAt,
                        next_check_at = :nextCheckAt, gateway_code = :code, gateway_sub_code = :subCode,
                        gateway_sub_msg = :subMsg
                    WHERE refund_id = :refundId AND full_name = :fullName AND status = :from""")
                .param("to", next.status().code())
                .param("at", utc(next.updatedAt()))
                .param("refundId", current.refundId())
                .param("fullName", current.fullName())
                .param("from", current.status().code());
            time(update, "refundedAt", next.refundedAt());
            time(update, "nextCheckAt", nextCheckAt);
            text(update, "code", next.gatewayCode());
            text(update, "subCode", next.gatewaySubCode());
            text(update, "subMsg", clip(next.gatewaySubMsg(), 256));
            if (update.update() != 1) {
                return Optional.<RefundLog>empty();
            }
            switch (next.status()) {
                case SUCCESS -> addTotals(current, current.amount(), BigDecimal.ZERO);
                case FAILED -> addTotals(current, BigDecimal.ZERO, current.amount().negate());
                case PROCESSING -> reserve(current);
            }
            inTransaction.accept(next);
            return Optional.of(next);
        });
    }

    @Override
    public Instant takeSendSlot(String fullName, String orderId, Instant now, Duration gap) {
        return this.transactions.inOwnTransaction(() -> {
            // The row lock makes instances take turns; a lock, not arithmetic in SQL, keeps this the same everywhere.
            Instant previous = this.jdbc.sql("""
                    SELECT refund_slot_at FROM jitpay_pay_log WHERE order_id = :orderId AND full_name = :fullName
                    FOR UPDATE""")
                .param("orderId", orderId)
                .param("fullName", fullName)
                .query((rs, row) -> Optional.ofNullable(instant(rs, "refund_slot_at")))
                .optional()
                .flatMap((slot) -> slot)
                .orElse(null);
            Instant slot = (previous == null || previous.isBefore(now)) ? now : previous;
            this.jdbc.sql("UPDATE jitpay_pay_log SET refund_slot_at = :next WHERE order_id = :orderId "
                    + "AND full_name = :fullName")
                .param("next", utc(slot.plus(gap)))
                .param("orderId", orderId)
                .param("fullName", fullName)
                .update();
            return slot;
        });
    }

    @Override
    public List<RefundLog> findDue(String fullName, Instant now, int limit) {
        return this.transactions.outsideCallerTransaction(() -> this.jdbc.sql(DUE + Math.max(1, limit))
            .param("fullName", fullName)
            .param("now", utc(now))
            .query(JdbcRefundLogStore::refundLog)
            .list());
    }

    @Override
    public boolean claim(String fullName, String refundId, Instant now, Instant until) {
        return this.transactions.outsideCallerTransaction(() -> this.jdbc.sql("""
                UPDATE jitpay_refund_log SET next_check_at = :until
                WHERE refund_id = :refundId AND full_name = :fullName AND next_check_at <= :now""")
            .param("until", utc(until))
            .param("refundId", refundId)
            .param("fullName", fullName)
            .param("now", utc(now))
            .update()) == 1;
    }

    @Override
    public void reschedule(String fullName, String refundId, @Nullable Instant nextCheckAt) {
        this.transactions.outsideCallerTransaction(() -> {
            JdbcClient.StatementSpec update = this.jdbc.sql("""
                    UPDATE jitpay_refund_log SET next_check_at = :nextCheckAt
                    WHERE refund_id = :refundId AND full_name = :fullName AND status = :processing""")
                .param("refundId", refundId)
                .param("fullName", fullName)
                .param("processing", RefundStatus.PROCESSING.code());
            time(update, "nextCheckAt", nextCheckAt);
            return update.update();
        });
    }

    @Override
    public int countProcessingSince(String fullName, Instant createdBefore) {
        return this.transactions.outsideCallerTransaction(() -> this.jdbc.sql("""
                SELECT COUNT(*) FROM jitpay_refund_log
                WHERE full_name = :fullName AND status = :processing AND created_at < :before""")
            .param("fullName", fullName)
            .param("processing", RefundStatus.PROCESSING.code())
            .param("before", utc(createdBefore))
            .query(Integer.class)
            .single());
    }

    /** The over-refund guard: reserves the amount on the paid order, or says why it cannot. */
    private void reserve(RefundLog refund) {
        int reserved = this.jdbc.sql(RESERVE)
            .param("amount", refund.amount())
            .param("orderId", refund.orderId())
            .param("fullName", refund.fullName())
            .param("paid", PayStatus.SUCCESS.code())
            .update();
        if (reserved == 1) {
            return;
        }
        Optional<Totals> totals = this.jdbc.sql("""
                SELECT status, amount, refund_reserved FROM jitpay_pay_log
                WHERE order_id = :orderId AND full_name = :fullName""")
            .param("orderId", refund.orderId())
            .param("fullName", refund.fullName())
            .query((rs, row) -> new Totals(rs.getString("status"), requireMoney(rs, "amount"),
                    requireMoney(rs, "refund_reserved")))
            .optional();
        if (totals.isEmpty()) {
            throw new PayException(PayErrorCode.ORDER_NOT_EXIST_ERROR, "Order " + refund.orderId()
                    + " does not exist");
        }
        if (!PayStatus.SUCCESS.code().equals(totals.get().status())) {
            throw notPaid(refund);
        }
        throw new PayException(PayErrorCode.REFUND_AMOUNT_ERROR, "Refund of " + refund.amount() + " for order "
                + refund.orderId() + " is more than what is left to refund ("
                + totals.get().amount().subtract(totals.get().reserved()) + " of " + totals.get().amount()
                + "; refunds that succeeded or are processing count); refund at most that");
    }

    private int addTotals(RefundLog refund, BigDecimal refunded, BigDecimal reserved) {
        return this.jdbc.sql("""
                UPDATE jitpay_pay_log SET refunded_amount = refunded_amount + :refunded,
                    refund_reserved = refund_reserved + :reserved
                WHERE order_id = :orderId AND full_name = :fullName""")
            .param("refunded", refunded)
            .param("reserved", reserved)
            .param("orderId", refund.orderId())
            .param("fullName", refund.fullName())
            .update();
    }

    private static PayException notPaid(RefundLog refund) {
        return new PayException(PayErrorCode.ORDER_STATUS_ERROR, "Order " + refund.orderId()
                + " is not paid; only a paid order can be refunded");
    }

    private static RefundLog refundLog(ResultSet rs, int row) throws SQLException {
        return new RefundLog(rs.getString("refund_id"), rs.getString("order_id"), rs.getString("full_name"),
                requireMoney(rs, "amount"), rs.getString("reason"), RefundStatus.fromCode(rs.getString("status")),
                requireInstant(rs, "created_at"), requireInstant(rs, "updated_at"), instant(rs, "refunded_at"),
                rs.getString("gateway_code"), rs.getString("gateway_sub_code"), rs.getString("gateway_sub_msg"));
    }

    private static @Nullable String clip(@Nullable String value, int length) {
        return (value == null || value.length() <= length) ? value : value.substring(0, length);
    }

    private record Totals(String status, BigDecimal amount, BigDecimal reserved) {
    }
}
