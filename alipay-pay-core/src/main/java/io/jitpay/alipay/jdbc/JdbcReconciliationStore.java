package io.jitpay.alipay.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;
import io.jitpay.pay.ReconciliationStore;
import io.jitpay.pay.RefundLog;
import io.jitpay.pay.RefundStatus;

import static io.jitpay.alipay.jdbc.JdbcValues.instant;
import static io.jitpay.alipay.jdbc.JdbcValues.requireInstant;
import static io.jitpay.alipay.jdbc.JdbcValues.requireMoney;
import static io.jitpay.alipay.jdbc.JdbcValues.utc;

/**
 * The reconciliation's read-only queries over {@code jitpay_pay_log} and {@code jitpay_refund_log}: a day's payments
 * by {@code paid_at} and refunds by {@code refunded_at}, and the orders and refunds a bill names, by id in batches of
 * {@value #BATCH}. Each runs on a connection of its own, outside any transaction of the caller. The day's queries
 * scan the instance's rows of the day; they run once a day.
 *
 * @since 0.1.0
 */
public final class JdbcReconciliationStore implements ReconciliationStore {

    /** Ids per {@code IN} list: well under every database's limit on bind parameters. */
    static final int BATCH = 500;

    private static final String ORDER_COLUMNS = """
            order_id, full_name, subject, amount, status, pay_type, trade_no, created_at, expires_at, updated_at, \
            paid_at, refunded_amount""";

    private static final String REFUND_COLUMNS = """
            refund_id, order_id, full_name, amount, reason, status, created_at, updated_at, refunded_at, \
            gateway_code, gateway_sub_code, gateway_sub_msg""";

    private final JdbcClient jdbc;

    private final StoreTransactions transactions;

    /**
     * Creates the store on the order store's database; the tables are created by {@link JdbcStoreSchema}.
     * @param dataSource the database
     */
    public JdbcReconciliationStore(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new StoreTransactions(dataSource);
    }

    @Override
    public List<PayLog> findPaid(String fullName, Instant from, Instant to) {
        return this.transactions.outsideCallerTransaction(() -> this.jdbc.sql("SELECT " + ORDER_COLUMNS
                + " FROM jitpay_pay_log WHERE full_name = :fullName AND paid_at >= :from AND paid_at < :to"
                + " ORDER BY paid_at, order_id")
            .param("fullName", fullName)
            .param("from", utc(from))
            .param("to", utc(to))
            .query(JdbcReconciliationStore::payLog)
            .list());
    }

    @Override
    public List<PayLog> findOrders(String fullName, Collection<String> orderIds) {
        return batches(orderIds, (batch) -> this.jdbc.sql("SELECT " + ORDER_COLUMNS
                + " FROM jitpay_pay_log WHERE full_name = :fullName AND order_id IN (:ids)")
            .param("fullName", fullName)
            .param("ids", batch)
            .query(JdbcReconciliationStore::payLog)
            .list());
    }

    @Override
    public Map<String, String> findOwners(Collection<String> orderIds) {
        Map<String, String> owners = new HashMap<>();
        batches(orderIds, (batch) -> this.jdbc.sql(
                "SELECT order_id, full_name FROM jitpay_pay_log WHERE order_id IN (:ids)")
            .param("ids", batch)
            .query((rs, row) -> Map.entry(rs.getString("order_id"), rs.getString("full_name")))
            .list()).forEach((owner) -> owners.put(owner.getKey(), owner.getValue()));
        return owners;
    }

    @Override
    public List<RefundLog> findRefunded(String fullName, Instant from, Instant to) {
        return this.transactions.outsideCallerTransaction(() -> this.jdbc.sql("SELECT " + REFUND_COLUMNS
                + " FROM jitpay_refund_log WHERE full_name = :fullName AND status = :success"
                + " AND refunded_at >= :from AND refunded_at < :to ORDER BY refunded_at, refund_id")
            .param("fullName", fullName)
            .param("success", RefundStatus.SUCCESS.code())
            .param("from", utc(from))
            .param("to", utc(to))
            .query(JdbcReconciliationStore::refundLog)
            .list());
    }

    @Override
    public List<RefundLog> findRefundsOf(String fullName, Collection<String> orderIds) {
        List<RefundLog> refunds = new ArrayList<>(batches(orderIds, (batch) -> this.jdbc.sql("SELECT "
                + REFUND_COLUMNS + " FROM jitpay_refund_log WHERE full_name = :fullName AND order_id IN (:ids)")
            .param("fullName", fullName)
            .param("ids", batch)
            .query(JdbcReconciliationStore::refundLog)
            .list()));
        refunds.sort(Comparator.comparing(RefundLog::createdAt).thenComparing(RefundLog::refundId));
        return refunds;
    }

    /** Runs a query per batch of ids, each outside the caller's transaction, and gathers the rows. */
    private <T> List<T> batches(Collection<String> ids, Function<List<String>, List<T>> query) {
        List<String> all = List.copyOf(ids);
        List<T> rows = new ArrayList<>();
        for (int start = 0; start < all.size(); start += BATCH) {
            List<String> batch = all.subList(start, Math.min(all.size(), start + BATCH));
            rows.addAll(this.transactions.outsideCallerTransaction(() -> query.apply(batch)));
        }
        return rows;
    }

    private static PayLog payLog(ResultSet rs, int row) throws SQLException {
        String payType = rs.getString("pay_type");
        return new PayLog(rs.getString("order_id"), rs.getString("full_name"), rs.getString("subject"),
                requireMoney(rs, "amount"), PayStatus.fromCode(rs.getString("status")),
                (payType != null) ? PayType.valueOf(payType) : null, rs.getString("trade_no"),
                requireInstant(rs, "created_at"), requireInstant(rs, "expires_at"), requireInstant(rs, "updated_at"),
                instant(rs, "paid_at"), requireMoney(rs, "refunded_amount"));
    }

    private static RefundLog refundLog(ResultSet rs, int row) throws SQLException {
        return new RefundLog(rs.getString("refund_id"), rs.getString("order_id"), rs.getString("full_name"),
                requireMoney(rs, "amount"), rs.getString("reason"), RefundStatus.fromCode(rs.getString("status")),
                requireInstant(rs, "created_at"), requireInstant(rs, "updated_at"), instant(rs, "refunded_at"),
                rs.getString("gateway_code"), rs.getString("gateway_sub_code"), rs.getString("gateway_sub_msg"));
    }
}
