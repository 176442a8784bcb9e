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
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

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

    protected JdbcPayLogStore store;

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
        this.store = new JdbcPayLogStore(this.dataSource);
        this.store.initializeSchema();
        this.store.initializeSchema();
        this.jdbc = JdbcClient.create(this.dataSource);
    }

    @Test
    void insertedOrderIsFoundWithEveryFieldIntact() {
        PayLog order = order("9.90");
        this.store.insert(order);
        assertThat(this.store.find(order.orderId())).contains(order);
    }

    @Test
    void unknownOrderIsNotFound() {
        assertThat(this.store.find("no-such-order")).isEmpty();
    }

    @Test
    void chineseSubjectAndLargestAmountRoundTrip() {
        PayLog order = new PayLog(nextId(), "pays.aliPayment", "语雀空间 500人规模 + 测试", new BigDecimal("100000000.00"),
                PayStatus.WAIT, null, null, T0, T0, null);
        this.store.insert(order);
        assertThat(this.store.find(order.orderId())).contains(order);
    }

    @Test
    void duplicateOrderIdIsRefusedAndTheFirstOrderIsKept() {
        PayLog order = order("1.00");
        this.store.insert(order);
        PayLog other = new PayLog(order.orderId(), "pays.aliPayment", "Other", new BigDecimal("2.00"),
                PayStatus.WAIT, null, null, T0, T0, null);
        assertThatExceptionOfType(PayException.class).isThrownBy(() -> this.store.insert(other))
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.ORDER_EXISTS_ERROR));
        assertThat(this.store.find(order.orderId())).contains(order);
    }

    @Test
    void orderIdsDifferingOnlyInCaseAreDistinct() {
        String id = nextId();
        this.store.insert(order(id.toLowerCase() + "x", "1.00"));
        this.store.insert(order(id.toLowerCase() + "X", "2.00"));
        assertThat(this.store.find(id.toLowerCase() + "X")).get().extracting(PayLog::amount)
            .isEqualTo(new BigDecimal("2.00"));
    }

    @Test
    void transitionFromTheObservedStatusWinsAndRecordsTradeAndPaymentTime() {
        PayLog order = order("9.90");
        this.store.insert(order);
        Instant paidAt = T0.plusSeconds(30);
        Instant at = T0.plusSeconds(31);
        List<PayLog> seen = new ArrayList<>();
        Optional<PayLog> changed = this.store.transition(order, PayStatus.SUCCESS, "2026112622001", paidAt, at,
                seen::add);
        PayLog expected = new PayLog(order.orderId(), order.fullName(), order.subject(), order.amount(),
                PayStatus.SUCCESS, null, "2026112622001", T0, at, paidAt);
        assertThat(changed).contains(expected);
        assertThat(seen).containsExactly(expected);
        assertThat(this.store.find(order.orderId())).contains(expected);
    }

    @Test
    void transitionFromAStaleStatusLosesAndChangesNothing() {
        PayLog order = order("9.90");
        this.store.insert(order);
        this.store.transition(order, PayStatus.CLOSE, null, null, T0.plusSeconds(1), (changed) -> {
        });
        List<PayLog> seen = new ArrayList<>();
        Optional<PayLog> second = this.store.transition(order, PayStatus.TIMEOUT, null, null, T0.plusSeconds(2),
                seen::add);
        assertThat(second).isEmpty();
        assertThat(seen).isEmpty();
        assertThat(this.store.find(order.orderId())).get().extracting(PayLog::status).isEqualTo(PayStatus.CLOSE);
    }

    @Test
    void everyTransitionOfTheStatusModelIsStored() {
        for (PayStatus from : PayStatus.values()) {
            for (PayStatus to : PayStatus.values()) {
                if (from == to) {
                    continue;
                }
                PayLog order = new PayLog(nextId(), "pays.aliPayment", "Order", new BigDecimal("1.00"), from, null,
                        null, T0, T0, null);
                this.store.insert(order);
                assertThat(this.store.transition(order, to, null, null, T0.plusSeconds(1), (changed) -> {
                })).get().extracting(PayLog::status).isEqualTo(to);
                assertThat(this.store.find(order.orderId())).get().extracting(PayLog::status).isEqualTo(to);
            }
        }
    }

    @Test
    void failureInTheTransitionCallbackRollsTheTransitionBack() {
        PayLog order = order("9.90");
        this.store.insert(order);
        AliPayLog view = view(order.orderId(), AliPayStatus.TRADE_SUCCESS);
        assertThatIllegalStateException().isThrownBy(() -> this.store.transition(order, PayStatus.SUCCESS, "T1",
                T0, T0, (changed) -> {
                    this.store.saveAliPayLog(view);
                    throw new IllegalStateException("listener failed");
                }));
        assertThat(this.store.find(order.orderId())).contains(order);
        assertThat(this.store.findAliPayLog(order.orderId())).isEmpty();
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
                tasks.add(() -> this.store.transition(order, target, null, null, T0, (changed) -> callbacks
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

    @Test
    void payTypeIsRecordedOnlyWhileWaiting() {
        PayLog waiting = order("1.00");
        this.store.insert(waiting);
        assertThat(this.store.updatePayType(waiting.orderId(), PayType.WAP_PAY, T0.plusSeconds(5))).isTrue();
        assertThat(this.store.find(waiting.orderId())).get().extracting(PayLog::payType).isEqualTo(PayType.WAP_PAY);

        PayLog closed = new PayLog(nextId(), "pays.aliPayment", "Closed", new BigDecimal("1.00"), PayStatus.CLOSE,
                null, null, T0, T0, null);
        this.store.insert(closed);
        assertThat(this.store.updatePayType(closed.orderId(), PayType.PRE_PAY, T0)).isFalse();
        assertThat(this.store.find(closed.orderId())).contains(closed);
    }

    @Test
    void aliPayLogIsInsertedThenReplaced() {
        PayLog order = order("0.10");
        this.store.insert(order);
        AliPayLog waiting = new AliPayLog(order.orderId(), "2019081522001468450512505578",
                AliPayStatus.WAIT_BUYER_PAY, new BigDecimal("0.10"), new BigDecimal("0.00"), new BigDecimal("0.00"),
                "xud***@126.com", "2088102534368455", null, T0);
        this.store.saveAliPayLog(waiting);
        assertThat(this.store.findAliPayLog(order.orderId())).contains(waiting);

        AliPayLog paid = new AliPayLog(order.orderId(), "2019081522001468450512505578", AliPayStatus.TRADE_SUCCESS,
                new BigDecimal("0.10"), new BigDecimal("0.10"), new BigDecimal("0.10"), "xud***@126.com",
                "2088102534368455", T0.plusSeconds(2), T0.plusSeconds(3));
        this.store.saveAliPayLog(paid);
        assertThat(this.store.findAliPayLog(order.orderId())).contains(paid);
        assertThat(count("jitpay_alipay_log", order.orderId())).isEqualTo(1);
    }

    @Test
    void aliPayLogWithOnlyTheRequiredFieldsRoundTrips() {
        PayLog order = order("0.10");
        this.store.insert(order);
        AliPayLog bare = new AliPayLog(order.orderId(), null, AliPayStatus.TRADE_CLOSED, null, null, null, null, null,
                null, T0);
        this.store.saveAliPayLog(bare);
        assertThat(this.store.findAliPayLog(order.orderId())).contains(bare);
    }

    @Test
    void platformIsDetectedFromTheConnection() {
        assertThat(this.store.platform()).isEqualTo(this.database.platform());
        assertThat(this.store.platform().schemaScript().exists()).isTrue();
    }

    @Test
    void overdueOrdersAreTheWaitingOnesCreatedBeforeTheCutoffOldestFirst() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        PayLog old = stored(nextId(), PayStatus.WAIT, now.minusSeconds(3600));
        PayLog older = stored(nextId(), PayStatus.WAIT, now.minusSeconds(7200));
        stored(nextId(), PayStatus.WAIT, now.minusSeconds(60));
        stored(nextId(), PayStatus.SUCCESS, now.minusSeconds(9000));
        stored(nextId(), PayStatus.CLOSE, now.minusSeconds(9000));
        List<PayLog> overdue = this.store.findOverdue(now.minusSeconds(1800), now, 1000).stream()
            .filter((order) -> order.orderId().equals(old.orderId()) || order.orderId().equals(older.orderId()))
            .toList();
        assertThat(overdue).extracting(PayLog::orderId).containsExactly(older.orderId(), old.orderId());
        assertThat(this.store.findOverdue(now.minusSeconds(1800), now, 1)).hasSize(1);
    }

    @Test
    void aClaimedOrderIsHeldUntilItsClaimRunsOutOrIsReleased() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        PayLog order = stored(nextId(), PayStatus.WAIT, now.minusSeconds(7200));
        assertThat(this.store.claim(order.orderId(), now, now.plusSeconds(60))).isTrue();
        assertThat(this.store.claim(order.orderId(), now.plusSeconds(1), now.plusSeconds(61))).isFalse();
        assertThat(overdueIds(now.plusSeconds(1))).doesNotContain(order.orderId());
        assertThat(overdueIds(now.plusSeconds(61))).contains(order.orderId());
        assertThat(this.store.claim(order.orderId(), now.plusSeconds(61), now.plusSeconds(121))).isTrue();
        this.store.release(order.orderId());
        assertThat(this.store.claim(order.orderId(), now.plusSeconds(62), now.plusSeconds(122))).isTrue();
    }

    @Test
    void onlyWaitingOrdersCanBeClaimed() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        PayLog paid = stored(nextId(), PayStatus.SUCCESS, now.minusSeconds(7200));
        assertThat(this.store.claim(paid.orderId(), now, now.plusSeconds(60))).isFalse();
    }

    @Test
    void concurrentClaimsOfOneOrderHaveExactlyOneWinner() throws Exception {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        PayLog order = stored(nextId(), PayStatus.WAIT, now.minusSeconds(7200));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                claims.add(() -> this.store.claim(order.orderId(), now, now.plusSeconds(60)));
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
    void overdueQueryIsServedByTheStatusAndCreatedAtIndex() {
        List<Object[]> rows = new ArrayList<>();
        Timestamp long_ago = Timestamp.valueOf("2020-01-01 00:00:00");
        String prefix = "PLAN" + System.nanoTime() + "_";
        for (int i = 0; i < 20_000; i++) {
            rows.add(new Object[] { prefix + i, (i % 100 == 0) ? "wait" : "success", long_ago });
        }
        new org.springframework.jdbc.core.JdbcTemplate(this.dataSource).batchUpdate("INSERT INTO jitpay_pay_log "
                + "(order_id, full_name, subject, amount, status, created_at, updated_at) "
                + "VALUES (?, 'pays.aliPayment', 'Plan', 1.00, ?, ?, ?)",
                rows.stream().map((row) -> new Object[] { row[0], row[1], row[2], row[2] }).toList());
        analyze();
        String plan = String.join("\n", this.jdbc.sql("EXPLAIN " + JdbcPayLogStore.OVERDUE_SQL
                .replace(":wait", "'wait'").replace(":cutoff", "TIMESTAMP '2021-01-01 00:00:00'")
                .replace(":now", "TIMESTAMP '2021-01-01 00:00:00'") + "100")
            .query((rs, row) -> {
                StringBuilder line = new StringBuilder();
                for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                    line.append(rs.getString(column)).append(' ');
                }
                return line.toString();
            })
            .list());
        System.out.println("Overdue query plan on " + this.database + ":\n" + plan);
        assertThat(plan).containsIgnoringCase("jitpay_pay_log_status_created_idx");
    }

    @Test
    void journalRecordsFindsAndPurgesNotifications() {
        Instant t = Instant.parse("2030-01-01T00:00:00Z");
        String orderId = nextId();
        Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("out_trade_no", orderId);
        params.put("subject", "语雀空间 + 测试 & <b>");
        params.put("sign", "Rs7S+szD/15W==");
        this.store.record(new NotifyRecord(0, t, "10.0.0.1", orderId, "2023122101222162644199160501632046",
                params, true, NotifyResult.Outcome.APPLIED, null));
        this.store.record(new NotifyRecord(0, t.plusSeconds(10), "10.0.0.2", orderId, null, params,
                false, NotifyResult.Outcome.REJECTED, "the signature does not verify"));
        List<NotifyRecord> recorded = this.store.findNotifications(orderId);
        assertThat(recorded).hasSize(2);
        long first = recorded.get(0).id();
        long second = recorded.get(1).id();
        assertThat(second).isGreaterThan(first);
        NotifyRecord found = this.store.findNotification(first).orElseThrow();
        assertThat(found).isEqualTo(new NotifyRecord(first, t, "10.0.0.1", orderId,
                "2023122101222162644199160501632046", params, true, NotifyResult.Outcome.APPLIED, null));
        assertThat(this.store.findNotifications(orderId)).extracting(NotifyRecord::id).containsExactly(first, second);
        assertThat(this.store.purgeNotifications(t.plusSeconds(5))).isGreaterThanOrEqualTo(1);
        assertThat(this.store.findNotifications(orderId)).extracting(NotifyRecord::id).containsExactly(second);
    }

    @Test
    void journalClipsOverlongFieldsInsteadOfFailing() {
        String hostile = "x".repeat(5000);
        this.store.record(new NotifyRecord(0, T0, hostile, hostile, hostile, Map.of("out_trade_no", hostile),
                false, NotifyResult.Outcome.REJECTED, hostile));
        NotifyRecord found = this.store.findNotifications(hostile.substring(0, 128)).get(0);
        assertThat(found.orderId()).hasSize(128);
        assertThat(found.params()).containsEntry("out_trade_no", hostile);
    }

    private void analyze() {
        switch (this.database.platform()) {
            case POSTGRESQL -> this.jdbc.sql("ANALYZE jitpay_pay_log").update();
            case MYSQL -> this.jdbc.sql("ANALYZE TABLE jitpay_pay_log").query().listOfRows();
            case H2 -> this.jdbc.sql("ANALYZE TABLE jitpay_pay_log").update();
        }
    }

    private List<String> overdueIds(Instant now) {
        return this.store.findOverdue(now.minusSeconds(1800), now, 100_000).stream().map(PayLog::orderId).toList();
    }

    private PayLog stored(String id, PayStatus status, Instant createdAt) {
        PayLog order = new PayLog(id, "pays.aliPayment", "Coffee", new BigDecimal("1.00"), status, null, null,
                createdAt, createdAt, null);
        this.store.insert(order);
        return order;
    }

    private int count(String table, String orderId) {
        return this.jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE order_id = :id").param("id", orderId)
            .query(Integer.class).single();
    }

    private static PayLog order(String amount) {
        return order(nextId(), amount);
    }

    private static PayLog order(String id, String amount) {
        return new PayLog(id, "pays.aliPayment", "Coffee", new BigDecimal(amount), PayStatus.WAIT, null, null, T0,
                T0, null);
    }

    private static AliPayLog view(String orderId, AliPayStatus status) {
        return new AliPayLog(orderId, "T1", status, null, null, null, null, null, null, T0);
    }

    private static String nextId() {
        return "S" + Instant.now().truncatedTo(ChronoUnit.SECONDS).getEpochSecond() + "_" + ids.incrementAndGet()
                + "_" + System.nanoTime() % 100000;
    }
}
