package io.jitpay.alipay;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.alipay.sandbox.NotificationDelivery;
import io.jitpay.alipay.sandbox.SandboxFault;
import io.jitpay.pay.NotifyRecord;
import io.jitpay.pay.NotifyResult;
import io.jitpay.pay.NotifyResult.Outcome;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayStatusChangedEvent;
import io.jitpay.pay.PayType;
import io.jitpay.pay.SweepReport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Nothing lost, nothing counted twice, on each database: instances on separate pools sharing one database, the
 * sweeper, gateway faults, the database going down, a failing listener, and the notification journal.
 */
abstract class ReliabilityContractTest extends InstancesOnOneDatabase {

    @RegisterExtension
    final AliPaySandboxExtension sandboxes = new AliPaySandboxExtension(
            (builder) -> builder.firstNotifyRetryAfter(Duration.ofMillis(300)));

    private static final AtomicInteger names = new AtomicInteger();

    private String name = "r0";

    @Override
    protected AliPaySandboxExtension sandboxes() {
        return this.sandboxes;
    }

    @BeforeEach
    void nameThisTestsPayment() {
        this.name = "r" + names.incrementAndGet();
    }

    @Test
    void twoInstancesOnSeparatePoolsCountEachOfAHundredPaymentsOnce() throws Exception {
        PaymentFixture a = instance((config) -> config.notifyUrl(null));
        PaymentFixture b = instance((config) -> config.notifyUrl(null));
        Map<String, Map<String, String>> notifications = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            PayLog order = a.payment.create("Scale-out " + i, new BigDecimal("1.00").add(BigDecimal.valueOf(i, 2)));
            a.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
            this.sandbox.pay(order.orderId());
            notifications.put(order.orderId(), this.sandbox.notification(order.orderId()));
        }
        List<Callable<Object>> deliveries = new ArrayList<>();
        notifications.forEach((orderId, notification) -> {
            for (PaymentFixture instance : List.of(a, b)) {
                for (int i = 0; i < 3; i++) {
                    deliveries.add(() -> instance.payment.notify(notification, "scale-out"));
                }
                for (int i = 0; i < 2; i++) {
                    deliveries.add(() -> instance.payment.check(orderId));
                }
            }
        });
        Collections.shuffle(deliveries);
        ExecutorService threads = Executors.newFixedThreadPool(32);
        try {
            for (Future<Object> delivery : threads.invokeAll(deliveries)) {
                Object result = delivery.get();
                if (result instanceof NotifyResult notifyResult) {
                    assertThat(notifyResult.body()).as("%s", notifyResult).isEqualTo("success");
                }
            }
        }
        finally {
            threads.shutdownNow();
        }
        List<PayStatusChangedEvent> events = new ArrayList<>(a.events);
        events.addAll(b.events);
        assertThat(events).hasSize(100);
        assertThat(events).extracting((event) -> event.payLog().orderId()).doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(notifications.keySet());
        for (String orderId : notifications.keySet()) {
            assertThat(a.payment.find(orderId)).get().extracting(PayLog::status).isEqualTo(PayStatus.SUCCESS);
        }
    }

    @Test
    void sweeperRecordsPaidOrdersAndTimesOutTheRest() throws Exception {
        MovableClock clock = new MovableClock();
        PaymentFixture shop = instance((config) -> config.notifyUrl(null), clock);
        PayLog paid = qrOrder(shop);
        this.sandbox.pay(paid.orderId());
        PayLog scanned = qrOrder(shop);
        this.sandbox.scan(scanned.orderId());
        PayLog neverScanned = qrOrder(shop);
        PayLog neverSent = shop.payment.create("Never sent", BigDecimal.ONE);
        clock.advance(Duration.ofMinutes(31));
        PayLog recent = qrOrder(shop);

        SweepReport report = sweepUntilDone(shop.payment);

        assertThat(status(shop, paid)).isEqualTo(PayStatus.SUCCESS);
        assertThat(status(shop, scanned)).isEqualTo(PayStatus.TIMEOUT);
        assertThat(status(shop, neverScanned)).isEqualTo(PayStatus.TIMEOUT);
        assertThat(status(shop, neverSent)).isEqualTo(PayStatus.TIMEOUT);
        assertThat(status(shop, recent)).isEqualTo(PayStatus.WAIT);
        assertThat(report.paid()).isEqualTo(1);
        assertThat(report.timedOut()).isEqualTo(3);
        assertThat(report.failed()).isZero();
        assertThat(this.sandbox.trade(scanned.orderId()).orElseThrow().status()).isEqualTo("TRADE_CLOSED");
        assertThatExceptionOfType(IllegalStateException.class)
            .isThrownBy(() -> this.sandbox.pay(neverScanned.orderId()));
        assertThat(shop.events).extracting(PayStatusChangedEvent::status)
            .containsExactlyInAnyOrder(PayStatus.SUCCESS, PayStatus.TIMEOUT, PayStatus.TIMEOUT, PayStatus.TIMEOUT);
        assertThat(this.sandbox.calls("alipay.trade.close", paid.orderId())).isZero();
    }

    @Test
    void twoSweepersShareAThousandOverdueOrdersAndCloseEachOnce() throws Exception {
        MovableClock clock = new MovableClock();
        PaymentFixture a = instance((config) -> config.notifyUrl(null), clock);
        PaymentFixture b = instance((config) -> config.notifyUrl(null), clock);
        Instant longAgo = clock.instant().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MICROS);
        List<String> ids = new ArrayList<>();
        String prefix = "SWEEP" + System.nanoTime() + "_";
        for (int i = 0; i < 1000; i++) {
            PayLog order = new PayLog(prefix + i, a.payment.fullName(), "Overdue " + i, new BigDecimal("2.00"),
                    PayStatus.WAIT, null, null, longAgo, longAgo.plus(Duration.ofMinutes(30)), longAgo, null, PayLog.NOTHING_REFUNDED);
            a.store.insert(order);
            ids.add(order.orderId());
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<SweepReport> reports;
        try {
            List<Future<SweepReport>> sweeps = threads.invokeAll(List.of(() -> sweepUntilDone(a.payment),
                    () -> sweepUntilDone(b.payment)));
            reports = List.of(sweeps.get(0).get(), sweeps.get(1).get());
        }
        finally {
            threads.shutdownNow();
        }
        assertThat(reports.get(0).claimed() + reports.get(1).claimed()).isEqualTo(1000);
        assertThat(reports.get(0).timedOut() + reports.get(1).timedOut()).isEqualTo(1000);
        for (String id : ids) {
            assertThat(this.sandbox.calls("alipay.trade.close", id)).as("close calls of %s", id).isEqualTo(1);
            assertThat(a.payment.find(id)).get().extracting(PayLog::status).isEqualTo(PayStatus.TIMEOUT);
        }
        Set<String> changed = new HashSet<>();
        a.events.forEach((event) -> changed.add(event.payLog().orderId()));
        b.events.forEach((event) -> changed.add(event.payLog().orderId()));
        assertThat(a.events.size() + b.events.size()).isEqualTo(1000);
        assertThat(changed).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aGatewayFailureDuringASweepLeavesTheOrderWaitingForTheNextRound() throws Exception {
        MovableClock clock = new MovableClock();
        PaymentFixture shop = instance((config) -> config.notifyUrl(null), clock);
        PayLog order = qrOrder(shop);
        this.sandbox.scan(order.orderId());
        clock.advance(Duration.ofMinutes(31));
        Object before = shop.snapshotWithoutClaims();
        this.sandbox.failNext("alipay.trade.close", SandboxFault.httpStatus(502));
        SweepReport failed = shop.payment.sweep(10);
        assertThat(failed.failed()).isEqualTo(1);
        assertThat(status(shop, order)).isEqualTo(PayStatus.WAIT);
        assertThat(shop.snapshotWithoutClaims()).isEqualTo(before);
        SweepReport next = sweepUntilDone(shop.payment);
        assertThat(next.timedOut()).isEqualTo(1);
        assertThat(status(shop, order)).isEqualTo(PayStatus.TIMEOUT);
    }

    @Test
    void everyGatewayFaultLeavesTheOrderUnchangedAndCheckConverges() throws Exception {
        PaymentFixture shop = instance((config) -> config.notifyUrl(null).readTimeout(Duration.ofMillis(400)));
        List<SandboxFault> faults = List.of(SandboxFault.httpStatus(500), SandboxFault.delay(Duration.ofMillis(900)),
                SandboxFault.malformedJson(), SandboxFault.badSignature(), SandboxFault.systemError(),
                SandboxFault.error("40004", "ACQ.ACCESS_FORBIDDEN", "无权限"));
        for (SandboxFault fault : faults) {
            PayLog order = shop.payment.create("Fault " + fault, BigDecimal.TEN);
            this.sandbox.failNext("alipay.trade.precreate", fault);
            assertThirdPartyError(() -> shop.payment.getPayUrl(order.orderId(), PayType.PRE_PAY));
            shop.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
            this.sandbox.pay(order.orderId());
            Object before = shop.snapshot();
            this.sandbox.failNext("alipay.trade.query", fault);
            assertThirdPartyError(() -> shop.payment.check(order.orderId()));
            assertThat(shop.snapshot()).isEqualTo(before);
            assertThat(shop.payment.check(order.orderId()).status()).isEqualTo(PayStatus.SUCCESS);

            PayLog toCancel = qrOrder(shop);
            this.sandbox.scan(toCancel.orderId());
            Object beforeCancel = shop.snapshot();
            this.sandbox.failNext("alipay.trade.close", fault);
            assertThirdPartyError(() -> shop.payment.cancel(toCancel.orderId()));
            assertThat(shop.snapshot()).isEqualTo(beforeCancel);
            assertThat(shop.payment.cancel(toCancel.orderId()).status()).isEqualTo(PayStatus.CLOSE);
        }
    }

    @Test
    void databaseDownDuringANotificationAnswersFailureWritesNothingAndTheRetrySucceedsOnce() throws Exception {
        SwitchableDataSource switchable = new SwitchableDataSource(this.database.newPool());
        PaymentFixture shop = track(PaymentFixture.start(this.sandbox, switchable, UnaryOperator.identity(),
                Clock.systemUTC()));
        PayLog order = qrOrder(shop);
        Object before = shop.snapshot();
        switchable.down = true;
        this.sandbox.pay(order.orderId());
        await().until(() -> !this.sandbox.deliveries(order.orderId()).isEmpty());
        NotificationDelivery first = this.sandbox.deliveries(order.orderId()).get(0);
        assertThat(first.response()).isEqualTo("failure");
        assertThat(shop.notifyResults.get(0).outcome()).isEqualTo(Outcome.ERROR);
        switchable.down = false;
        assertThat(shop.snapshot()).isEqualTo(before);
        assertThat(shop.events).isEmpty();

        await().until(() -> this.sandbox.deliveries(order.orderId()).stream()
            .anyMatch(NotificationDelivery::acknowledged));
        assertThat(status(shop, order)).isEqualTo(PayStatus.SUCCESS);
        assertThat(shop.events).hasSize(1);
    }

    @Test
    void aListenerThatThrowsKeepsTheOrderWaitingAndTheNextDeliverySucceeds() throws Exception {
        PaymentFixture shop = instance(UnaryOperator.identity());
        shop.extraListener = (event) -> {
            throw new IllegalStateException("warehouse offline");
        };
        PayLog order = qrOrder(shop);
        this.sandbox.pay(order.orderId());
        await().until(() -> !this.sandbox.deliveries(order.orderId()).isEmpty());
        assertThat(this.sandbox.deliveries(order.orderId()).get(0).response()).isEqualTo("failure");
        assertThat(status(shop, order)).isEqualTo(PayStatus.WAIT);
        shop.extraListener = (event) -> {
        };
        await().until(() -> this.sandbox.deliveries(order.orderId()).stream()
            .anyMatch(NotificationDelivery::acknowledged));
        assertThat(status(shop, order)).isEqualTo(PayStatus.SUCCESS);
        assertThat(shop.events).hasSize(1);
    }

    @Test
    void aViewWrittenBetweenTheOneStepPaymentsReadAndItsWriteSendsThePaymentTheGeneralWay() throws Exception {
        InterferingDataSource interfering = new InterferingDataSource(this.database.newPool());
        PaymentFixture shop = track(PaymentFixture.start(this.sandbox, interfering,
                (builder) -> builder.notifyUrl(null).name(this.name), Clock.systemUTC()));
        PayLog order = qrOrder(shop);
        this.sandbox.pay(order.orderId());
        Map<String, String> notification = this.sandbox.notification(order.orderId());
        // A check answered WAIT_BUYER_PAY just before; its view commits while the payment is being written.
        interfering.beforeViewIsWritten = () -> shop.store.saveAliPayLog(new AliPayLog(order.orderId(),
                notification.get("trade_no"), AliPayStatus.WAIT_BUYER_PAY, order.amount(), null, null, null, null,
                null, null, null, null, Instant.now().minusSeconds(60), Instant.now().minusSeconds(60)));

        assertThat(shop.payment.notify(notification, "203.0.113.11").outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(interfering.interfered).isTrue();
        assertThat(status(shop, order)).isEqualTo(PayStatus.SUCCESS);
        assertThat(shop.events).singleElement().extracting(PayStatusChangedEvent::previousStatus)
            .isEqualTo(PayStatus.WAIT);
        assertThat(shop.payment.findAliPayLog(order.orderId())).get().extracting(AliPayLog::tradeStatus)
            .isEqualTo(AliPayStatus.TRADE_SUCCESS);
        assertThat(shop.journal.findNotifications(order.orderId())).singleElement()
            .extracting(NotifyRecord::outcome).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void everyNotificationIsJournaledAndOneCanBeReplayedByHand() throws Exception {
        PaymentFixture shop = instance((config) -> config.notifyUrl(null));
        shop.extraListener = (event) -> {
            throw new IllegalStateException("warehouse offline");
        };
        PayLog order = qrOrder(shop);
        this.sandbox.pay(order.orderId());
        Map<String, String> notification = this.sandbox.notification(order.orderId());
        Map<String, String> forged = new HashMap<>(notification);
        forged.put("total_amount", "0.01");
        assertThat(shop.payment.notify(forged, "203.0.113.9").outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(shop.payment.notify(notification, "203.0.113.10").outcome()).isEqualTo(Outcome.ERROR);

        List<NotifyRecord> journal = shop.journal.findNotifications(order.orderId());
        assertThat(journal).hasSize(2);
        assertThat(journal.get(0).signatureValid()).isFalse();
        assertThat(journal.get(0).remoteAddress()).isEqualTo("203.0.113.9");
        assertThat(journal.get(0).outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(journal.get(1).signatureValid()).isTrue();
        assertThat(journal.get(1).outcome()).isEqualTo(Outcome.ERROR);
        assertThat(journal.get(1).error()).contains("warehouse offline");
        assertThat(journal.get(1).notifyId()).isEqualTo(notification.get("notify_id"));
        assertThat(NotifyForm.decode(journal.get(1).form().getBytes(StandardCharsets.ISO_8859_1)))
            .isEqualTo(notification);
        assertThat(String.valueOf(journal)).doesNotContain(this.sandbox.appPrivateKey().substring(40, 80));

        shop.extraListener = (event) -> {
        };
        NotifyResult replayed = shop.payment.replayNotification(journal.get(1).id());
        assertThat(replayed.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(status(shop, order)).isEqualTo(PayStatus.SUCCESS);
        assertThat(shop.payment.replayNotification(journal.get(1).id()).outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(shop.events).hasSize(1);
        assertThatExceptionOfType(PayException.class).isThrownBy(() -> shop.payment.replayNotification(-1))
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.INVALID_PARAM_ERROR));
        assertThat(shop.payment.purgeNotifications(Instant.now().plusSeconds(60))).isGreaterThanOrEqualTo(4);
        assertThat(shop.journal.findNotifications(order.orderId())).isEmpty();
    }

    private PaymentFixture instance(UnaryOperator<AliPayConfig.Builder> config) throws Exception {
        return instance(config, Clock.systemUTC());
    }

    /**
     * An instance of this test's payment: the instances of one test share its name, so a sweep sees that test's
     * orders only, not those earlier tests left in the database.
     */
    private PaymentFixture instance(UnaryOperator<AliPayConfig.Builder> config, Clock clock) throws Exception {
        return track(PaymentFixture.start(this.sandbox, this.database.newPool(),
                (builder) -> config.apply(builder).name(this.name), clock));
    }

    private static PayLog qrOrder(PaymentFixture shop) {
        PayLog order = shop.payment.create("Coffee", new BigDecimal("9.90"));
        shop.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        return order;
    }

    private static PayStatus status(PaymentFixture shop, PayLog order) {
        return shop.payment.find(order.orderId()).orElseThrow().status();
    }

    /** Sweeps in batches until a round finds nothing left; returns the totals. */
    private static SweepReport sweepUntilDone(AliPayment payment) {
        SweepReport total = SweepReport.NONE;
        for (SweepReport round = payment.sweep(100); round.overdue() > 0; round = payment.sweep(100)) {
            total = total.plus(round);
            if (round.failed() > 0) {
                break;
            }
        }
        return total;
    }

    private static void assertThirdPartyError(Runnable call) {
        assertThatExceptionOfType(PayException.class).isThrownBy(call::run)
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.THIRD_PARTY_ERROR));
    }

    /** A clock the test moves forward; it starts now. */
    static final class MovableClock extends Clock {

        private volatile Instant now = Instant.now();

        void advance(Duration duration) {
            this.now = this.now.plus(duration);
        }

        @Override
        public Instant instant() {
            return this.now.plusNanos(System.nanoTime() % 1000);
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

    /** A data source whose database can be "down": no connection can be had. */
    /**
     * Runs {@link #beforeViewIsWritten} once, on another thread, just before the first statement that writes an Alipay
     * view is prepared: a concurrent writer that commits between a read and the write that relies on it.
     */
    static final class InterferingDataSource extends DelegatingDataSource {

        volatile Runnable beforeViewIsWritten;

        volatile boolean interfered;

        InterferingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = super.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] { Connection.class }, (proxy, method, args) -> {
                        Runnable interference = this.beforeViewIsWritten;
                        if (interference != null && method.getName().equals("prepareStatement")
                                && ((String) args[0]).contains("INSERT INTO jitpay_alipay_log")) {
                            this.beforeViewIsWritten = null;
                            // Another thread: outside the transaction this connection is in, committed at once.
                            CompletableFuture.runAsync(interference).join();
                            this.interfered = true;
                        }
                        try {
                            return method.invoke(connection, args);
                        }
                        catch (InvocationTargetException ex) {
                            throw ex.getCause();
                        }
                    });
        }
    }

    static final class SwitchableDataSource extends DelegatingDataSource {

        volatile boolean down;

        SwitchableDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (this.down) {
                throw new SQLException("Connection refused: the database is down", "08001");
            }
            return super.getConnection();
        }
    }
}
