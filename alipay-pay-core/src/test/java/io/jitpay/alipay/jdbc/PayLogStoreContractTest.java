package io.jitpay.alipay.jdbc;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import java.sql.Timestamp;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.jitpay.alipay.AliPayLog;
import io.jitpay.alipay.AliPayStatus;
import io.jitpay.pay.NotifyRecord;
import io.jitpay.pay.NotifyResult;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The store's contract, run against each database by a subclass that provides it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PayLogStoreContractTest {

    private static final Instant T0 = Instant.parse("2026-11-26T01:02:03.123456Z");

    private static final AtomicInteger ids = new AtomicInteger();

    private static final String A = "pays.aliPayment";

    private static final String B = "pays.shopB";

    protected JdbcPayLogStore store;

    protected JdbcNotifyJournal journal;

    protected JdbcClient jdbc;

    private TestDatabase database;

    private DataSource dataSource;

    /** The database under test. */
    protected abstract TestDatabase createDatabase();

    @BeforeAll
    void openDatabase() {
        this.database = createDatabase();
        this.dataSource = this.database.newPool();
    }

    @AfterAll
    void closeDatabase() {
        if (this.database != null) {
            this.database.close();
        }
    }

    /** The schema is created before each test, twice, to prove the scripts idempotent. */
    @BeforeEach
    void initializeSchemaTwice() {
        new JdbcStoreSchema(this.dataSource).initialize();
        new JdbcStoreSchema(this.dataSource).initialize();
        this.store = new JdbcPayLogStore(this.dataSource);
        this.journal = new JdbcNotifyJournal(this.dataSource);
        this.jdbc = JdbcClient.create(this.dataSource);
    }

    @Test
    void insertedOrderIsFoundWithEveryFieldIntact() {
        PayLog order = order("9.90");
        this.store.insert(order);
        assertThat(this.store.find(A, order.orderId())).contains(order);
    }

    @Test
    void unknownOrderIsNotFound() {
        assertThat(this.store.find(A, "no-such-order")).isEmpty();
    }

    @Test
    void chineseSubjectAndLargestAmountRoundTrip() {
        PayLog order = new PayLog(nextId(), A, "语雀空间 500人规模 + 测试", new BigDecimal("100000000.00"),
                PayStatus.WAIT, null, null, T0, T0.plusSeconds(1800), T0, null, PayLog.NOTHING_REFUNDED);
        this.store.insert(order);
        assertThat(this.store.find(A, order.orderId())).contains(order);
    }

    @Test
    void duplicateOrderIdIsRefusedAndTheFirstOrderIsKept() {
        PayLog order = order("1.00");
        this.store.insert(order);
        PayLog other = new PayLog(order.orderId(), A, "Other", new BigDecimal("2.00"), PayStatus.WAIT, null, null, T0,
                T0, T0, null, PayLog.NOTHING_REFUNDED);
        assertThatExceptionOfType(PayException.class).isThrownBy(() -> this.store.insert(other))
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.ORDER_EXISTS_ERROR));
        assertThat(this.store.find(A, order.orderId())).contains(order);
    }

    @Test
    void anOrderIdTakenByAnotherInstanceIsRefusedToo() {
        PayLog order = order("1.00");
        this.store.insert(order);
        PayLog other = new PayLog(order.orderId(), B, "Other", new BigDecimal("2.00"), PayStatus.WAIT, null, null, T0,
                T0, T0, null, PayLog.NOTHING_REFUNDED);
        assertThatExceptionOfType(PayException.class).isThrownBy(() -> this.store.insert(other))
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.ORDER_EXISTS_ERROR));
    }

    @Test
    void orderIdsDifferingOnlyInCaseAreDistinct() {
        String id = nextId();
        this.store.insert(order(id.toLowerCase() + "x", "1.00"));
        this.store.insert(order(id.toLowerCase() + "X", "2.00"));
        assertThat(this.store.find(A, id.toLowerCase() + "X")).get().extracting(PayLog::amount)
            .isEqualTo(new BigDecimal("2.00"));
    }

    @Test
    void anotherInstancesOrderIsNotFoundNotChangedNotDueAndNotClaimable() {
        Instant now = T0.plusSeconds(7200);
        PayLog theirs = stored(B, nextId(), PayStatus.WAIT, T0);
        assertThat(this.store.find(A, theirs.orderId())).isEmpty();
        PayLog forged = new PayLog(theirs.orderId(), A, theirs.subject(), theirs.amount(), PayStatus.WAIT, null, null,
                T0, theirs.expiresAt(), T0, null, PayLog.NOTHING_REFUNDED);
        assertThat(this.store.transition(forged, PayStatus.CLOSE, null, null, null, now, (changed) -> {
        })).isEmpty();
        assertThat(this.store.updatePayType(A, theirs.orderId(), PayType.PRE_PAY, now)).isFalse();
        assertThat(dueIds(A, now)).doesNotContain(theirs.orderId());
        assertThat(this.store.claim(A, theirs.orderId(), now, now.plusSeconds(60))).isFalse();
        this.store.saveAliPayLog(view(theirs.orderId(), AliPayStatus.TRADE_SUCCESS));
        assertThat(this.store.findAliPayLog(A, theirs.orderId())).isEmpty();
        assertThat(this.store.findAliPayLog(B, theirs.orderId())).isPresent();
        assertThat(this.store.find(B, theirs.orderId())).contains(theirs);
        assertThat(dueIds(B, now)).contains(theirs.orderId());
    }

    @Test
    void theOwnerOfAnOrderIsTheInstanceThatStoredIt() {
        PayLog ours = stored(A, nextId(), PayStatus.WAIT, T0);
        PayLog theirs = stored(B, nextId(), PayStatus.SUCCESS, T0);
        assertThat(this.store.findOwner(ours.orderId())).contains(A);
        assertThat(this.store.findOwner(theirs.orderId())).contains(B);
        assertThat(this.store.findOwner("NO_SUCH_ORDER")).isEmpty();
    }

    @Test
    void transitionFromTheObservedStatusWinsAndRecordsTradeAndPaymentTime() {
        PayLog order = order("9.90");
        this.store.insert(order);
        Instant paidAt = T0.plusSeconds(30);
        Instant at = T0.plusSeconds(31);
        List<PayLog> seen = new ArrayList<>();
        Optional<PayLog> changed = this.store.transition(order, PayStatus.SUCCESS, "2026112622001", paidAt, null, at,
                seen::add);
        PayLog expected = new PayLog(order.orderId(), order.fullName(), order.subject(), order.amount(),
                PayStatus.SUCCESS, null, "2026112622001", T0, order.expiresAt(), at, paidAt, PayLog.NOTHING_REFUNDED);
        assertThat(changed).contains(expected);
        assertThat(seen).containsExactly(expected);
        assertThat(this.store.find(A, order.orderId())).contains(expected);
    }

    @Test
    void transitionFromAStaleStatusLosesAndChangesNothing() {
        PayLog order = order("9.90");
        this.store.insert(order);
        this.store.transition(order, PayStatus.CLOSE, null, null, null, T0.plusSeconds(1), (changed) -> {
        });
        List<PayLog> seen = new ArrayList<>();
        Optional<PayLog> second = this.store.transition(order, PayStatus.TIMEOUT, null, null, null,
                T0.plusSeconds(2), seen::add);
        assertThat(second).isEmpty();
        assertThat(seen).isEmpty();
        assertThat(this.store.find(A, order.orderId())).get().extracting(PayLog::status).isEqualTo(PayStatus.CLOSE);
    }

    @Test
    void everyTransitionOfTheStatusModelIsStored() {
        for (PayStatus from : PayStatus.values()) {
            for (PayStatus to : PayStatus.values()) {
                if (from == to) {
                    continue;
                }
                PayLog order = new PayLog(nextId(), A, "Order", new BigDecimal("1.00"), from, null, null, T0, T0, T0,
                        null, PayLog.NOTHING_REFUNDED);
                this.store.insert(order);
                assertThat(this.store.transition(order, to, null, null, null, T0.plusSeconds(1), (changed) -> {
                })).get().extracting(PayLog::status).isEqualTo(to);
                assertThat(this.store.find(A, order.orderId())).get().extracting(PayLog::status).isEqualTo(to);
            }
        }
    }

    @Test
    void failureInTheTransitionCallbackRollsTheTransitionBack() {
        PayLog order = order("9.90");
        this.store.insert(order);
        AliPayLog view = view(order.orderId(), AliPayStatus.TRADE_SUCCESS);
        assertThatIllegalStateException().isThrownBy(() -> this.store.transition(order, PayStatus.SUCCESS, "T1",
                T0, null, T0, (changed) -> {
                    this.store.saveAliPayLog(view);
                    throw new IllegalStateException("listener failed");
                }));
        assertThat(this.store.find(A, order.orderId())).contains(order);
        assertThat(this.store.findAliPayLog(A, order.orderId())).isEmpty();
    }

    @Test
    void concurrentTransitionsFromTheSameStatusHaveExactlyOneWinner() throws Exception {
        PayLog order = order("9.90");
        this.store.insert(order);
        AtomicInteger callbacks = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                PayStatus target = (i % 2 == 0) ? PayStatus.SUCCESS : PayStatus.CLOSE;
                tasks.add(() -> this.store.transition(order, target, null, null, null, T0, (changed) -> callbacks
                    .incrementAndGet()).isPresent());
            }
            int winners = 0;
            for (Future<Boolean> result : threads.invokeAll(tasks)) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(callbacks).hasValue(1);
        }
        finally {
            threads.shutdownNow();
        }
    }

    /**
     * A caller's transaction on REPEATABLE READ (MySQL's default) keeps showing the status it read first; the store's
     * work runs outside it, so it sees the change another connection committed meanwhile and can act on it.
     */
    @Test
    void theStoreSeesCommittedChangesFromInsideACallersRepeatableReadTransaction() {
        PayLog order = order("9.90");
        this.store.insert(order);
        TransactionTemplate caller = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
        caller.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        caller.executeWithoutResult((status) -> {
            JdbcClient.create(this.dataSource).sql("SELECT status FROM jitpay_pay_log WHERE order_id = :id")
                .param("id", order.orderId()).query(String.class).single();
            runInAnotherThread(() -> this.store.transition(order, PayStatus.CLOSE, null, null, null,
                    T0.plusSeconds(1), (changed) -> {
                    }));
            PayLog seen = this.store.find(A, order.orderId()).orElseThrow();
            assertThat(seen.status()).isEqualTo(PayStatus.CLOSE);
            assertThat(this.store.transition(seen, PayStatus.SUCCESS, "T1", T0, null, T0.plusSeconds(2),
                    (changed) -> {
                    })).isPresent();
        });
        assertThat(this.store.find(A, order.orderId())).get().extracting(PayLog::status)
            .isEqualTo(PayStatus.SUCCESS);
    }

    @Test
    void payTypeIsRecordedOnlyWhileWaiting() {
        PayLog waiting = order("1.00");
        this.store.insert(waiting);
        assertThat(this.store.updatePayType(A, waiting.orderId(), PayType.WAP_PAY, T0.plusSeconds(5))).isTrue();
        assertThat(this.store.find(A, waiting.orderId())).get().extracting(PayLog::payType)
            .isEqualTo(PayType.WAP_PAY);

        PayLog closed = new PayLog(nextId(), A, "Closed", new BigDecimal("1.00"), PayStatus.CLOSE, null, null, T0, T0,
                T0, null, PayLog.NOTHING_REFUNDED);
        this.store.insert(closed);
        assertThat(this.store.updatePayType(A, closed.orderId(), PayType.PRE_PAY, T0)).isFalse();
        assertThat(this.store.find(A, closed.orderId())).contains(closed);
    }

    @Test
    void aliPayLogIsInsertedThenReplaced() {
        PayLog order = order("0.10");
        this.store.insert(order);
        AliPayLog waiting = new AliPayLog(order.orderId(), "2019081522001468450512505578",
                AliPayStatus.WAIT_BUYER_PAY, new BigDecimal("0.10"), new BigDecimal("0.00"), new BigDecimal("0.00"),
                "xud***@126.com", "2088102534368455", null, null, null, null, T0, T0);
        this.store.saveAliPayLog(waiting);
        assertThat(this.store.findAliPayLog(A, order.orderId())).contains(waiting);

        AliPayLog refunded = new AliPayLog(order.orderId(), "2019081522001468450512505578",
                AliPayStatus.TRADE_CLOSED, new BigDecimal("0.10"), new BigDecimal("0.10"), new BigDecimal("0.10"),
                "xud***@126.com", "2088102534368455", T0.plusSeconds(2), new BigDecimal("0.10"), T0.plusSeconds(60),
                "R20261126000001", T0.plusSeconds(61), T0.plusSeconds(62));
        this.store.saveAliPayLog(refunded);
        assertThat(this.store.findAliPayLog(A, order.orderId())).contains(refunded);
        assertThat(count("jitpay_alipay_log", order.orderId())).isEqualTo(1);
    }

    @Test
    void aliPayLogNeverMovesBack() {
        PayLog order = order("0.10");
        this.store.insert(order);
        AliPayLog refunded = report(order, AliPayStatus.TRADE_SUCCESS, "0.05", 30);
        this.store.saveAliPayLog(refunded);
        // A report that arrives late (a lost race: read before the newer one was written) is not written over it.
        this.store.saveAliPayLog(report(order, AliPayStatus.TRADE_SUCCESS, null, 10));
        this.store.saveAliPayLog(report(order, AliPayStatus.TRADE_SUCCESS, null, 40));
        this.store.saveAliPayLog(report(order, AliPayStatus.TRADE_SUCCESS, "0.05", 20));
        this.store.saveAliPayLog(report(order, AliPayStatus.WAIT_BUYER_PAY, null, 50));
        assertThat(this.store.findAliPayLog(A, order.orderId())).contains(refunded);

        AliPayLog later = report(order, AliPayStatus.TRADE_SUCCESS, "0.05", 35);
        this.store.saveAliPayLog(later);
        assertThat(this.store.findAliPayLog(A, order.orderId())).contains(later);
        // A later stage replaces the view whole, even with less refunded (each column, on MySQL).
        AliPayLog finished = report(order, AliPayStatus.TRADE_FINISHED, null, 36);
        this.store.saveAliPayLog(finished);
        assertThat(this.store.findAliPayLog(A, order.orderId())).contains(finished);
    }

    @Test
    void aliPayLogIsReplacedExactlyWhenTheNewViewSupersedesIt() {
        record Report(AliPayStatus status, String refundFee, int second) {
        }
        List<Report> reports = new ArrayList<>();
        for (AliPayStatus status : AliPayStatus.values()) {
            for (String refundFee : new String[] { null, "0.05" }) {
                for (int second : new int[] { 10, 20 }) {
                    reports.add(new Report(status, refundFee, second));
                }
            }
        }
        List<String> wrong = new ArrayList<>();
        for (Report first : reports) {
            for (Report second : reports) {
                PayLog order = order("0.10");
                this.store.insert(order);
                AliPayLog recorded = report(order, first.status(), first.refundFee(), first.second());
                AliPayLog next = report(order, second.status(), second.refundFee(), second.second());
                this.store.saveAliPayLog(recorded);
                this.store.saveAliPayLog(next);
                AliPayLog expected = next.supersedes(recorded) ? next : recorded;
                if (!this.store.findAliPayLog(A, order.orderId()).equals(Optional.of(expected))) {
                    wrong.add(describe(recorded) + " then " + describe(next));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aliPayLogWithOnlyTheRequiredFieldsRoundTrips() {
        PayLog order = order("0.10");
        this.store.insert(order);
        AliPayLog bare = new AliPayLog(order.orderId(), null, AliPayStatus.TRADE_CLOSED, null, null, null, null, null,
                null, null, null, null, T0, T0);
        this.store.saveAliPayLog(bare);
        assertThat(this.store.findAliPayLog(A, order.orderId())).contains(bare);
    }

    @Test
    void platformIsDetectedFromTheConnection() {
        assertThat(this.store.platform()).isEqualTo(this.database.platform());
        assertThat(new JdbcStoreSchema(this.dataSource).script().exists()).isTrue();
    }

    @Test
    void dueOrdersAreTheOnesPastTheirNextCheckLongestDueFirst() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        PayLog due = stored(A, nextId(), PayStatus.WAIT, now.minusSeconds(3600));
        PayLog longer = stored(A, nextId(), PayStatus.WAIT, now.minusSeconds(7200));
        PayLog notYet = stored(A, nextId(), PayStatus.WAIT, now.plusSeconds(60));
        PayLog settled = stored(A, nextId(), PayStatus.WAIT, now.minusSeconds(9000));
        this.store.transition(settled, PayStatus.SUCCESS, "T", now, null, now, (changed) -> {
        });
        PayLog recheck = stored(A, nextId(), PayStatus.WAIT, now.plusSeconds(10));
        this.store.transition(recheck, PayStatus.CLOSE, null, null, recheck.expiresAt(), now, (changed) -> {
        });
        List<String> ids = List.of(due.orderId(), longer.orderId(), notYet.orderId(), settled.orderId(),
                recheck.orderId());
        assertThat(dueIds(A, now).stream().filter(ids::contains)).containsExactly(longer.orderId(), due.orderId());
        assertThat(dueIds(A, now.plusSeconds(30)).stream().filter(ids::contains)).containsExactly(longer.orderId(),
                due.orderId(), recheck.orderId());
        assertThat(this.store.findDue(A, now, 1)).hasSize(1);
    }

    @Test
    void aClaimedOrderIsHeldUntilItsClaimRunsOutOrIsReleased() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        PayLog order = stored(A, nextId(), PayStatus.WAIT, now.minusSeconds(7200));
        assertThat(this.store.claim(A, order.orderId(), now, now.plusSeconds(60))).isTrue();
        assertThat(this.store.claim(A, order.orderId(), now.plusSeconds(1), now.plusSeconds(61))).isFalse();
        assertThat(dueIds(A, now.plusSeconds(1))).doesNotContain(order.orderId());
        assertThat(dueIds(A, now.plusSeconds(61))).contains(order.orderId());
        assertThat(this.store.claim(A, order.orderId(), now.plusSeconds(61), now.plusSeconds(121))).isTrue();
        this.store.reschedule(A, order.orderId(), now.plusSeconds(62));
        assertThat(this.store.claim(A, order.orderId(), now.plusSeconds(62), now.plusSeconds(122))).isTrue();
    }

    @Test
    void aSettledOrderIsNeitherDueNorClaimableAndAReleaseDoesNotRevive() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        PayLog order = stored(A, nextId(), PayStatus.WAIT, now.minusSeconds(7200));
        this.store.transition(order, PayStatus.SUCCESS, "T", now, null, now, (changed) -> {
        });
        assertThat(this.store.claim(A, order.orderId(), now, now.plusSeconds(60))).isFalse();
        this.store.reschedule(A, order.orderId(), now);
        assertThat(dueIds(A, now.plusSeconds(1))).doesNotContain(order.orderId());
    }

    @Test
    void concurrentClaimsOfOneOrderHaveExactlyOneWinner() throws Exception {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        PayLog order = stored(A, nextId(), PayStatus.WAIT, now.minusSeconds(7200));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                claims.add(() -> this.store.claim(A, order.orderId(), now, now.plusSeconds(60)));
            }
            int winners = 0;
            for (Future<Boolean> claim : threads.invokeAll(claims)) {
                winners += claim.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        }
        finally {
            threads.shutdownNow();
        }
    }

    @Test
    void dueQueryIsServedByTheInstanceAndNextCheckIndex() {
        List<Object[]> rows = new ArrayList<>();
        Timestamp longAgo = Timestamp.valueOf("2020-01-01 00:00:00");
        String prefix = "PLAN" + System.nanoTime() + "_";
        for (int i = 0; i < 20_000; i++) {
            String owner = (i % 3 == 0) ? A : ((i % 3 == 1) ? B : "pays.shopC");
            rows.add(new Object[] { prefix + i, owner, longAgo, (i % 100 == 0) ? longAgo : null });
        }
        new org.springframework.jdbc.core.JdbcTemplate(this.dataSource).batchUpdate("INSERT INTO jitpay_pay_log "
                + "(order_id, full_name, subject, amount, status, created_at, expires_at, updated_at, next_check_at) "
                + "VALUES (?, ?, 'Plan', 1.00, 'wait', ?, ?, ?, ?)",
                rows.stream().map((row) -> new Object[] { row[0], row[1], row[2], row[2], row[2], row[3] }).toList());
        analyze();
        String plan = String.join("\n", this.jdbc.sql("EXPLAIN " + JdbcPayLogStore.DUE
                .replace(":fullName", "'" + A + "'").replace(":now", "TIMESTAMP '2021-01-01 00:00:00'") + "100")
            .query((rs, row) -> {
                StringBuilder line = new StringBuilder();
                for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                    line.append(rs.getString(column)).append(' ');
                }
                return line.toString();
            })
            .list());
        System.out.println("Due query plan on " + this.database + ":\n" + plan);
        assertThat(plan).containsIgnoringCase("jitpay_pay_log_due_idx");
    }

    @Test
    void journalRecordsFindsAndPurgesNotificationsOfOneInstance() {
        Instant t = Instant.parse("2030-01-01T00:00:00Z");
        String orderId = nextId();
        String form = "out_trade_no=" + orderId
                + "&subject=%E8%AF%AD%E9%9B%80+%2B+%26+%3Cb%3E&sign=Rs7S%2BszD%2F15W%3D%3D";
        this.journal.record(new NotifyRecord(0, t, A, "10.0.0.1", orderId, "2023122101222162644199160501632046", form,
                true, NotifyResult.Outcome.APPLIED, null, null));
        this.journal.record(new NotifyRecord(0, t.plusSeconds(10), A, "10.0.0.2", orderId, null, form, false,
                NotifyResult.Outcome.REJECTED, NotifyResult.Rejection.BAD_SIGNATURE, "the signature does not verify"));
        this.journal.record(new NotifyRecord(0, t, B, "10.0.0.3", orderId, null, form, true,
                NotifyResult.Outcome.DUPLICATE, null, null));
        List<NotifyRecord> recorded = this.journal.findNotifications(orderId);
        assertThat(recorded).hasSize(3);
        long first = recorded.get(0).id();
        long second = recorded.get(1).id();
        long third = recorded.get(2).id();
        assertThat(second).isGreaterThan(first);
        assertThat(this.journal.findNotification(second).orElseThrow()).isEqualTo(new NotifyRecord(second,
                t.plusSeconds(10), A, "10.0.0.2", orderId, null, form, false, NotifyResult.Outcome.REJECTED,
                NotifyResult.Rejection.BAD_SIGNATURE, "the signature does not verify"));
        assertThat(this.journal.purgeNotifications(A, t.plusSeconds(5))).isGreaterThanOrEqualTo(1);
        assertThat(this.journal.findNotifications(orderId)).extracting(NotifyRecord::id).containsExactly(second,
                third);
    }

    @Test
    void journalClipsOverlongFieldsInsteadOfFailing() {
        String hostile = "x".repeat(5000);
        this.journal.record(new NotifyRecord(0, T0, hostile, hostile, hostile, hostile, "out_trade_no=" + hostile,
                false, NotifyResult.Outcome.REJECTED, NotifyResult.Rejection.BAD_SIGNATURE, hostile));
        NotifyRecord found = this.journal.findNotifications(hostile.substring(0, 128)).get(0);
        assertThat(found.orderId()).hasSize(128);
        assertThat(found.fullName()).hasSize(128);
        assertThat(found.form()).isEqualTo("out_trade_no=" + hostile);
    }

    private void analyze() {
        switch (this.database.platform()) {
            case POSTGRESQL -> this.jdbc.sql("ANALYZE jitpay_pay_log").update();
            case MYSQL -> this.jdbc.sql("ANALYZE TABLE jitpay_pay_log").query().listOfRows();
            case H2 -> this.jdbc.sql("ANALYZE TABLE jitpay_pay_log").update();
        }
    }

    private List<String> dueIds(String fullName, Instant now) {
        return this.store.findDue(fullName, now, 100_000).stream().map(PayLog::orderId).toList();
    }

    private PayLog stored(String fullName, String id, PayStatus status, Instant expiresAt) {
        PayLog order = new PayLog(id, fullName, "Coffee", new BigDecimal("1.00"), status, null, null, T0, expiresAt,
                T0, null, PayLog.NOTHING_REFUNDED);
        this.store.insert(order);
        return order;
    }

    private int count(String table, String orderId) {
        return this.jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE order_id = :id").param("id", orderId)
            .query(Integer.class).single();
    }

    private static void runInAnotherThread(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        try {
            thread.join();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static PayLog order(String amount) {
        return order(nextId(), amount);
    }

    private static PayLog order(String id, String amount) {
        return new PayLog(id, A, "Coffee", new BigDecimal(amount), PayStatus.WAIT, null, null, T0,
                T0.plusSeconds(1800), T0, null, PayLog.NOTHING_REFUNDED);
    }

    /** A report of an order's trade, {@code second}s after T0, with the refunded total or {@code null}. */
    private static AliPayLog report(PayLog order, AliPayStatus status, String refundFee, int second) {
        Instant at = T0.plusSeconds(second);
        return new AliPayLog(order.orderId(), "2026112622001468450512505578", status,
                new BigDecimal("0.10"), new BigDecimal("0.10"), new BigDecimal("0.10"), "xud***@126.com",
                "2088102534368455", status.isPaid() ? T0 : null, (refundFee != null) ? new BigDecimal(refundFee) : null,
                (refundFee != null) ? at : null, (refundFee != null) ? "R" + second : null, at, at);
    }

    private static String describe(AliPayLog view) {
        return view.tradeStatus() + "/" + view.refundFee() + "@" + view.reportedAt();
    }

    private static AliPayLog view(String orderId, AliPayStatus status) {
        return new AliPayLog(orderId, "T1", status, null, null, null, null, null, null, null, null, null, T0, T0);
    }

    private static String nextId() {
        return "S" + Instant.now().truncatedTo(ChronoUnit.SECONDS).getEpochSecond() + "_" + ids.incrementAndGet()
                + "_" + System.nanoTime() % 100000;
    }
}
