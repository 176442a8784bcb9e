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

import static io.jitpay.alipay.jdbc.JdbcPayLogStore.requireInstant;
import static io.jitpay.alipay.jdbc.JdbcPayLogStore.text;
import static io.jitpay.alipay.jdbc.JdbcPayLogStore.utc;

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

    private static final String INSERT = """
            INSERT INTO jitpay_notify_log (received_at, full_name, remote_address, out_trade_no, notify_id, form,
                signature_valid, outcome, rejection, error)
            VALUES (:receivedAt, :fullName, :remoteAddress, :orderId, :notifyId, :form, :signatureValid, :outcome,
                :rejection, :error)""";

    private final JdbcClient jdbc;

    private final StoreTransactions transactions;

    /**
     * Creates the journal.
     * @param dataSource the database
     */
    public JdbcNotifyJournal(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new StoreTransactions(dataSource);
    }

    @Override
    public void record(NotifyRecord record) {
        this.transactions.outsideCallerTransaction(() -> {
            JdbcClient.StatementSpec insert = this.jdbc.sql(INSERT)
                .param("receivedAt", utc(record.receivedAt()))
                .param("form", record.form())
                .param("signatureValid", record.signatureValid())
                .param("outcome", record.outcome().name());
            text(insert, "fullName", clip(record.fullName(), 128));
            text(insert, "remoteAddress", clip(record.remoteAddress(), 64));
            text(insert, "orderId", clip(record.orderId(), 128));
            text(insert, "notifyId", clip(record.notifyId(), 128));
            text(insert, "rejection", (record.rejection() != null) ? record.rejection().name() : null);
            text(insert, "error", clip(record.error(), 1024));
            return insert.update();
        });
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
