package io.jitpay.alipay;

import java.security.KeyPair;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jitpay.alipay.jdbc.JdbcPayLogStore;
import io.jitpay.alipay.jdbc.JdbcStoreSchema;
import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.alipay.sandbox.NotificationDelivery;
import io.jitpay.pay.NotifyResult;
import io.jitpay.pay.NotifyResult.Outcome;
import io.jitpay.pay.NotifyResult.Rejection;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayStatusChangedEvent;
import io.jitpay.pay.PayType;
import io.jitpay.alipay.sandbox.TestRsaKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Asynchronous notifications: delivered by the sandbox over HTTP, forged, tampered, replayed and concurrent. */
class AliPaymentNotifyTest {

    private static final KeyPair APP = TestRsaKeys.generate();

    private static final KeyPair ALIPAY = TestRsaKeys.generate();

    @RegisterExtension
    static final AliPaySandboxExtension sandboxes = new AliPaySandboxExtension(
            (builder) -> builder.firstNotifyRetryAfter(Duration.ofMillis(200)));

    private final AliPaySandbox sandbox = sandboxes.get();

    private PaymentFixture fixture;

    private AliPayment payment;

    @BeforeEach
    void startFixture() throws Exception {
        this.fixture = PaymentFixture.start(sandbox);
        this.payment = this.fixture.payment;
    }

    @AfterEach
    void stopFixture() {
        this.fixture.close();
    }

    @Test
    void paymentNotifiedBySandboxMarksTheOrderPaidOnceAndIsAcknowledged() {
        PayLog order = qrOrder("9.90");
        sandbox.pay(order.orderId());
        await().until(() -> !sandbox.deliveries(order.orderId()).isEmpty());
        NotificationDelivery delivery = sandbox.deliveries(order.orderId()).get(0);
        assertThat(delivery.acknowledged()).isTrue();
        assertThat(delivery.response()).isEqualTo(AliPayment.SUCCESS_RETURN);
        PayLog paid = this.payment.find(order.orderId()).orElseThrow();
        assertThat(paid.status()).isEqualTo(PayStatus.SUCCESS);
        assertThat(paid.tradeNo()).isEqualTo(delivery.params().get("trade_no"));
        assertThat(paid.paidAt()).isEqualTo(sandbox.trade(order.orderId()).orElseThrow().paidAt()
            .truncatedTo(ChronoUnit.SECONDS));
        assertThat(this.fixture.events).singleElement().satisfies((event) -> {
            assertThat(event.previousStatus()).isEqualTo(PayStatus.WAIT);
            assertThat(event.payLog()).isEqualTo(paid);
        });
        AliPayLog view = this.payment.findAliPayLog(order.orderId()).orElseThrow();
        assertThat(view.tradeStatus()).isEqualTo(AliPayStatus.TRADE_SUCCESS);
        assertThat(view.buyerId()).isEqualTo(delivery.params().get("buyer_id"));
        assertThat(view.receiptAmount()).isEqualTo("9.90");
    }

    @Test
    void replayedNotificationAnswersSuccessAndChangesNothing() {
        PayLog order = qrOrder("9.90");
        sandbox.pay(order.orderId());
        await().until(() -> this.fixture.events.size() == 1);
        Object before = this.fixture.snapshot();
        NotifyResult replay = this.payment.notify(sandbox.deliveries(order.orderId()).get(0).params());
        assertThat(replay.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(replay.body()).isEqualTo("success");
        assertThat(this.fixture.snapshot()).isEqualTo(before);
        assertThat(this.fixture.events).hasSize(1);
    }

    @Test
    void notifyLeavesTheCallersMapUntouched() {
        PayLog order = scannedOrder("9.90");
        Map<String, String> notification = sandbox.notification(order.orderId());
        Map<String, String> copy = new HashMap<>(notification);
        this.payment.notify(notification);
        assertThat(notification).isEqualTo(copy);
    }

    @Test
    void notificationSignedWithAnotherKeyIsRejectedAndChangesNothing() {
        PayLog order = paidAtAlipayOnly("9.90");
        Map<String, String> forged = NotifyVerifier.sign(PaymentFixture.unsigned(sandbox.notification(order.orderId())),
                ALIPAY.getPrivate());
        assertRejected(forged, Rejection.BAD_SIGNATURE, "signature");
    }

    @Test
    void notificationWithATamperedAmountIsRejectedAndTheOrderStaysWaiting() {
        PayLog order = paidAtAlipayOnly("9.90");
        Map<String, String> tampered = new LinkedHashMap<>(sandbox.notification(order.orderId()));
        tampered.put("total_amount", "0.01");
        assertRejected(tampered, Rejection.BAD_SIGNATURE, "signature");
    }

    @Test
    void validlySignedNotificationForAnotherAmountIsRejected() {
        PayLog order = paidAtAlipayOnly("9.90");
        Map<String, String> params = PaymentFixture.unsigned(sandbox.notification(order.orderId()));
        params.put("total_amount", "0.01");
        assertRejected(sandbox.sign(params, StandardCharsets.UTF_8), Rejection.AMOUNT_MISMATCH,
                "differs from the order amount 9.90");
    }

    @Test
    void validlySignedNotificationForAnotherAppIsRejected() {
        PayLog order = paidAtAlipayOnly("9.90");
        Map<String, String> params = PaymentFixture.unsigned(sandbox.notification(order.orderId()));
        params.put("app_id", "2021009999999999");
        assertRejected(sandbox.sign(params, StandardCharsets.UTF_8), Rejection.WRONG_APP, "app_id 2021009999999999");
    }

    @Test
    void validlySignedNotificationForAnotherSellerIsRejected() {
        PayLog order = paidAtAlipayOnly("9.90");
        Map<String, String> params = PaymentFixture.unsigned(sandbox.notification(order.orderId()));
        params.put("seller_id", "2088999999999999");
        assertRejected(sandbox.sign(params, StandardCharsets.UTF_8), Rejection.WRONG_SELLER, "seller_id");
    }

    @Test
    void validlySignedNotificationForAnUnknownOrderIsRejected() {
        PayLog order = paidAtAlipayOnly("9.90");
        Map<String, String> params = PaymentFixture.unsigned(sandbox.notification(order.orderId()));
        params.put("out_trade_no", "NOT_OURS_1");
        assertRejected(sandbox.sign(params, StandardCharsets.UTF_8), Rejection.UNKNOWN_ORDER, "no such order");
    }

    @Test
    void unknownTradeStatusIsRejected() {
        PayLog order = paidAtAlipayOnly("9.90");
        Map<String, String> params = PaymentFixture.unsigned(sandbox.notification(order.orderId()));
        params.put("trade_status", "TRADE_PENDING");
        assertRejected(sandbox.sign(params, StandardCharsets.UTF_8), Rejection.UNKNOWN_TRADE_STATUS,
                "unknown trade_status");
    }

    @Test
    void oldNotificationIsStillAcceptedBecauseAlipayRetriesForTwentyFiveHours() {
        PayLog order = paidAtAlipayOnly("9.90");
        Map<String, String> params = PaymentFixture.unsigned(sandbox.notification(order.orderId()));
        params.put("notify_time", "2020-01-01 00:00:00");
        assertThat(this.payment.notify(sandbox.sign(params, StandardCharsets.UTF_8)).outcome())
            .isEqualTo(Outcome.APPLIED);
    }

    @Test
    void paymentReportedForAClosedOrderMakesItPaid() {
        assertLatePaymentIsRecordedFrom(PayStatus.CLOSE);
    }

    @Test
    void paymentReportedForATimedOutOrderMakesItPaid() {
        assertLatePaymentIsRecordedFrom(PayStatus.TIMEOUT);
    }

    @Test
    void tradeClosedNotificationClosesAWaitingOrder() {
        PayLog order = sentSilently("9.90");
        sandbox.scan(order.orderId());
        this.payment.cancelThird(order.orderId());
        NotifyResult result = this.payment.notify(sandbox.notification(order.orderId()));
        assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(this.payment.find(order.orderId())).get().extracting(PayLog::status).isEqualTo(PayStatus.CLOSE);
        assertThat(this.fixture.events).singleElement()
            .satisfies((event) -> assertThat(event.status()).isEqualTo(PayStatus.CLOSE));
    }

    @Test
    void cancelWhoseCloseIsAlsoNotifiedChangesTheOrderOnce() {
        PayLog order = scannedOrder("9.90");
        assertThat(this.payment.cancel(order.orderId()).status()).isEqualTo(PayStatus.CLOSE);
        await().until(() -> sandbox.deliveries(order.orderId()).stream().anyMatch(NotificationDelivery::acknowledged));
        assertThat(this.fixture.events).hasSize(1);
    }

    @Test
    void waitBuyerPayNotificationRecordsTheTradeWithoutChangingTheOrder() {
        PayLog order = scannedOrder("9.90");
        NotifyResult result = this.payment.notify(sandbox.notification(order.orderId()));
        assertThat(result.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(this.payment.find(order.orderId())).get().extracting(PayLog::status).isEqualTo(PayStatus.WAIT);
        assertThat(this.payment.findAliPayLog(order.orderId())).get().extracting(AliPayLog::tradeStatus)
            .isEqualTo(AliPayStatus.WAIT_BUYER_PAY);
        assertThat(this.fixture.events).isEmpty();
    }

    @Test
    void listenerFailureAnswersFailureKeepsTheOrderWaitingAndTheRetryDeliversItOnce() {
        List<PayStatusChangedEvent> delivered = new ArrayList<>();
        this.fixture.extraListener = (event) -> {
            throw new IllegalStateException("shop database is down");
        };
        PayLog order = qrOrder("9.90");
        sandbox.pay(order.orderId());
        await().until(() -> !sandbox.deliveries(order.orderId()).isEmpty());
        NotificationDelivery first = sandbox.deliveries(order.orderId()).get(0);
        assertThat(first.response()).isEqualTo("failure");
        assertThat(this.payment.find(order.orderId())).get().extracting(PayLog::status).isEqualTo(PayStatus.WAIT);
        assertThat(this.payment.findAliPayLog(order.orderId())).isEmpty();
        assertThat(this.fixture.notifyResults).first().extracting(NotifyResult::outcome).isEqualTo(Outcome.ERROR);

        this.fixture.extraListener = delivered::add;
        await().until(() -> sandbox.deliveries(order.orderId()).stream().anyMatch(NotificationDelivery::acknowledged));
        assertThat(this.payment.find(order.orderId())).get().extracting(PayLog::status)
            .isEqualTo(PayStatus.SUCCESS);
        assertThat(delivered).hasSize(1);
        assertThat(sandbox.deliveries(order.orderId())).extracting(NotificationDelivery::attempt)
            .containsExactly(1, 2);
    }

    @Test
    void fiftyThreadsDeliveringTheSameNotificationMakeOneTransitionAndOneEvent() throws Exception {
        PayLog order = paidAtAlipayOnly("9.90");
        Map<String, String> notification = sandbox.notification(order.orderId());
        ExecutorService threads = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<NotifyResult>> tasks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                tasks.add(() -> {
                    start.await();
                    return this.payment.notify(notification);
                });
            }
            List<Future<NotifyResult>> futures = new ArrayList<>();
            for (Callable<NotifyResult> task : tasks) {
                futures.add(threads.submit(task));
            }
            start.countDown();
            List<NotifyResult> results = new ArrayList<>();
            for (Future<NotifyResult> future : futures) {
                results.add(future.get());
            }
            assertThat(results).extracting(NotifyResult::body).containsOnly("success");
            assertThat(results).filteredOn((r) -> r.outcome() == Outcome.APPLIED).hasSize(1);
            assertThat(results).filteredOn((r) -> r.outcome() == Outcome.DUPLICATE).hasSize(49);
            assertThat(this.fixture.events).hasSize(1);
            assertThat(this.payment.find(order.orderId())).get().extracting(PayLog::status)
                .isEqualTo(PayStatus.SUCCESS);
        }
        finally {
            threads.shutdownNow();
        }
    }

    @Test
    void realProductionNotificationSettlesTheOrderWithHyphensInItsId() {
        var pool = org.h2.jdbcx.JdbcConnectionPool.create("jdbc:h2:mem:yuque;DB_CLOSE_DELAY=-1", "sa", "");
        try {
            new JdbcStoreSchema(pool).initialize();
            JdbcPayLogStore store = new JdbcPayLogStore(pool);
            AliPayConfig config = AliPayConfig.builder()
                .appId("2019073166072302")
                .privateKey(TestRsaKeys.pkcs8Base64(APP))
                .publicKey(AlipayVectors.text("alipay-sdk-nodejs-all/notify-v1-inline-public-key.pem"))
                .sellerId("2088531891668739")
                .build();
            List<PayStatusChangedEvent> events = new ArrayList<>();
            AliPayment yuque = AliPayment.builder(config, store).listener(events::add).build();
            yuque.create("语雀空间 500人规模", new BigDecimal("0.10"), "20190815155618536-564-57");

            NotifyResult result = yuque.notify(AlipayVectors.params(
                    "alipay-sdk-nodejs-all/notify_yuque_2019081522001468450512505578.json"));
            assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
            PayLog paid = yuque.find("20190815155618536-564-57").orElseThrow();
            assertThat(paid.status()).isEqualTo(PayStatus.SUCCESS);
            assertThat(paid.tradeNo()).isEqualTo("2019081522001468450512505578");
            assertThat(paid.paidAt()).isEqualTo(Instant.parse("2019-08-15T07:56:24Z"));
            assertThat(yuque.findAliPayLog(paid.orderId())).get().extracting(AliPayLog::buyerLogonId)
                .isEqualTo("xud***@126.com");
            assertThat(events).hasSize(1);
        }
        finally {
            pool.dispose();
        }
    }

    private void assertLatePaymentIsRecordedFrom(PayStatus closed) {
        PayLog order = paidAtAlipayOnly("9.90");
        PayLog current = this.payment.find(order.orderId()).orElseThrow();
        this.fixture.store.transition(current, closed, null, null, null, Instant.now(), (changed) -> {
        });
        NotifyResult result = this.payment.notify(sandbox.notification(order.orderId()));
        assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(this.payment.find(order.orderId())).get().extracting(PayLog::status).isEqualTo(PayStatus.SUCCESS);
        assertThat(this.fixture.events).singleElement()
            .satisfies((event) -> assertThat(event.previousStatus()).isEqualTo(closed));
    }

    /**
     * Refused and nothing changed; a validly signed notification that can never apply is acknowledged, so that Alipay
     * stops retrying it for 25 hours, and journaled as rejected; one whose signature does not verify is not.
     */
    private void assertRejected(Map<String, String> notification, Rejection rejection, String reason) {
        Object before = this.fixture.snapshot();
        NotifyResult result = this.payment.notify(notification);
        assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(result.rejection()).isEqualTo(rejection);
        assertThat(result.body()).isEqualTo(rejection.isSigned() ? "success" : "failure");
        assertThat(result.reason()).contains(reason);
        assertThat(this.fixture.snapshot()).isEqualTo(before);
        assertThat(this.fixture.events).isEmpty();
        assertThat(this.fixture.journal.findNotifications(notification.get("out_trade_no")))
            .last().satisfies((record) -> {
                assertThat(record.outcome()).isEqualTo(Outcome.REJECTED);
                assertThat(record.rejection()).isEqualTo(rejection);
            });
    }

    private PayLog qrOrder(String amount) {
        PayLog order = this.payment.create("Coffee", new BigDecimal(amount));
        this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        return order;
    }

    private PayLog scannedOrder(String amount) {
        PayLog order = qrOrder(amount);
        sandbox.scan(order.orderId());
        return order;
    }

    /** An order paid at the sandbox whose notification is never delivered. */
    private PayLog paidAtAlipayOnly(String amount) {
        PayLog order = sentSilently(amount);
        sandbox.pay(order.orderId());
        return order;
    }

    /** An order whose trade was created at the sandbox without a notify URL, so no notification is ever sent. */
    private PayLog sentSilently(String amount) {
        PayLog order = this.payment.create("Coffee", new BigDecimal(amount));
        try (PaymentFixture silent = PaymentFixture.start(sandbox, (config) -> config.notifyUrl(null))) {
            silent.store.insert(order);
            silent.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
        return order;
    }
}
