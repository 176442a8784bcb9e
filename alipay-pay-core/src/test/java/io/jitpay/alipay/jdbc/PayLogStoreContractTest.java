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

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.jitpay.alipay.AliPayLog;
import io.jitpay.alipay.AliPayStatus;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The store's contract, run against each database by a subclass that provides the data source.
 */
abstract class PayLogStoreContractTest {

    private static final Instant T0 = Instant.parse("2026-11-26T01:02:03.123456Z");

    private static final AtomicInteger ids = new AtomicInteger();

    protected JdbcPayLogStore store;

    protected JdbcClient jdbc;

    /** The database under test; the schema is created (twice, to prove it idempotent) before each test. */
    protected abstract DataSource dataSource();

    @BeforeEach
    void initializeSchemaTwice() {
        this.store = new JdbcPayLogStore(dataSource());
        this.store.initializeSchema();
        this.store.initializeSchema();
        this.jdbc = JdbcClient.create(dataSource());
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
        assertThat(this.store.platform()).isEqualTo(expectedPlatform());
        assertThat(this.store.platform().schemaScript().exists()).isTrue();
    }

    protected abstract DatabasePlatform expectedPlatform();

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
