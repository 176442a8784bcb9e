package io.jitpay.alipay.jdbc;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.jitpay.alipay.AliPayLog;
import io.jitpay.alipay.AliPayStatus;
import io.jitpay.alipay.PaidSettlement;
import io.jitpay.alipay.RecordedOrder;
import io.jitpay.pay.NotifyRecord;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;

import static io.jitpay.alipay.jdbc.JdbcValues.utc;

/**
 * The statements of {@link JdbcPayLogStore#settlePaid}: a waiting order paid, with its Alipay view and its journal
 * row, in the fewest round trips each database allows. Runs inside the store's transaction; the caller commits.
 *
 * <p>All three share one conditional {@code UPDATE}: the order of this instance, still waiting, of exactly the reported
 * amount, with no Alipay report beyond {@code WAIT_BUYER_PAY}. They differ in how much more one statement can do:
 * <ul>
 * <li>PostgreSQL: everything. The {@code UPDATE ... RETURNING} and the two inserts are data-modifying {@code WITH}
 * queries of one statement, so a payment costs that statement and the commit.</li>
 * <li>H2: {@code SELECT ... FROM FINAL TABLE (UPDATE ...)} returns the changed row and whether it has a view; the view
 * and the journal row follow as two statements. All are in-process calls.</li>
 * <li>MySQL and MariaDB: {@code RETURNING} exists for {@code INSERT} and {@code DELETE} only, so the changed row is
 * read back with its view (the row is locked by the update), then the view and the journal row are written.</li>
 * </ul>
 */
final class PaidSettlements {

    private static final String PAID_IF_WAITING = """
            UPDATE jitpay_pay_log SET status = :success, trade_no = COALESCE(:tradeNo, trade_no), paid_at = :paidAt,
                updated_at = :at, next_check_at = NULL
            WHERE order_id = :orderId AND full_name = :fullName AND status = :wait AND amount = :amount""";

    private static final String PAID = PAID_IF_WAITING + """

              AND NOT EXISTS (SELECT 1 FROM jitpay_alipay_log v
                              WHERE v.order_id = :orderId AND v.trade_status <> :waitBuyerPay)""";

    private static final String POSTGRESQL_VIEW = "WITH paid AS (" + PAID + " RETURNING " + JdbcPayLogStore.COLUMNS
            + "), recorded AS (" + DatabasePlatform.upsertForEach("paid", "jitpay_alipay_log",
                    AliPayLogRows.COLUMNS, AliPayLogRows.SUPERSEDES) + ")";

    private static final String POSTGRESQL = POSTGRESQL_VIEW + " SELECT " + JdbcPayLogStore.COLUMNS + " FROM paid";

    private static final String POSTGRESQL_JOURNALED = POSTGRESQL_VIEW
            + ", journaled AS (INSERT INTO jitpay_notify_log (" + JdbcNotifyJournal.INSERT_COLUMNS + ") SELECT "
            + JdbcNotifyJournal.INSERT_VALUES + " FROM paid) SELECT " + JdbcPayLogStore.COLUMNS + " FROM paid";

    /** The paid order, and whether it has a view (the update does not touch the views, so either side of it). */
    private static final String H2 = "SELECT " + JdbcPayLogStore.COLUMNS
            + ", EXISTS (SELECT 1 FROM jitpay_alipay_log v WHERE v.order_id = :orderId) AS has_view FROM FINAL TABLE ("
            + PAID + ")";

    private final JdbcClient jdbc;

    private final Supplier<DatabasePlatform> platform;

    private final Consumer<AliPayLog> saveView;

    /**
     * @param saveView the store's upsert of a view, which joins the transaction in progress
     */
    PaidSettlements(JdbcClient jdbc, Supplier<DatabasePlatform> platform, Consumer<AliPayLog> saveView) {
        this.jdbc = jdbc;
        this.platform = platform;
        this.saveView = saveView;
    }

    /** Settles the order, or changes nothing and answers empty when it is not in the state the settlement needs. */
    Optional<PayLog> settle(PaidSettlement settlement) {
        return switch (this.platform.get()) {
            case POSTGRESQL -> settleOnPostgreSql(settlement);
            case H2 -> settleOnH2(settlement);
            case MYSQL -> settleOnMySql(settlement);
        };
    }

    private Optional<PayLog> settleOnPostgreSql(PaidSettlement settlement) {
        NotifyRecord journal = settlement.journal();
        JdbcClient.StatementSpec statement = paid(this.jdbc.sql((journal != null) ? POSTGRESQL_JOURNALED : POSTGRESQL),
                settlement);
        AliPayLogRows.bind(statement, settlement.view());
        if (journal != null) {
            JdbcNotifyJournal.bind(statement, journal);
        }
        return statement.query(JdbcPayLogStore::payLog).optional();
    }

    private Optional<PayLog> settleOnH2(PaidSettlement settlement) {
        Optional<H2Paid> paid = paid(this.jdbc.sql(H2), settlement)
            .query((rs, row) -> new H2Paid(JdbcPayLogStore.payLog(rs, row), rs.getBoolean("has_view")))
            .optional();
        paid.ifPresent((order) -> {
            if (order.hasView()) {
                recordViewAndJournal(settlement);
            }
            else {
                recordFirstViewAndJournal(settlement);
            }
        });
        return paid.map(H2Paid::order);
    }

    /**
     * InnoDB reads the view in an {@code UPDATE}'s subquery with a shared lock, and two deliveries of one payment then
     * deadlock on it; so the view is read after the update, without a lock (the order's row lock, taken first,
     * orders the deliveries), and a recorded report beyond {@code WAIT_BUYER_PAY} undoes the update. The first view of
     * an order is a plain insert: MariaDB re-resolves the long conditional upsert on every execution, which cost
     * nearly half the endpoint's throughput.
     * @throws NotSettled when the order's view rules the one-step path out; the caller rolls back
     */
    private Optional<PayLog> settleOnMySql(PaidSettlement settlement) {
        if (paid(this.jdbc.sql(PAID_IF_WAITING), settlement).update() != 1) {
            return Optional.empty();
        }
        RecordedOrder paid = this.jdbc.sql(JdbcPayLogStore.FIND_WITH_VIEW)
            .param("orderId", settlement.orderId())
            .param("fullName", settlement.fullName())
            .query(JdbcPayLogStore::recordedOrder)
            .single();
        AliPayLog recorded = paid.view();
        if (recorded == null) {
            recordFirstViewAndJournal(settlement);
        }
        else if (recorded.tradeStatus() == AliPayStatus.WAIT_BUYER_PAY) {
            recordViewAndJournal(settlement);
        }
        else {
            throw new NotSettled();
        }
        return Optional.of(paid.order());
    }

    /**
     * Most payments: the order has no view yet. Another delivery of the payment waits for the order's row lock and then
     * finds nothing to update, so only a view written outside that lock can come between (a check's
     * {@code WAIT_BUYER_PAY}, saved without a change): committed, it fails this insert on the key, and the caller
     * rolls back and takes the general path; not yet committed, H2 refuses the insert at once and MySQL waits for it,
     * and either error rolls back and answers {@code failure}, so that Alipay delivers again.
     * @throws NotSettled when a view was inserted meanwhile
     */
    private void recordFirstViewAndJournal(PaidSettlement settlement) {
        try {
            AliPayLogRows.bind(this.jdbc.sql(AliPayLogRows.INSERT), settlement.view()).update();
        }
        catch (DuplicateKeyException ex) {
            throw new NotSettled();
        }
        recordJournal(settlement);
    }

    private void recordViewAndJournal(PaidSettlement settlement) {
        this.saveView.accept(settlement.view());
        recordJournal(settlement);
    }

    private void recordJournal(PaidSettlement settlement) {
        NotifyRecord journal = settlement.journal();
        if (journal != null) {
            JdbcNotifyJournal.bind(this.jdbc.sql(JdbcNotifyJournal.INSERT), journal).update();
        }
    }

    /** What H2's one statement returns: the paid order, and whether it had a view. */
    private record H2Paid(PayLog order, boolean hasView) {
    }

    /** The one-step path does not apply after all: roll back, then take the general path. */
    static final class NotSettled extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotSettled() {
            super("The order's recorded Alipay view rules out the one-step payment", null, false, false);
        }
    }

    private static JdbcClient.StatementSpec paid(JdbcClient.StatementSpec statement, PaidSettlement settlement) {
        JdbcClient.StatementSpec bound = statement.param("success", PayStatus.SUCCESS.code())
            .param("paidAt", utc(settlement.paidAt()))
            .param("at", utc(settlement.at()))
            .param("orderId", settlement.orderId())
            .param("fullName", settlement.fullName())
            .param("wait", PayStatus.WAIT.code())
            .param("amount", settlement.amount())
            .param("waitBuyerPay", AliPayStatus.WAIT_BUYER_PAY.name());
        JdbcValues.text(bound, "tradeNo", settlement.view().tradeNo());
        return bound;
    }
}
