package io.jitpay.alipay.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.jitpay.pay.NotifyJournal;
import io.jitpay.pay.NotifyRecord;
import io.jitpay.pay.NotifyResult;

import static io.jitpay.alipay.jdbc.JdbcValues.requireInstant;
import static io.jitpay.alipay.jdbc.JdbcValues.text;
import static io.jitpay.alipay.jdbc.JdbcValues.utc;

/**
 * The journal of every notification received, valid or not, in table {@code jitpay_notify_log} (created by
 * {@link JdbcStoreSchema}). Each record is written on its own, outside the order's transaction: a notification that
 * failed is journaled too. Overlong fields are cut, never refused.
 *
 * @since 0.1.0
 */
public final class JdbcNotifyJournal implements NotifyJournal {

    private static final String COLUMNS = """
            id, received_at, full_name, remote_address, out_trade_no, notify_id, form, signature_valid, outcome, \
            rejection, error""";

    /** The journal's columns as {@link #bind} names them, for a statement of the order store that journals too. */
    static final String INSERT_COLUMNS = """
            received_at, full_name, remote_address, out_trade_no, notify_id, form, signature_valid, outcome, \
            rejection, error""";

    static final String INSERT_VALUES = """
            :j_received_at, :j_full_name, :j_remote_address, :j_out_trade_no, :j_notify_id, :j_form, \
            :j_signature_valid, :j_outcome, :j_rejection, :j_error""";

    static final String INSERT = "INSERT INTO jitpay_notify_log (" + INSERT_COLUMNS + ") VALUES ("
            + INSERT_VALUES + ")";

    private final DataSource dataSource;

    private final JdbcClient jdbc;

    private final StoreTransactions transactions;

    /**
     * Creates the journal.
     * @param dataSource the database
     */
    public JdbcNotifyJournal(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new StoreTransactions(dataSource);
    }

    @Override
    public void record(NotifyRecord record) {
        this.transactions.outsideCallerTransaction(() -> bind(this.jdbc.sql(INSERT), record).update());
    }

    /** Binds a record to the {@code :j_*} parameters of {@link #INSERT_VALUES}. Overlong fields are cut. */
    static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec insert, NotifyRecord record) {
        insert.param("j_received_at", utc(record.receivedAt()))
            .param("j_form", record.form())
            .param("j_signature_valid", record.signatureValid())
            .param("j_outcome", record.outcome().name());
        text(insert, "j_full_name", clip(record.fullName(), 128));
        text(insert, "j_remote_address", clip(record.remoteAddress(), 64));
        text(insert, "j_out_trade_no", clip(record.orderId(), 128));
        text(insert, "j_notify_id", clip(record.notifyId(), 128));
        text(insert, "j_rejection", (record.rejection() != null) ? record.rejection().name() : null);
        text(insert, "j_error", clip(record.error(), 1024));
        return insert;
    }

    /** The database this journal writes to. */
    DataSource dataSource() {
        return this.dataSource;
    }

    @Override
    public Optional<NotifyRecord> findNotification(long id) {
        return this.transactions.outsideCallerTransaction(() -> this.jdbc.sql("SELECT " + COLUMNS
                + " FROM jitpay_notify_log WHERE id = :id")
            .param("id", id)
            .query(JdbcNotifyJournal::notifyRecord)
            .optional());
    }

    @Override
    public List<NotifyRecord> findNotifications(String orderId) {
        return this.transactions.outsideCallerTransaction(() -> this.jdbc.sql("SELECT " + COLUMNS
                + " FROM jitpay_notify_log WHERE out_trade_no = :orderId ORDER BY id")
            .param("orderId", orderId)
            .query(JdbcNotifyJournal::notifyRecord)
            .list());
    }

    @Override
    public int purgeNotifications(String fullName, Instant before) {
        return this.transactions.outsideCallerTransaction(() -> this.jdbc.sql("""
                DELETE FROM jitpay_notify_log
                WHERE received_at < :before AND (full_name = :fullName OR full_name IS NULL)""")
            .param("before", utc(before))
            .param("fullName", fullName)
            .update());
    }

    private static NotifyRecord notifyRecord(ResultSet rs, int row) throws SQLException {
        String rejection = rs.getString("rejection");
        return new NotifyRecord(rs.getLong("id"), requireInstant(rs, "received_at"), rs.getString("full_name"),
                rs.getString("remote_address"), rs.getString("out_trade_no"), rs.getString("notify_id"),
                rs.getString("form"), rs.getBoolean("signature_valid"),
                NotifyResult.Outcome.valueOf(rs.getString("outcome")),
                (rejection != null) ? NotifyResult.Rejection.valueOf(rejection) : null, rs.getString("error"));
    }

    private static @Nullable String clip(@Nullable String value, int length) {
        return (value == null || value.length() <= length) ? value : value.substring(0, length);
    }
}
