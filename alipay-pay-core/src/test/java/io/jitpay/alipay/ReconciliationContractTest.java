package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jitpay.alipay.bill.TradeBill;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.alipay.sandbox.NotificationDelivery;
import io.jitpay.alipay.sandbox.SandboxFault;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayStatusChangedEvent;
import io.jitpay.pay.PayType;
import io.jitpay.pay.ReconciliationReport;
import io.jitpay.pay.ReconciliationReport.Discrepancy;
import io.jitpay.pay.ReconciliationReport.Discrepancy.Kind;
import io.jitpay.pay.RefundLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Reconciliation of a day against the sandbox's trade bill over HTTP, on each database: each kind of discrepancy, the
 * one that is settled through the state machine and the ones that are only reported, the day's bounds in Beijing
 * time, and a bill that is not there yet. The sandbox and the payment instances share one clock, set by each test to
 * a day of its own.
 */
abstract class ReconciliationContractTest extends InstancesOnOneDatabase {

    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private static final String BILL_QUERY = "alipay.data.dataservice.bill.downloadurl.query";

    private static final AtomicInteger names = new AtomicInteger();

    private static final AtomicInteger days = new AtomicInteger();

    private final SettableClock clock = new SettableClock();

    @RegisterExtension
    final AliPaySandboxExtension sandboxes = new AliPaySandboxExtension((builder) -> builder.clock(this.clock)
        .closeBeforeScanVoidsTrade(false).firstNotifyRetryAfter(Duration.ofMillis(300)));

    /** The day of the running test: each test has its own, so that its bill lists its own trades only. */
    private LocalDate day;

    @Override
    protected AliPaySandboxExtension sandboxes() {
        return this.sandboxes;
    }

    @BeforeEach
    void aDayOfItsOwn() {
        this.day = LocalDate.of(2026, 1, 5).plusDays(3L * days.incrementAndGet());
        at(this.day.atTime(12, 0));
    }

    @AfterEach
    void clearBillAdjustments() {
        this.sandbox.billAdjustments().clear();
    }

    @Test
    void aDayThatAgreesMatchesEveryPaymentAndRefund() {
        PaymentFixture shop = instance();
        PayLog tea = paidOrder(shop, "10.00");
        PayLog cups = paidOrder(shop, "25.50");
        RefundLog refund = shop.payment.refund(tea.orderId(), new BigDecimal("3.00"), "Chipped", "CS-" + this.day);
        awaitNotified(tea, cups);

        ReconciliationReport report = reconcile(shop, this.day);
        assertThat(report.fullName()).isEqualTo(shop.payment.fullName());
        assertThat(report.day()).isEqualTo(this.day);
        assertThat(report.billEntries()).isEqualTo(3);
        assertThat(report.matched()).isEqualTo(3);
        assertThat(report.discrepancies()).isEmpty();
        assertThat(report.isClean()).isTrue();
        assertThat(refund.refundId()).isEqualTo("CS-" + this.day);
    }

    @Test
    void aTradeAtAlipayWithNoOrderHereIsMissingLocallyAndAnotherInstancesOrderIsLeftToIt() {
        PaymentFixture shop = instance();
        PaymentFixture other = instance();
        PayLog ours = paidOrder(shop, "10.00");
        PayLog theirs = paidOrder(other, "7.00");
        String external = "EXT" + names.incrementAndGet();
        this.sandbox.billAdjustments().addPayment(external, new BigDecimal("12.00"),
                this.day.atTime(18, 30).toInstant(BEIJING));
        awaitNotified(ours, theirs);
        List<Object> before = shop.snapshot();

        ReconciliationReport report = reconcile(shop, this.day);
        assertThat(report.billEntries()).isEqualTo(2);
        assertThat(report.matched()).isEqualTo(1);
        assertThat(report.discrepancies()).singleElement().satisfies((discrepancy) -> {
            assertThat(discrepancy.orderId()).isEqualTo(external);
            assertThat(discrepancy.kind()).isEqualTo(Kind.MISSING_LOCALLY);
            assertThat(discrepancy.billAmount()).isEqualByComparingTo("12.00");
            assertThat(discrepancy.tradeNo()).isNotBlank();
            assertThat(discrepancy.settled()).isFalse();
            assertThat(discrepancy.detail()).contains("12.00", "18:30:00");
        });
        assertThat(shop.snapshot()).isEqualTo(before);
        assertThat(reconcile(other, this.day).matched()).isEqualTo(1);
    }

    @Test
    void aPaymentWaitingHereIsSettledOnceThroughTheStateMachine() {
        PaymentFixture shop = deafInstance();
        PayLog order = shop.payment.create("Teapot", new BigDecimal("88.00"));
        shop.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        this.sandbox.pay(order.orderId());
        assertThat(status(shop, order)).isEqualTo(PayStatus.WAIT);

        ReconciliationReport report = reconcile(shop, this.day);
        assertThat(report.matched()).isZero();
        assertThat(report.discrepancies()).singleElement().satisfies((discrepancy) -> {
            assertThat(discrepancy.kind()).isEqualTo(Kind.UNPAID_LOCALLY);
            assertThat(discrepancy.orderId()).isEqualTo(order.orderId());
            assertThat(discrepancy.settled()).isTrue();
            assertThat(discrepancy.detail()).contains("wait here", "recorded as paid now (wait -> success)");
        });
        PayLog settled = shop.payment.find(order.orderId()).orElseThrow();
        assertThat(settled.status()).isEqualTo(PayStatus.SUCCESS);
        assertThat(settled.paidAt()).isEqualTo(this.day.atTime(12, 0).toInstant(BEIJING));
        assertThat(events(shop, order)).extracting(PayStatusChangedEvent::previousStatus, PayStatusChangedEvent::status)
            .containsExactly(tuple(PayStatus.WAIT, PayStatus.SUCCESS));

        // Reconciled again, the day agrees, and nothing fires twice.
        ReconciliationReport again = reconcile(shop, this.day);
        assertThat(again.matched()).isEqualTo(1);
        assertThat(again.isClean()).isTrue();
        assertThat(events(shop, order)).hasSize(1);
    }

    @Test
    void aPaymentOfAnOrderClosedHereIsSettledFromCloseToSuccess() {
        PaymentFixture shop = deafInstance();
        PayLog order = shop.payment.create("Kettle", new BigDecimal("45.00"));
        shop.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        assertThat(shop.payment.cancel(order.orderId()).status()).isEqualTo(PayStatus.CLOSE);
        // The buyer had the QR code already, and this Alipay let it be paid.
        this.sandbox.pay(order.orderId());

        ReconciliationReport report = reconcile(shop, this.day);
        assertThat(report.discrepancies()).singleElement().satisfies((discrepancy) -> {
            assertThat(discrepancy.kind()).isEqualTo(Kind.UNPAID_LOCALLY);
            assertThat(discrepancy.settled()).isTrue();
            assertThat(discrepancy.detail()).contains("close here", "close -> success");
        });
        assertThat(status(shop, order)).isEqualTo(PayStatus.SUCCESS);
        assertThat(events(shop, order)).extracting(PayStatusChangedEvent::previousStatus, PayStatusChangedEvent::status)
            .containsExactly(tuple(PayStatus.WAIT, PayStatus.CLOSE), tuple(PayStatus.CLOSE, PayStatus.SUCCESS));
    }

    @Test
    void aPaymentRefundedInFullAtAlipayIsReportedAndNotTakenForAnUnpaidClose() {
        PaymentFixture shop = deafInstance();
        PayLog order = shop.payment.create("Tray", new BigDecimal("30.00"));
        shop.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        this.sandbox.pay(order.orderId());
        this.clock.set(this.clock.instant().plusSeconds(60));
        this.sandbox.refundFromConsole(order.orderId(), new BigDecimal("30.00"));
        List<Object> before = shop.snapshot();

        ReconciliationReport report = reconcile(shop, this.day);
        assertThat(report.discrepancies()).extracting(Discrepancy::kind, Discrepancy::settled)
            .containsExactly(tuple(Kind.UNPAID_LOCALLY, false), tuple(Kind.REFUND_MISMATCH, false));
        assertThat(report.discrepancies().get(0).detail()).contains("TRADE_CLOSED", "not recorded");
        assertThat(status(shop, order)).isEqualTo(PayStatus.WAIT);
        assertThat(events(shop, order)).isEmpty();
        assertThat(shop.snapshot()).isEqualTo(before);
    }

    @Test
    void twoApplicationInstancesReconcilingAtOnceSettleAnOrderOnce() throws Exception {
        String name = "r" + names.incrementAndGet();
        UnaryOperator<AliPayConfig.Builder> deaf = (builder) -> builder.name(name)
            .notifyUrl("http://127.0.0.1:9/notify");
        PaymentFixture first = instance(deaf);
        PaymentFixture second = instance(deaf);
        PayLog order = first.payment.create("Caddy", new BigDecimal("12.00"));
        first.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        this.sandbox.pay(order.orderId());
        at(this.day.plusDays(1).atTime(10, 0));

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ReconciliationReport>> runs = new ArrayList<>();
            for (PaymentFixture fixture : List.of(first, second)) {
                runs.add(threads.submit(() -> {
                    start.await();
                    return fixture.payment.reconcile(this.day);
                }));
            }
            start.countDown();
            for (Future<ReconciliationReport> run : runs) {
                // Each found it unpaid and saw it settled (by itself or the other), or read it settled already.
                ReconciliationReport report = run.get(30, TimeUnit.SECONDS);
                assertThat(report.discrepancies()).allSatisfy((discrepancy) -> {
                    assertThat(discrepancy.kind()).isEqualTo(Kind.UNPAID_LOCALLY);
                    assertThat(discrepancy.settled()).isTrue();
                });
                assertThat(report.matched() + report.discrepancies().size()).isEqualTo(1);
            }
        }
        finally {
            threads.shutdownNow();
        }
        assertThat(events(first, order).size() + events(second, order).size()).isEqualTo(1);
        assertThat(status(first, order)).isEqualTo(PayStatus.SUCCESS);
    }

    @Test
    void anotherAmountInTheBillIsReportedAndNothingChanges() {
        PaymentFixture shop = instance();
        PayLog order = paidOrder(shop, "10.00");
        this.sandbox.billAdjustments().changeAmount(order.orderId(), new BigDecimal("9.00"));
        awaitNotified(order);
        List<Object> before = shop.snapshot();

        ReconciliationReport report = reconcile(shop, this.day);
        assertThat(report.matched()).isZero();
        assertThat(report.discrepancies()).extracting(Discrepancy::orderId, Discrepancy::kind, Discrepancy::settled)
            .containsExactly(tuple(order.orderId(), Kind.AMOUNT_MISMATCH, false));
        Discrepancy mismatch = report.discrepancies().get(0);
        assertThat(mismatch.billAmount()).isEqualByComparingTo("9.00");
        assertThat(mismatch.localAmount()).isEqualByComparingTo("10.00");
        assertThat(shop.snapshot()).isEqualTo(before);
    }

    @Test
    void refundsThatDisagreeWithTheLedgerAreReported() {
        PaymentFixture shop = instance();
        PayLog changed = paidOrder(shop, "10.00");
        RefundLog changedRefund = shop.payment.refund(changed.orderId(), new BigDecimal("3.00"), null);
        PayLog unknown = paidOrder(shop, "10.00");
        PayLog dropped = paidOrder(shop, "10.00");
        RefundLog droppedRefund = shop.payment.refund(dropped.orderId(), new BigDecimal("4.00"), null);
        this.sandbox.billAdjustments()
            .changeRefundAmount(changed.orderId(), changedRefund.refundId(), new BigDecimal("2.00"))
            .addRefund(unknown.orderId(), "HZ-NOT-HERE", new BigDecimal("1.00"),
                    this.day.atTime(20, 0).toInstant(BEIJING))
            .dropRefund(dropped.orderId(), droppedRefund.refundId());
        awaitNotified(changed, unknown, dropped);
        List<Object> before = shop.snapshot();

        ReconciliationReport report = reconcile(shop, this.day);
        assertThat(report.billEntries()).isEqualTo(5);
        assertThat(report.matched()).isEqualTo(3);
        assertThat(report.discrepancies()).extracting(Discrepancy::orderId, Discrepancy::kind, Discrepancy::refundId,
                Discrepancy::billAmount, Discrepancy::localAmount)
            .containsExactlyInAnyOrder(
                    tuple(changed.orderId(), Kind.REFUND_MISMATCH, changedRefund.refundId(), new BigDecimal("2.00"),
                            new BigDecimal("3.00")),
                    tuple(unknown.orderId(), Kind.REFUND_MISMATCH, "HZ-NOT-HERE", new BigDecimal("1.00"), null),
                    tuple(dropped.orderId(), Kind.REFUND_MISMATCH, droppedRefund.refundId(), null,
                            new BigDecimal("4.00")));
        assertThat(report.discrepancies()).noneMatch(Discrepancy::settled);
        assertThat(shop.snapshot()).isEqualTo(before);
    }

    @Test
    void anOrderPaidHereAndAbsentFromTheBillIsMissingAtAlipay() {
        PaymentFixture shop = instance();
        PayLog listed = paidOrder(shop, "10.00");
        PayLog absent = paidOrder(shop, "6.66");
        this.sandbox.billAdjustments().drop(absent.orderId());
        awaitNotified(listed, absent);
        List<Object> before = shop.snapshot();

        ReconciliationReport report = reconcile(shop, this.day);
        assertThat(report.billEntries()).isEqualTo(1);
        assertThat(report.matched()).isEqualTo(1);
        assertThat(report.discrepancies()).singleElement().satisfies((discrepancy) -> {
            assertThat(discrepancy.orderId()).isEqualTo(absent.orderId());
            assertThat(discrepancy.kind()).isEqualTo(Kind.MISSING_AT_ALIPAY);
            assertThat(discrepancy.localAmount()).isEqualByComparingTo("6.66");
            assertThat(discrepancy.billAmount()).isNull();
        });
        assertThat(report.discrepancies(Kind.MISSING_AT_ALIPAY)).hasSize(1);
        assertThat(shop.snapshot()).isEqualTo(before);
    }

    @Test
    void theDayEndsAtMidnightBeijingTime() {
        PaymentFixture shop = instance();
        at(this.day.atTime(23, 59, 59));
        PayLog late = paidOrder(shop, "1.00");
        at(this.day.plusDays(1).atTime(0, 0, 1));
        PayLog early = paidOrder(shop, "2.00");
        awaitNotified(late, early);
        // Stored in UTC: the late order was paid at 15:59:59 UTC, still the day in Beijing.
        assertThat(shop.payment.find(late.orderId()).orElseThrow().paidAt())
            .isEqualTo(Instant.parse(this.day + "T15:59:59Z"));

        ReconciliationReport first = reconcile(shop, this.day);
        assertThat(first.billEntries()).isEqualTo(1);
        assertThat(first.matched()).isEqualTo(1);
        assertThat(first.isClean()).isTrue();
        ReconciliationReport second = reconcile(shop, this.day.plusDays(1));
        assertThat(second.billEntries()).isEqualTo(1);
        assertThat(second.matched()).isEqualTo(1);
        assertThat(second.isClean()).isTrue();
        // The local side of each day has the same bounds: with both payments left out of the bills (and a trade of
        // another system on each side of midnight, so that each day still has a bill), each day misses its own.
        this.sandbox.billAdjustments().drop(late.orderId()).drop(early.orderId())
            .addPayment("EXT-LATE", new BigDecimal("1.00"), this.day.atTime(23, 59, 59).toInstant(BEIJING))
            .addPayment("EXT-EARLY", new BigDecimal("1.00"), this.day.plusDays(1).atStartOfDay().toInstant(BEIJING));
        assertThat(reconcile(shop, this.day).discrepancies()).extracting(Discrepancy::orderId, Discrepancy::kind)
            .containsExactly(tuple("EXT-LATE", Kind.MISSING_LOCALLY), tuple(late.orderId(), Kind.MISSING_AT_ALIPAY));
        assertThat(reconcile(shop, this.day.plusDays(1)).discrepancies())
            .extracting(Discrepancy::orderId, Discrepancy::kind)
            .containsExactly(tuple("EXT-EARLY", Kind.MISSING_LOCALLY), tuple(early.orderId(), Kind.MISSING_AT_ALIPAY));
    }

    @Test
    void aBillEmptiedOfThePaymentsMadeHereIsNotTakenForADayWithoutTrades() {
        PaymentFixture shop = instance();
        PayLog order = paidOrder(shop, "10.00");
        this.sandbox.billAdjustments().drop(order.orderId());
        // Alipay has no bill, but a payment was made here that day: the bill is late, or the payment missing.
        assertThatExceptionOfType(PayException.class).isThrownBy(() -> reconcile(shop, this.day))
            .satisfies((ex) -> assertThat(ex.gatewaySubCode()).isEqualTo(TradeBill.NOT_READY));
    }

    @Test
    void aBillThatIsNotReadyIsARetryableErrorWithAlipaysCodes() {
        PaymentFixture shop = instance();
        PayLog order = paidOrder(shop, "10.00");
        awaitNotified(order);
        List<Object> before = shop.snapshot();
        at(this.day.plusDays(1).atTime(8, 30));
        assertThatExceptionOfType(PayException.class).isThrownBy(() -> shop.payment.reconcile(this.day))
            .satisfies((ex) -> {
                assertThat(ex.code()).isEqualTo(PayErrorCode.THIRD_PARTY_ERROR);
                assertThat(ex.gatewayCode()).isEqualTo("40004");
                assertThat(ex.gatewaySubCode()).isEqualTo(TradeBill.NOT_READY);
                assertThat(ex.gatewaySubMsg()).isEqualTo("账单不存在");
                assertThat(ex.fix()).contains("09:00 Beijing time the next day", "try again later");
            });
        assertThat(shop.snapshot()).isEqualTo(before);
        // At 09:00 the bill is there.
        at(this.day.plusDays(1).atTime(9, 0));
        assertThat(shop.payment.reconcile(this.day).matched()).isEqualTo(1);
    }

    @Test
    void aPastDayWithoutTradesHereOrAtAlipayIsClean() {
        PaymentFixture shop = instance();
        at(this.day.plusDays(1).atTime(8, 59));
        assertThatExceptionOfType(PayException.class).isThrownBy(() -> shop.payment.reconcile(this.day))
            .satisfies((ex) -> assertThat(ex.gatewaySubCode()).isEqualTo(TradeBill.NOT_READY));
        ReconciliationReport report = reconcile(shop, this.day);
        assertThat(report.billEntries()).isZero();
        assertThat(report.matched()).isZero();
        assertThat(report.isClean()).isTrue();
    }

    @Test
    void aDayToComeIsRefusedWithoutACallAndAGatewayFailureKeepsAlipaysCodes() {
        PaymentFixture shop = instance();
        int calls = this.sandbox.calls(BILL_QUERY, "");
        assertThatExceptionOfType(PayException.class).isThrownBy(() -> shop.payment.reconcile(this.day.plusDays(1)))
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.INVALID_PARAM_ERROR));
        assertThat(this.sandbox.calls(BILL_QUERY, "")).isEqualTo(calls);
        at(this.day.plusDays(1).atTime(10, 0));
        this.sandbox.failNext(BILL_QUERY, SandboxFault.systemError());
        assertThatExceptionOfType(PayException.class).isThrownBy(() -> shop.payment.reconcile(this.day))
            .satisfies((ex) -> {
                assertThat(ex.code()).isEqualTo(PayErrorCode.THIRD_PARTY_ERROR);
                assertThat(ex.gatewayCode()).isEqualTo("20000");
            });
    }

    /** An instance on its own pool of the shared database, on the shared clock. */
    private PaymentFixture instance() {
        return instance(UnaryOperator.identity());
    }

    /** An instance whose notify URL nobody serves: a payment reaches it only when it asks. */
    private PaymentFixture deafInstance() {
        return instance((builder) -> builder.notifyUrl("http://127.0.0.1:9/notify"));
    }

    private PaymentFixture instance(UnaryOperator<AliPayConfig.Builder> config) {
        String name = "r" + names.incrementAndGet();
        try {
            // The name first, so that a test may give two fixtures one name: two instances of one application.
            return track(PaymentFixture.start(this.sandbox, this.database.newPool(),
                    (builder) -> config.apply(builder.name(name).refundInterval(Duration.ofMillis(10))), this.clock));
        }
        catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** An order paid at the sandbox now and recorded as paid; the clock then moves on a second. */
    private PayLog paidOrder(PaymentFixture shop, String amount) {
        PayLog order = shop.payment.create("Tea set", new BigDecimal(amount));
        shop.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        this.sandbox.pay(order.orderId());
        assertThat(shop.payment.check(order.orderId()).status()).isEqualTo(PayStatus.SUCCESS);
        this.clock.set(this.clock.instant().plusSeconds(1));
        return order;
    }

    /**
     * Waits until the payment and every refund of each order was notified and acknowledged, so that no notification
     * lands in the middle of a comparison of stored rows.
     */
    private void awaitNotified(PayLog... orders) {
        for (PayLog order : orders) {
            int expected = 1 + this.sandbox.refunds(order.orderId()).size();
            await().atMost(Duration.ofSeconds(10)).until(() -> this.sandbox.deliveries(order.orderId()).stream()
                .filter(NotificationDelivery::acknowledged)
                .map(NotificationDelivery::notifyId)
                .distinct()
                .count() >= expected);
        }
    }

    /** Reconciles a day at 10:00 Beijing time the next day, when its bill is ready. */
    private ReconciliationReport reconcile(PaymentFixture shop, LocalDate day) {
        at(day.plusDays(1).atTime(10, 0));
        return shop.payment.reconcile(day);
    }

    private void at(LocalDateTime beijingTime) {
        this.clock.set(beijingTime.toInstant(BEIJING));
    }

    private static PayStatus status(PaymentFixture shop, PayLog order) {
        return shop.payment.find(order.orderId()).orElseThrow().status();
    }

    private static List<PayStatusChangedEvent> events(PaymentFixture shop, PayLog order) {
        return shop.events.stream().filter((event) -> event.payLog().orderId().equals(order.orderId())).toList();
    }

    /** A clock that stands still where a test puts it, shared by the sandbox and the payment instances. */
    static final class SettableClock extends Clock {

        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void set(Instant instant) {
            this.now = instant;
        }

        @Override
        public Instant instant() {
            return this.now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
