package io.jitpay.alipay.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.jitpay.alipay.AliPayLog;
import io.jitpay.alipay.AliPayLogStore;
import io.jitpay.alipay.PaidSettlement;
import io.jitpay.alipay.RecordedOrder;
import io.jitpay.pay.NotifyJournal;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;

import static io.jitpay.alipay.jdbc.JdbcValues.instant;
import static io.jitpay.alipay.jdbc.JdbcValues.money;
import static io.jitpay.alipay.jdbc.JdbcValues.requireInstant;
import static io.jitpay.alipay.jdbc.JdbcValues.requireMoney;
import static io.jitpay.alipay.jdbc.JdbcValues.time;
import static io.jitpay.alipay.jdbc.JdbcValues.utc;

/**
 * The order store on Spring's {@link JdbcClient}: table {@code jitpay_pay_log} (one row per order) and
 * {@code jitpay_alipay_log} (the latest Alipay-side view of each), created by {@link JdbcStoreSchema}. Times are stored
 * as UTC in timestamp columns without time zone, money as {@code DECIMAL(12,2)}.
 *
 * <p>Every statement names the owning instance ({@code full_name}) beside the order id. A transition is one
 * {@code UPDATE ... WHERE order_id = ? AND full_name = ? AND status = ?} on the status the caller observed, in a
 * transaction of its own; its callback runs in the same transaction, so a failing listener rolls it back. The sweeper
 * finds due orders by {@code next_check_at} and claims one by moving that time past its lease, so that of several
 * instances one handles each order, without holding a transaction open while it calls the gateway.
 *
 * @since 0.1.0
 */
public final class JdbcPayLogStore implements AliPayLogStore {

    static final String COLUMNS = """
            order_id, full_name, subject, amount, status, pay_type, trade_no, created_at, expires_at, updated_at, \
            paid_at, refunded_amount""";

    private static final String INSERT = """
            INSERT INTO jitpay_pay_log (order_id, full_name, subject, amount, status, created_at, expires_at, \
            updated_at, next_check_at)
            VALUES (:orderId, :fullName, :subject, :amount, :status, :createdAt, :expiresAt, :updatedAt,
                    :nextCheckAt)""";

    static final String FIND = "SELECT " + COLUMNS
            + " FROM jitpay_pay_log WHERE order_id = :orderId AND full_name = :fullName";

    /** Served by the index on (full_name, next_check_at); the limit is appended. */
    static final String DUE = "SELECT " + COLUMNS + " FROM jitpay_pay_log"
            + " WHERE full_name = :fullName AND next_check_at <= :now ORDER BY next_check_at LIMIT ";

    /** The view is found through its order, so that another instance's order has no view either. */
    private static final String FIND_ALIPAY_LOG = "SELECT v." + String.join(", v.", AliPayLogRows.COLUMNS)
            + " FROM jitpay_alipay_log v JOIN jitpay_pay_log o ON o.order_id = v.order_id"
            + " WHERE v.order_id = :orderId AND o.full_name = :fullName";

    /** An order and its view in one read; the view's columns are prefixed {@code v_}. */
    static final String FIND_WITH_VIEW = "SELECT o." + COLUMNS.replace(", ", ", o.") + ", "
            + Arrays.stream(AliPayLogRows.COLUMNS).map((column) -> "v." + column + " AS v_" + column)
                .collect(Collectors.joining(", "))
            + " FROM jitpay_pay_log o LEFT JOIN jitpay_alipay_log v ON v.order_id = o.order_id"
            + " WHERE o.order_id = :orderId AND o.full_name = :fullName";

    private final DataSource dataSource;

    private final JdbcClient jdbc;

    private final StoreTransactions transactions;

    private final PaidSettlements paidSettlements;

    private volatile @Nullable DatabasePlatform platform;

    /**
     * Creates a store. It runs its work in transactions of its own on this data source, whatever transaction the
     * caller has open; create the tables with {@link JdbcStoreSchema}.
     * @param dataSource the database
     */
    public JdbcPayLogStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new StoreTransactions(dataSource);
        this.paidSettlements = new PaidSettlements(this.jdbc, this::platform, this::saveAliPayLog);
    }

    @Override
    public void insert(PayLog payLog) {
        // A waiting order is due for a check at its deadline.
        Instant nextCheckAt = (payLog.status() == PayStatus.WAIT) ? payLog.expiresAt() : null;
        try {
            this.transactions.outsideCallerTransaction(() -> {
                JdbcClient.StatementSpec insert = this.jdbc.sql(INSERT)
                    .param("orderId", payLog.orderId())
                    .param("fullName", payLog.fullName())
                    .param("subject", payLog.subject())
                    .param("amount", payLog.amount())
                    .param("status", payLog.status().code())
                    .param("createdAt", utc(payLog.createdAt()))
                    .param("expiresAt", utc(payLog.expiresAt()))
                    .param("updatedAt", utc(payLog.updatedAt()));
                time(insert, "nextCheckAt", nextCheckAt);
                return insert.update();
            });
        }
        catch (DuplicateKeyException ex) {
            throw new PayException(PayErrorCode.ORDER_EXISTS_ERROR, "Order " + payLog.orderId()
                    + " already exists; use another order id or omit it to generate one", ex);
        }
    }

    @Override
    public Optional<PayLog> find(String fullName, String orderId) {
        return this.transactions.outsideCallerTransaction(() -> this.jdbc.sql(FIND)
            .param("orderId", orderId)
            .param("fullName", fullName)
            .query(JdbcPayLogStore::payLog)
            .optional());
    }

    @Override
    public boolean updatePayType(String fullName, String orderId, PayType payType, Instant at) {
        return this.transactions.outsideCallerTransaction(() -> this.jdbc.sql("""
                UPDATE jitpay_pay_log SET pay_type = :payType, updated_at = :at
                WHERE order_id = :orderId AND full_name = :fullName AND status = :wait""")
            .param("payType", payType.name())
            .param("at", utc(at))
            .param("orderId", orderId)
            .param("fullName", fullName)
            .param("wait", PayStatus.WAIT.code())
            .update()) == 1;
    }

    @Override
    public Optional<PayLog> transition(PayLog current, PayStatus to, @Nullable String tradeNo,
            @Nullable Instant paidAt, @Nullable Instant nextCheckAt, Instant at, Consumer<PayLog> inTransaction) {
        StringBuilder sql = new StringBuilder("""
                UPDATE jitpay_pay_log SET status = :to, updated_at = :at, next_check_at = :nextCheckAt""");
        if (tradeNo != null) {
            sql.append(", trade_no = :tradeNo");
        }
        if (paidAt != null) {
            sql.append(", paid_at = :paidAt");
        }
        sql.append(" WHERE order_id = :orderId AND full_name = :fullName AND status = :from");
        return this.transactions.inOwnTransaction(() -> {
            JdbcClient.StatementSpec update = this.jdbc.sql(sql.toString())
                .param("to", to.code())
                .param("at", utc(at))
                .param("orderId", current.orderId())
                .param("fullName", current.fullName())
                .param("from", current.status().code());
            time(update, "nextCheckAt", nextCheckAt);
            if (tradeNo != null) {
                update.param("tradeNo", tradeNo);
            }
            if (paidAt != null) {
                update.param("paidAt", utc(paidAt));
            }
            if (update.update() != 1) {
                return Optional.empty();
            }
            PayLog changed = current.withStatus(to, tradeNo, paidAt, at);
            inTransaction.accept(changed);
            return Optional.of(changed);
        });
    }

    @Override
    public void saveAliPayLog(AliPayLog log) {
        // Joins the transition's transaction when called from its callback; runs on its own otherwise.
        AliPayLogRows.bind(this.jdbc.sql(AliPayLogRows.upsert(platform())), log).update();
    }

    @Override
    public Optional<AliPayLog> findAliPayLog(String fullName, String orderId) {
        return this.transactions.outsideCallerTransaction(() -> this.jdbc.sql(FIND_ALIPAY_LOG)
            .param("orderId", orderId)
            .param("fullName", fullName)
            .query((rs, row) -> AliPayLogRows.read(rs, ""))
            .optional());
    }

    @Override
    public Optional<RecordedOrder> findWithView(String fullName, String orderId) {
        return this.transactions.outsideCallerTransaction(() -> this.jdbc.sql(FIND_WITH_VIEW)
            .param("orderId", orderId)
            .param("fullName", fullName)
            .query(JdbcPayLogStore::recordedOrder)
            .optional());
    }

    @Override
    public Optional<PayLog> settlePaid(PaidSettlement settlement, Consumer<PayLog> inTransaction) {
        try {
            return this.transactions.inOwnTransaction(() -> {
                Optional<PayLog> paid = this.paidSettlements.settle(settlement);
                paid.ifPresent(inTransaction);
                return paid;
            });
        }
        catch (PaidSettlements.NotSettled ex) {
            return Optional.empty();
        }
    }

    /**
     * {@inheritDoc} This store journals with the change when the journal is a {@link JdbcNotifyJournal} on its own
     * data source.
     */
    @Override
    public boolean journalsFor(NotifyJournal journal) {
        return journal instanceof JdbcNotifyJournal jdbcJournal && jdbcJournal.dataSource() == this.dataSource;
    }

    @Override
    public Optional<String> findOwner(String orderId) {
        return this.transactions.outsideCallerTransaction(() -> this.jdbc.sql(
                "SELECT full_name FROM jitpay_pay_log WHERE order_id = :orderId")
            .param("orderId", orderId)
            .query(String.class)
            .optional());
    }

    @Override
    public List<PayLog> findDue(String fullName, Instant now, int limit) {
        return this.transactions.outsideCallerTransaction(() -> this.jdbc.sql(DUE + Math.max(1, limit))
            .param("fullName", fullName)
            .param("now", utc(now))
            .query(JdbcPayLogStore::payLog)
            .list());
    }

    @Override
    public boolean claim(String fullName, String orderId, Instant now, Instant until) {
        return this.transactions.outsideCallerTransaction(() -> this.jdbc.sql("""
                UPDATE jitpay_pay_log SET next_check_at = :until
                WHERE order_id = :orderId AND full_name = :fullName AND next_check_at <= :now""")
            .param("until", utc(until))
            .param("orderId", orderId)
            .param("fullName", fullName)
            .param("now", utc(now))
            .update()) == 1;
    }

    @Override
    public void reschedule(String fullName, String orderId, @Nullable Instant nextCheckAt) {
        // A settled order (no next check) stays settled: a late release must not make it due again.
        this.transactions.outsideCallerTransaction(() -> {
            JdbcClient.StatementSpec update = this.jdbc.sql("""
                    UPDATE jitpay_pay_log SET next_check_at = :nextCheckAt
                    WHERE order_id = :orderId AND full_name = :fullName AND next_check_at IS NOT NULL""")
                .param("orderId", orderId)
                .param("fullName", fullName);
            time(update, "nextCheckAt", nextCheckAt);
            return update.update();
        });
    }

    /**
     * The database platform, read once from the connection's metadata.
     * @return the platform's id: {@code h2}, {@code postgresql} or {@code mysql}
     */
    public String platformId() {
        return platform().id();
    }

    DatabasePlatform platform() {
        DatabasePlatform detected = this.platform;
        if (detected == null) {
            detected = DatabasePlatform.of(this.dataSource);
            this.platform = detected;
        }
        return detected;
    }

    static PayLog payLog(ResultSet rs, int row) throws SQLException {
        String payType = rs.getString("pay_type");
        return new PayLog(rs.getString("order_id"), rs.getString("full_name"), rs.getString("subject"),
                requireMoney(rs, "amount"), PayStatus.fromCode(rs.getString("status")),
                (payType != null) ? PayType.valueOf(payType) : null, rs.getString("trade_no"),
                requireInstant(rs, "created_at"), requireInstant(rs, "expires_at"), requireInstant(rs, "updated_at"),
                instant(rs, "paid_at"), requireMoney(rs, "refunded_amount"));
    }

    static RecordedOrder recordedOrder(ResultSet rs, int row) throws SQLException {
        return new RecordedOrder(payLog(rs, row),
                (rs.getString("v_trade_status") != null) ? AliPayLogRows.read(rs, "v_") : null);
    }
}
