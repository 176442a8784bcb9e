package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jitpay.alipay.jdbc.RoundTripCounter;
import io.jitpay.alipay.jdbc.TestDatabase;
import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.pay.NotifyRecord;
import io.jitpay.pay.NotifyResult.Outcome;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayStatusChangedEvent;
import io.jitpay.pay.PayType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a notification costs the database, counted on the wire (a {@link RoundTripCounter} under the store), and what
 * the one-step payment must still do: the order paid once, its view recorded, its journal row written, one event. Run
 * on each database by a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RoundTripContractTest {

    @RegisterExtension
    final AliPaySandboxExtension sandboxes = new AliPaySandboxExtension();

    private TestDatabase database;

    private AliPaySandbox sandbox;

    private PaymentFixture shop;

    private RoundTripCounter counter;

    /** The database under test. */
    protected abstract TestDatabase createDatabase();

    /** The most round trips a first delivery of a payment may cost on this database. */
    protected abstract int firstDeliveryRoundTrips();

    /** The most round trips a repeated delivery may cost on this database, at the instance that applied the first. */
    protected abstract int duplicateRoundTrips();

    /** The most round trips a repeated delivery may cost at another instance (another node of the same shop). */
    protected abstract int duplicateElsewhereRoundTrips();

    @BeforeAll
    void start() throws Exception {
        this.database = createDatabase();
        this.sandbox = this.sandboxes.get();
        this.counter = new RoundTripCounter(this.database.newPool(), this.database);
        this.shop = PaymentFixture.start(this.sandbox, this.counter, (config) -> config.notifyUrl(null),
                Clock.systemUTC());
        // The first statements also learn the database: not what a notification costs once running.
        PayLog warm = paidOrder();
        this.shop.payment.notify(this.sandbox.notification(warm.orderId()), "203.0.113.1");
    }

    @AfterAll
    void stop() {
        if (this.shop != null) {
            this.shop.close();
        }
        if (this.database != null) {
            this.database.close();
        }
    }

    @Test
    void aFirstDeliveryCostsItsStatementsAndOneCommitAndARepeatedOneLess() {
        PayLog order = paidOrder();
        Map<String, String> notification = this.sandbox.notification(order.orderId());

        this.counter.reset();
        assertThat(this.shop.payment.notify(notification, "203.0.113.2").outcome()).isEqualTo(Outcome.APPLIED);
        int first = this.counter.roundTrips();
        List<String> firstCalls = this.counter.calls();

        this.counter.reset();
        assertThat(this.shop.payment.notify(notification, "203.0.113.2").outcome()).isEqualTo(Outcome.DUPLICATE);
        int duplicate = this.counter.roundTrips();
        List<String> duplicateCalls = this.counter.calls();

        assertThat(first).as("first delivery: %s", firstCalls).isLessThanOrEqualTo(firstDeliveryRoundTrips());
        assertThat(duplicate).as("repeated delivery: %s", duplicateCalls).isLessThanOrEqualTo(duplicateRoundTrips());
        assertThat(this.shop.payment.find(order.orderId()).map(PayLog::status)).contains(PayStatus.SUCCESS);
        assertThat(this.shop.payment.findAliPayLog(order.orderId()).map(AliPayLog::tradeStatus))
            .contains(AliPayStatus.TRADE_SUCCESS);
        assertThat(eventsOf(order)).singleElement()
            .satisfies((event) -> assertThat(event.previousStatus()).isEqualTo(PayStatus.WAIT));
        assertThat(this.shop.journal.findNotifications(order.orderId())).extracting(NotifyRecord::outcome)
            .containsExactly(Outcome.APPLIED, Outcome.DUPLICATE);
        assertThat(this.shop.journal.findNotifications(order.orderId())).allSatisfy((record) -> {
            assertThat(record.signatureValid()).isTrue();
            assertThat(record.notifyId()).isEqualTo(notification.get("notify_id"));
            assertThat(record.fullName()).isEqualTo(this.shop.payment.fullName());
        });
    }

    @Test
    void aRepeatedDeliveryAtAnotherNodeReadsTheOrderAndChangesNothing() throws Exception {
        PayLog order = paidOrder();
        Map<String, String> notification = this.sandbox.notification(order.orderId());
        assertThat(this.shop.payment.notify(notification, "203.0.113.5").outcome()).isEqualTo(Outcome.APPLIED);
        try (PaymentFixture otherNode = PaymentFixture.start(this.sandbox, this.counter,
                (config) -> config.notifyUrl(null), Clock.systemUTC())) {
            this.counter.reset();
            assertThat(otherNode.payment.notify(notification, "203.0.113.5").outcome())
                .isEqualTo(Outcome.DUPLICATE);
            assertThat(this.counter.roundTrips()).as("%s", this.counter.calls())
                .isLessThanOrEqualTo(duplicateElsewhereRoundTrips());
            assertThat(otherNode.events).isEmpty();
        }
        assertThat(eventsOf(order)).hasSize(1);
        assertThat(this.shop.journal.findNotifications(order.orderId())).extracting(NotifyRecord::outcome)
            .containsExactly(Outcome.APPLIED, Outcome.DUPLICATE);
    }

    @Test
    void aRecordedReportBeyondWaitingKeepsThePaymentOffTheOneStepPath() {
        PayLog order = paidOrder();
        Map<String, String> notification = this.sandbox.notification(order.orderId());
        // Alipay already reported the trade closed after a full refund: the payment notification is older.
        Instant later = Instant.now().plusSeconds(60);
        this.shop.store.saveAliPayLog(new AliPayLog(order.orderId(), notification.get("trade_no"),
                AliPayStatus.TRADE_CLOSED, order.amount(), null, null, null, null, null, order.amount(), later, "R1",
                later, later));

        assertThat(this.shop.payment.notify(notification, "203.0.113.3").outcome()).isEqualTo(Outcome.DUPLICATE);

        assertThat(this.shop.payment.find(order.orderId()).map(PayLog::status)).contains(PayStatus.WAIT);
        assertThat(this.shop.payment.findAliPayLog(order.orderId()).map(AliPayLog::tradeStatus))
            .contains(AliPayStatus.TRADE_CLOSED);
        assertThat(eventsOf(order)).isEmpty();
        assertThat(this.shop.journal.findNotifications(order.orderId())).extracting(NotifyRecord::outcome)
            .containsExactly(Outcome.DUPLICATE);
    }

    @Test
    void aWaitingReportRecordedByACheckDoesNotStopTheOneStepPayment() {
        PayLog order = this.shop.payment.create("Tea", new BigDecimal("4.50"));
        this.shop.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        this.sandbox.scan(order.orderId());
        assertThat(this.shop.payment.check(order.orderId()).status()).isEqualTo(PayStatus.WAIT);
        assertThat(this.shop.payment.findAliPayLog(order.orderId()).map(AliPayLog::tradeStatus))
            .contains(AliPayStatus.WAIT_BUYER_PAY);
        this.sandbox.pay(order.orderId());

        this.counter.reset();
        assertThat(this.shop.payment.notify(this.sandbox.notification(order.orderId()), "203.0.113.4").outcome())
            .isEqualTo(Outcome.APPLIED);

        assertThat(this.counter.roundTrips()).as("%s", this.counter.calls())
            .isLessThanOrEqualTo(firstDeliveryRoundTrips());
        assertThat(this.shop.payment.findAliPayLog(order.orderId()).map(AliPayLog::tradeStatus))
            .contains(AliPayStatus.TRADE_SUCCESS);
        assertThat(eventsOf(order)).singleElement()
            .satisfies((event) -> assertThat(event.payLog().status()).isEqualTo(PayStatus.SUCCESS));
    }

    private List<PayStatusChangedEvent> eventsOf(PayLog order) {
        return this.shop.events.stream().filter((event) -> event.payLog().orderId().equals(order.orderId())).toList();
    }

    private PayLog paidOrder() {
        PayLog order = this.shop.payment.create("Coffee", new BigDecimal("9.90"));
        this.shop.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        this.sandbox.pay(order.orderId());
        return order;
    }
}
