package io.jitpay.alipay.jdbc;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.RefundLog;
import io.jitpay.pay.RefundStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The refund ledger's contract, run against each database by a subclass that provides it: the over-refund guard under
 * concurrency on separate pools, the totals kept with the refunds, pacing, and the sweeper's schedule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RefundLogStoreContractTest {

    private static final Instant T0 = Instant.parse("2026-11-26T01:02:03.123456Z");

    private static final String A = "pays.aliPayment";

    private static final AtomicInteger ids = new AtomicInteger();

    private TestDatabase database;

    private DataSource dataSource;

    private JdbcPayLogStore orders;

    private JdbcRefundLogStore refunds;

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

    @BeforeEach
    void stores() {
        new JdbcStoreSchema(this.dataSource).initialize();
        this.orders = new JdbcPayLogStore(this.dataSource);
        this.refunds = new JdbcRefundLogStore(this.dataSource);
    }

    @Test
    void aRefundIsRecordedOnlyForAPaidOrderOfItsInstanceAndOnlyWhatIsLeft() {
        PayLog waiting = order("10.00", PayStatus.WAIT);
        assertError(() -> insert(refund(waiting, "1.00")), PayErrorCode.ORDER_STATUS_ERROR);
        PayLog paid = order("10.00", PayStatus.SUCCESS);
        RefundLog other = new RefundLog("R" + next(), paid.orderId(), "pays.shopB", new BigDecimal("1.00"), null,
                RefundStatus.PROCESSING, T0, T0, null, null, null, null);
        assertError(() -> insert(other), PayErrorCode.ORDER_NOT_EXIST_ERROR);
        insert(refund(paid, "6.00"));
        PayException tooMuch = assertError(() -> insert(refund(paid, "4.01")), PayErrorCode.REFUND_AMOUNT_ERROR);
        assertThat(tooMuch.getMessage()).contains("4.00 of 10.00");
        insert(refund(paid, "4.00"));
        assertThat(this.refunds.findByOrder(A, paid.orderId())).hasSize(2);
        assertThat(this.orders.find(A, paid.orderId())).get().extracting(PayLog::refundedAmount)
            .isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void aRefundIdIsUnique() {
        PayLog paid = order("10.00", PayStatus.SUCCESS);
        RefundLog first = refund(paid, "1.00");
        insert(first);
        RefundLog again = new RefundLog(first.refundId(), paid.orderId(), A, new BigDecimal("2.00"), null,
                RefundStatus.PROCESSING, T0, T0, null, null, null, null);
        assertError(() -> insert(again), PayErrorCode.ORDER_EXISTS_ERROR);
        assertThat(this.refunds.find(A, first.refundId())).contains(first);
        assertThat(this.refunds.find("pays.shopB", first.refundId())).isEmpty();
    }

    /** Twenty refunds of 1.00 against a 10.00 order, from two pools (two instances) at once: ten win. */
    @Test
    void concurrentRefundsAcrossInstancesNeverReserveMoreThanWasPaid() throws Exception {
        PayLog paid = order("10.00", PayStatus.SUCCESS);
        JdbcRefundLogStore other = new JdbcRefundLogStore(this.database.newPool());
        ExecutorService threads = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                JdbcRefundLogStore store = (i % 2 == 0) ? this.refunds : other;
                RefundLog refund = refund(paid, "1.00");
                results.add(threads.submit((Callable<Boolean>) () -> {
                    start.await();
                    try {
                        store.insert(refund, null, (inserted) -> {
                        });
                        return true;
                    }
                    catch (PayException ex) {
                        assertThat(ex.code()).isEqualTo(PayErrorCode.REFUND_AMOUNT_ERROR);
                        return false;
                    }
                }));
            }
            start.countDown();
            int recorded = 0;
            for (Future<Boolean> result : results) {
                recorded += result.get() ? 1 : 0;
            }
            assertThat(recorded).isEqualTo(10);
            assertThat(this.refunds.findByOrder(A, paid.orderId())).hasSize(10);
        }
        finally {
            threads.shutdownNow();
        }
    }

    @Test
    void successAddsToTheRefundedTotalAndFailureFreesTheAmount() {
        PayLog paid = order("10.00", PayStatus.SUCCESS);
        RefundLog first = refund(paid, "6.00");
        insert(first);
        List<RefundLog> seen = new ArrayList<>();
        RefundLog succeeded = first.withStatus(RefundStatus.SUCCESS, T0.plusSeconds(5), null, null, null,
                T0.plusSeconds(6));
        assertThat(this.refunds.transition(first, succeeded, null, seen::add)).contains(succeeded);
        assertThat(this.refunds.transition(first, succeeded, null, seen::add)).isEmpty();
        assertThat(seen).containsExactly(succeeded);
        assertThat(this.orders.find(A, paid.orderId())).get().extracting(PayLog::refundedAmount)
            .isEqualTo(new BigDecimal("6.00"));

        RefundLog second = refund(paid, "4.00");
        insert(second);
        RefundLog failed = second.withStatus(RefundStatus.FAILED, null, "40004", "ACQ.SELLER_BALANCE_NOT_ENOUGH",
                "卖家余额不足", T0.plusSeconds(7));
        this.refunds.transition(second, failed, null, (changed) -> {
        });
        assertThat(this.refunds.find(A, second.refundId())).contains(failed);
        RefundLog third = refund(paid, "4.00");
        insert(third);
        // The failed one no longer fits: sending it again is refused, and nothing changes.
        RefundLog retried = failed.withStatus(RefundStatus.PROCESSING, null, null, null, null, T0.plusSeconds(8));
        assertError(() -> this.refunds.transition(failed, retried, null, (changed) -> {
        }), PayErrorCode.REFUND_AMOUNT_ERROR);
        assertThat(this.refunds.find(A, second.refundId())).contains(failed);
    }

    @Test
    void aRefundReportedByAlipayIsRecordedAsRefundedWhateverIsReserved() {
        PayLog paid = order("10.00", PayStatus.SUCCESS);
        insert(refund(paid, "9.00"));
        RefundLog console = new RefundLog("HZ" + next(), paid.orderId(), A, new BigDecimal("1.00"), null,
                RefundStatus.SUCCESS, T0, T0, T0, null, null, null);
        insert(console);
        assertThat(this.orders.find(A, paid.orderId())).get().extracting(PayLog::refundedAmount)
            .isEqualTo(new BigDecimal("1.00"));
        assertError(() -> insert(refund(paid, "0.01")), PayErrorCode.REFUND_AMOUNT_ERROR);
    }

    @Test
    void sendSlotsOfOneTradeAreAnIntervalApart() {
        PayLog paid = order("10.00", PayStatus.SUCCESS);
        Duration gap = Duration.ofSeconds(3);
        Instant first = this.refunds.takeSendSlot(A, paid.orderId(), T0, gap);
        Instant second = this.refunds.takeSendSlot(A, paid.orderId(), T0.plusSeconds(1), gap);
        Instant third = this.refunds.takeSendSlot(A, paid.orderId(), T0.plusSeconds(10), gap);
        assertThat(first).isEqualTo(T0);
        assertThat(second).isEqualTo(T0.plusSeconds(3));
        assertThat(third).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void processingRefundsAreDueAtTheirCheckAndClaimedOnce() {
        PayLog paid = order("10.00", PayStatus.SUCCESS);
        RefundLog refund = refund(paid, "1.00");
        this.refunds.insert(refund, T0.plusSeconds(10), (inserted) -> {
        });
        assertThat(this.refunds.findDue(A, T0.plusSeconds(5), 10)).extracting(RefundLog::refundId)
            .doesNotContain(refund.refundId());
        assertThat(this.refunds.findDue(A, T0.plusSeconds(10), 100)).extracting(RefundLog::refundId)
            .contains(refund.refundId());
        assertThat(this.refunds.findDue("pays.shopB", T0.plusSeconds(10), 100)).isEmpty();
        assertThat(this.refunds.claim(A, refund.refundId(), T0.plusSeconds(10), T0.plusSeconds(70))).isTrue();
        assertThat(this.refunds.claim(A, refund.refundId(), T0.plusSeconds(11), T0.plusSeconds(71))).isFalse();
        assertThat(this.refunds.countProcessingSince(A, T0.plusSeconds(1))).isGreaterThanOrEqualTo(1);
        this.refunds.transition(refund, refund.withStatus(RefundStatus.SUCCESS, T0, null, null, null, T0), null,
                (changed) -> {
                });
        this.refunds.reschedule(A, refund.refundId(), T0);
        assertThat(this.refunds.findDue(A, T0.plus(Duration.ofDays(1)), 100)).extracting(RefundLog::refundId)
            .doesNotContain(refund.refundId());
    }

    private void insert(RefundLog refund) {
        this.refunds.insert(refund, null, (inserted) -> {
        });
    }

    private PayLog order(String amount, PayStatus status) {
        PayLog order = new PayLog("O" + next(), A, "Coffee", new BigDecimal(amount), status, null, null, T0,
                T0.plusSeconds(1800), T0, null, PayLog.NOTHING_REFUNDED);
        this.orders.insert(order);
        return order;
    }

    private static RefundLog refund(PayLog order, String amount) {
        return new RefundLog("R" + next(), order.orderId(), order.fullName(), new BigDecimal(amount), "Broken cup",
                RefundStatus.PROCESSING, T0, T0, null, null, null, null);
    }

    private static PayException assertError(Runnable call, PayErrorCode code) {
        return assertThatExceptionOfType(PayException.class).isThrownBy(call::run)
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(code)).actual();
    }

    private static String next() {
        return System.nanoTime() + "_" + ids.incrementAndGet();
    }
}
