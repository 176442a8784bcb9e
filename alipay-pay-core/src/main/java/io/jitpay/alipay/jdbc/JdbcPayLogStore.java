package io.jitpay.alipay.jdbc;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.jitpay.alipay.AliPayLog;
import io.jitpay.alipay.AliPayLogStore;
import io.jitpay.alipay.AliPayStatus;
import io.jitpay.pay.NotifyJournal;
import io.jitpay.pay.NotifyRecord;
import io.jitpay.pay.NotifyResult;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;

/**
 * The order store on Spring's {@link JdbcClient}: table {@code jitpay_pay_log} (one row per order),
 * {@code jitpay_alipay_log} (the latest Alipay-side view of each) and {@code jitpay_notify_log} (the journal of every
 * notification received). Times are stored as UTC in timestamp columns without time zone, money as
 * {@code DECIMAL(12,2)}.
 *
 * <p>A transition is one {@code UPDATE ... WHERE order_id = ? AND status = ?} on the status the caller observed; its
 * callback runs in the same transaction, so a failing listener rolls it back. The sweeper claims overdue orders with a
 * lease column ({@code sweep_until}), so that of several instances one handles each order, without holding a
 * transaction open while it calls the gateway.
 */
public class JdbcPayLogStore implements AliPayLogStore, NotifyJournal {

    private static final String PAY_LOG_COLUMNS = "order_id, full_name, subject, amount, status, pay_type, trade_no, "
            + "created_at, updated_at, paid_at";

    private static final String INSERT_SQL = "INSERT INTO jitpay_pay_log (" + PAY_LOG_COLUMNS + ") VALUES (:orderId, "
            + ":fullName, :subject, :amount, :status, :payType, :tradeNo, :createdAt, :updatedAt, :paidAt)";

    private static final String INSERT_NEW_SQL = "INSERT INTO jitpay_pay_log (order_id, full_name, subject, amount, "
            + "status, created_at, updated_at) VALUES (:orderId, :fullName, :subject, :amount, :status, :createdAt, "
            + ":updatedAt)";

    /** Served by the index on (status, created_at); the limit is appended. */
    static final String OVERDUE_SQL = "SELECT " + PAY_LOG_COLUMNS + " FROM jitpay_pay_log WHERE status = :wait "
            + "AND created_at < :cutoff AND (sweep_until IS NULL OR sweep_until < :now) ORDER BY created_at LIMIT ";

    private static final String NOTIFY_LOG_COLUMNS = "id, received_at, remote_address, out_trade_no, notify_id, "
            + "params, signature_valid, outcome, error";

    private static final String[] ALIPAY_LOG_COLUMNS = { "order_id", "trade_no", "trade_status", "total_amount",
        "receipt_amount", "buyer_pay_amount", "buyer_logon_id", "buyer_id", "gmt_payment", "updated_at" };

    private final DataSource dataSource;

    private final JdbcClient jdbc;

    private final TransactionTemplate transactions;

    private volatile @Nullable DatabasePlatform platform;

    /**
     * Creates a store with its own transaction manager on the data source.
     * @param dataSource the database
     */
    public JdbcPayLogStore(DataSource dataSource) {
        this(dataSource, new DataSourceTransactionManager(dataSource));
    }

    /**
     * Creates a store that runs transitions with the application's transaction manager, so that they join a
     * transaction already in progress.
     * @param dataSource         the database
     * @param transactionManager a transaction manager for that data source
     */
    public JdbcPayLogStore(DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Creates the tables and indexes if they do not exist, with the script for this database. Safe to run at every
     * start.
     */
    public void initializeSchema() {
        new ResourceDatabasePopulator(platform().schemaScript()).execute(this.dataSource);
    }

    @Override
    public void insert(PayLog payLog) {
        // A new order has no pay type, trade or payment yet: those columns are left to their default (NULL).
        boolean fresh = payLog.payType() == null && payLog.tradeNo() == null && payLog.paidAt() == null;
        String sql = fresh ? INSERT_NEW_SQL : INSERT_SQL;
        try {
            JdbcClient.StatementSpec insert = this.jdbc.sql(sql)
                .param("orderId", payLog.orderId())
                .param("fullName", payLog.fullName())
                .param("subject", payLog.subject())
                .param("amount", payLog.amount())
                .param("status", payLog.status().code())
                .param("createdAt", utc(payLog.createdAt()))
                .param("updatedAt", utc(payLog.updatedAt()));
            if (!fresh) {
                text(insert, "payType", (payLog.payType() != null) ? payLog.payType().name() : null);
                text(insert, "tradeNo", payLog.tradeNo());
                time(insert, "paidAt", payLog.paidAt());
            }
            insert.update();
        }
        catch (DuplicateKeyException ex) {
            throw new PayException(PayErrorCode.ORDER_EXISTS_ERROR, "Order " + payLog.orderId()
                    + " already exists; use another order id or omit it to generate one", ex);
        }
    }

    @Override
    public Optional<PayLog> find(String orderId) {
        return this.jdbc.sql("SELECT " + PAY_LOG_COLUMNS + " FROM jitpay_pay_log WHERE order_id = :orderId")
            .param("orderId", orderId)
            .query(JdbcPayLogStore::payLog)
            .optional();
    }

    @Override
    public boolean updatePayType(String orderId, PayType payType, Instant at) {
        return this.jdbc.sql("UPDATE jitpay_pay_log SET pay_type = :payType, updated_at = :at "
                + "WHERE order_id = :orderId AND status = :wait")
            .param("payType", payType.name())
            .param("at", utc(at))
            .param("orderId", orderId)
            .param("wait", PayStatus.WAIT.code())
            .update() == 1;
    }

    @Override
    public Optional<PayLog> transition(PayLog current, PayStatus to, @Nullable String tradeNo,
            @Nullable Instant paidAt, Instant at, Consumer<PayLog> inTransaction) {
        StringBuilder sql = new StringBuilder("UPDATE jitpay_pay_log SET status = :to, updated_at = :at");
        if (tradeNo != null) {
            sql.append(", trade_no = :tradeNo");
        }
        if (paidAt != null) {
            sql.append(", paid_at = :paidAt");
        }
        sql.append(" WHERE order_id = :orderId AND status = :from");
        return Optional.ofNullable(this.transactions.execute((status) -> {
            JdbcClient.StatementSpec update = this.jdbc.sql(sql.toString())
                .param("to", to.code())
                .param("at", utc(at))
                .param("orderId", current.orderId())
                .param("from", current.status().code());
            if (tradeNo != null) {
                update.param("tradeNo", tradeNo);
            }
            if (paidAt != null) {
                update.param("paidAt", utc(paidAt));
            }
            if (update.update() != 1) {
                return null;
            }
            PayLog changed = current.withStatus(to, tradeNo, paidAt, at);
            inTransaction.accept(changed);
            return changed;
        }));
    }

    @Override
    public void saveAliPayLog(AliPayLog log) {
        JdbcClient.StatementSpec upsert = this.jdbc.sql(platform().upsert(ALIPAY_LOG_COLUMNS))
            .param("order_id", log.orderId())
            .param("trade_status", log.tradeStatus().name())
            .param("updated_at", utc(log.updatedAt()));
        text(upsert, "trade_no", log.tradeNo());
        money(upsert, "total_amount", log.totalAmount());
        money(upsert, "receipt_amount", log.receiptAmount());
        money(upsert, "buyer_pay_amount", log.buyerPayAmount());
        text(upsert, "buyer_logon_id", log.buyerLogonId());
        text(upsert, "buyer_id", log.buyerId());
        time(upsert, "gmt_payment", log.gmtPayment());
        upsert.update();
    }

    @Override
    public Optional<AliPayLog> findAliPayLog(String orderId) {
        return this.jdbc.sql("SELECT " + String.join(", ", ALIPAY_LOG_COLUMNS)
                + " FROM jitpay_alipay_log WHERE order_id = :orderId")
            .param("orderId", orderId)
            .query(JdbcPayLogStore::aliPayLog)
            .optional();
    }

    @Override
    public List<PayLog> findOverdue(Instant createdBefore, Instant now, int limit) {
        return this.jdbc.sql(OVERDUE_SQL + Math.max(1, limit))
            .param("wait", PayStatus.WAIT.code())
            .param("cutoff", utc(createdBefore))
            .param("now", utc(now))
            .query(JdbcPayLogStore::payLog)
            .list();
    }

    @Override
    public boolean claim(String orderId, Instant now, Instant until) {
        return this.jdbc.sql("UPDATE jitpay_pay_log SET sweep_until = :until WHERE order_id = :orderId "
                + "AND status = :wait AND (sweep_until IS NULL OR sweep_until < :now)")
            .param("until", utc(until))
            .param("orderId", orderId)
            .param("wait", PayStatus.WAIT.code())
            .param("now", utc(now))
            .update() == 1;
    }

    @Override
    public void release(String orderId) {
        this.jdbc.sql("UPDATE jitpay_pay_log SET sweep_until = NULL WHERE order_id = :orderId")
            .param("orderId", orderId)
            .update();
    }

    @Override
    public void record(NotifyRecord record) {
        JdbcClient.StatementSpec insert = this.jdbc.sql("INSERT INTO jitpay_notify_log (received_at, "
                + "remote_address, out_trade_no, notify_id, params, signature_valid, outcome, error) VALUES "
                + "(:receivedAt, :remoteAddress, :orderId, :notifyId, :params, :signatureValid, :outcome, :error)")
            .param("receivedAt", utc(record.receivedAt()))
            .param("params", encode(record.params()))
            .param("signatureValid", record.signatureValid())
            .param("outcome", record.outcome().name());
        text(insert, "remoteAddress", clip(record.remoteAddress(), 64));
        text(insert, "orderId", clip(record.orderId(), 128));
        text(insert, "notifyId", clip(record.notifyId(), 128));
        text(insert, "error", clip(record.error(), 1024));
        insert.update();
    }

    @Override
    public Optional<NotifyRecord> findNotification(long id) {
        return this.jdbc.sql("SELECT " + NOTIFY_LOG_COLUMNS + " FROM jitpay_notify_log WHERE id = :id")
            .param("id", id)
            .query(JdbcPayLogStore::notifyRecord)
            .optional();
    }

    @Override
    public List<NotifyRecord> findNotifications(String orderId) {
        return this.jdbc.sql("SELECT " + NOTIFY_LOG_COLUMNS + " FROM jitpay_notify_log WHERE out_trade_no = :orderId "
                + "ORDER BY id")
            .param("orderId", orderId)
            .query(JdbcPayLogStore::notifyRecord)
            .list();
    }

    @Override
    public int purgeNotifications(Instant before) {
        return this.jdbc.sql("DELETE FROM jitpay_notify_log WHERE received_at < :before")
            .param("before", utc(before))
            .update();
    }

    /**
     * The database platform, read once from the connection's metadata.
     * @return the platform
     */
    public DatabasePlatform platform() {
        DatabasePlatform detected = this.platform;
        if (detected == null) {
            detected = DatabasePlatform.of(this.dataSource);
            this.platform = detected;
        }
        return detected;
    }

    private static PayLog payLog(ResultSet rs, int row) throws SQLException {
        String payType = rs.getString("pay_type");
        return new PayLog(rs.getString("order_id"), rs.getString("full_name"), rs.getString("subject"),
                money(rs, "amount"), PayStatus.fromCode(rs.getString("status")),
                (payType != null) ? PayType.valueOf(payType) : null, rs.getString("trade_no"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "paid_at"));
    }

    private static AliPayLog aliPayLog(ResultSet rs, int row) throws SQLException {
        return new AliPayLog(rs.getString("order_id"), rs.getString("trade_no"),
                AliPayStatus.valueOf(rs.getString("trade_status")), money(rs, "total_amount"),
                money(rs, "receipt_amount"), money(rs, "buyer_pay_amount"), rs.getString("buyer_logon_id"),
                rs.getString("buyer_id"), instant(rs, "gmt_payment"), instant(rs, "updated_at"));
    }

    private static NotifyRecord notifyRecord(ResultSet rs, int row) throws SQLException {
        return new NotifyRecord(rs.getLong("id"), instant(rs, "received_at"), rs.getString("remote_address"),
                rs.getString("out_trade_no"), rs.getString("notify_id"), decode(rs.getString("params")),
                rs.getBoolean("signature_valid"), NotifyResult.Outcome.valueOf(rs.getString("outcome")),
                rs.getString("error"));
    }

    /** Parameters as a UTF-8 form body: readable in the table, and decoded back exactly. */
    private static String encode(Map<String, String> params) {
        StringBuilder form = new StringBuilder(2048);
        params.forEach((name, value) -> form.append((form.length() > 0) ? "&" : "")
            .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
            .append(URLEncoder.encode((value != null) ? value : "", StandardCharsets.UTF_8)));
        return form.toString();
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static @Nullable String clip(@Nullable String value, int length) {
        return (value == null || value.length() <= length) ? value : value.substring(0, length);
    }

    private static @Nullable BigDecimal money(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return (value != null) ? value.setScale(2) : null;
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return (value != null) ? value.toInstant(ZoneOffset.UTC) : null;
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    // Nulls are bound with their SQL type: drivers then need no metadata round trip to guess it.

    private static void text(JdbcClient.StatementSpec statement, String name, @Nullable String value) {
        statement.param(name, value, Types.VARCHAR);
    }

    private static void money(JdbcClient.StatementSpec statement, String name, @Nullable BigDecimal value) {
        statement.param(name, value, Types.DECIMAL);
    }

    private static void time(JdbcClient.StatementSpec statement, String name, @Nullable Instant value) {
        if (value != null) {
            statement.param(name, utc(value));
        }
        else {
            statement.param(name, null, Types.TIMESTAMP);
        }
    }
}
