package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jitpay.alipay.ReliabilityContractTest.MovableClock;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.alipay.sandbox.SandboxFault;
import io.jitpay.alipay.sandbox.SandboxRefund;
import io.jitpay.pay.NotifyResult;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;
import io.jitpay.pay.RefundLog;
import io.jitpay.pay.RefundStatus;
import io.jitpay.pay.RefundSweepReport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Refunds over HTTP against the sandbox, on each database: money moves once whatever is lost, repeated or raced, and
 * refund notifications never count as payments.
 */
abstract class RefundContractTest extends InstancesOnOneDatabase {

    private static final String REFUND = "alipay.trade.refund";

    private static final String REFUND_QUERY = "alipay.trade.fastpay.refund.query";

    private static final AtomicInteger names = new AtomicInteger();

    @RegisterExtension
    final AliPaySandboxExtension sandboxes = new AliPaySandboxExtension(
            (builder) -> builder.firstNotifyRetryAfter(Duration.ofMillis(300)));

    private final MovableClock clock = new MovableClock();

    private String name = "f0";

    @Override
    protected AliPaySandboxExtension sandboxes() {
        return this.sandboxes;
    }

    @BeforeEach
    void nameThisTestsPayment() {
        this.name = "f" + names.incrementAndGet();
    }

    @Test
    void partialThenFullRefundMovesTheMoneyOnceEachAndTheOrderStaysPaid() {
        PaymentFixture shop = instance();
        PayLog order = paidOrder(shop, "10.00");
        RefundLog first = shop.payment.refund(order.orderId(), new BigDecimal("3.00"), "Broken cup");
        assertThat(first.status()).isEqualTo(RefundStatus.SUCCESS);
        assertThat(first.refundId()).matches("R\\d{20}");
        assertThat(first.refundedAt()).isNotNull();
        assertThat(refunded(shop, order)).isEqualByComparingTo("3.00");
        RefundLog rest = shop.payment.refund(order.orderId(), new BigDecimal("7.00"), null);
        assertThat(rest.status()).isEqualTo(RefundStatus.SUCCESS);
        PayLog after = shop.payment.find(order.orderId()).orElseThrow();
        assertThat(after.status()).isEqualTo(PayStatus.SUCCESS);
        assertThat(after.refundedAmount()).isEqualByComparingTo("10.00");
        assertThat(this.sandbox.refunds(order.orderId())).extracting(SandboxRefund::outRequestNo)
            .containsExactly(first.refundId(), rest.refundId());
        assertThat(this.sandbox.trade(order.orderId())).get()
            .satisfies((trade) -> assertThat(trade.refundedAmount()).isEqualByComparingTo("10.00"));
        assertThat(shop.payment.findRefunds(order.orderId())).extracting(RefundLog::refundId)
            .containsExactlyInAnyOrder(first.refundId(), rest.refundId());
        assertThat(shop.refundEvents).extracting((event) -> event.refund().refundId() + ":" + event.previousStatus()
                + ">" + event.refund().status())
            .containsExactly(first.refundId() + ":PROCESSING>SUCCESS", rest.refundId() + ":PROCESSING>SUCCESS");
        awaitNotified(shop, order);
        List<Object> before = shop.snapshot();
        assertThatExceptionOfType(PayException.class)
            .isThrownBy(() -> shop.payment.refund(order.orderId(), new BigDecimal("0.01"), null))
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.REFUND_AMOUNT_ERROR));
        assertThat(shop.snapshot()).isEqualTo(before);
        assertThat(this.sandbox.calls(REFUND, order.orderId())).isEqualTo(2);
    }

    @Test
    void theSameRefundIdAgainReturnsTheSameRefundWithoutMovingMoneyTwice() {
        PaymentFixture shop = instance();
        PayLog order = paidOrder(shop, "10.00");
        RefundLog refund = shop.payment.refund(order.orderId(), new BigDecimal("4.00"), null, "CS-1001");
        RefundLog again = shop.payment.refund(order.orderId(), new BigDecimal("4.00"), null, "CS-1001");
        assertThat(again).isEqualTo(refund);
        assertThat(this.sandbox.calls(REFUND, order.orderId())).isEqualTo(1);
        List<Object> before = shop.snapshot();
        assertThatExceptionOfType(PayException.class)
            .isThrownBy(() -> shop.payment.refund(order.orderId(), new BigDecimal("5.00"), null, "CS-1001"))
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.INVALID_PARAM_ERROR))
            .withMessageContaining("use another refund id");
        PayLog other = paidOrder(shop, "10.00");
        assertThatExceptionOfType(PayException.class)
            .isThrownBy(() -> shop.payment.refund(other.orderId(), new BigDecimal("4.00"), null, "CS-1001"))
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.INVALID_PARAM_ERROR));
        assertThat(this.sandbox.calls(REFUND, order.orderId())).isEqualTo(1);
        assertThat(this.sandbox.calls(REFUND, other.orderId())).isZero();
        assertThat(refundRows(shop.snapshot())).isEqualTo(refundRows(before));
        assertThat(this.sandbox.refunds(order.orderId())).hasSize(1);
        assertThat(refunded(shop, order)).isEqualByComparingTo("4.00");
    }

    @Test
    void aLostAnswerLeavesTheRefundProcessingUntilTheQueryConfirmsIt() {
        PaymentFixture shop = instance((config) -> config.notifyUrl(null));
        PayLog order = paidOrder(shop, "10.00");
        this.sandbox.failNext(REFUND, SandboxFault.appliedThenHttpStatus(500));
        RefundLog refund = shop.payment.refund(order.orderId(), new BigDecimal("2.50"), null);
        assertThat(refund.status()).isEqualTo(RefundStatus.PROCESSING);
        assertThat(this.sandbox.refunds(order.orderId())).hasSize(1);
        assertThat(refunded(shop, order)).isEqualByComparingTo("0.00");
        // Too soon: Alipay may not know the request yet, so nothing is asked.
        assertThat(shop.payment.checkRefund(refund.refundId()).status()).isEqualTo(RefundStatus.PROCESSING);
        assertThat(this.sandbox.calls(REFUND_QUERY, order.orderId())).isZero();
        this.clock.advance(Duration.ofSeconds(11));
        RefundLog confirmed = shop.payment.checkRefund(refund.refundId());
        assertThat(confirmed.status()).isEqualTo(RefundStatus.SUCCESS);
        assertThat(this.sandbox.refunds(order.orderId())).hasSize(1);
        assertThat(this.sandbox.calls(REFUND, order.orderId())).isEqualTo(1);
        assertThat(refunded(shop, order)).isEqualByComparingTo("2.50");
        assertThat(shop.refundEvents).hasSize(1);
    }

    @Test
    void aTimedOutRefundSentAgainWithItsIdIsAnsweredFundChangeNAndConfirmedByQuery() {
        PaymentFixture shop = instance((config) -> config.notifyUrl(null).readTimeout(Duration.ofMillis(300)));
        PayLog order = paidOrder(shop, "10.00");
        this.sandbox.failNext(REFUND, SandboxFault.appliedThenDelay(Duration.ofMillis(800)));
        RefundLog refund = shop.payment.refund(order.orderId(), new BigDecimal("6.00"), null, "CS-2001");
        assertThat(refund.status()).isEqualTo(RefundStatus.PROCESSING);
        RefundLog retried = shop.payment.refund(order.orderId(), new BigDecimal("6.00"), null, "CS-2001");
        assertThat(retried.status()).isEqualTo(RefundStatus.SUCCESS);
        assertThat(this.sandbox.calls(REFUND, order.orderId())).isEqualTo(2);
        assertThat(this.sandbox.calls(REFUND_QUERY, order.orderId())).isEqualTo(1);
        assertThat(this.sandbox.refunds(order.orderId())).singleElement()
            .satisfies((made) -> assertThat(made.amount()).isEqualByComparingTo("6.00"));
        assertThat(refunded(shop, order)).isEqualByComparingTo("6.00");
    }

    @Test
    void aDroppedRequestIsSentAgainWithTheSameNumberByTheSweepAndSucceedsOnce() {
        PaymentFixture shop = instance((config) -> config.notifyUrl(null));
        PayLog order = paidOrder(shop, "10.00");
        this.sandbox.failNext(REFUND, SandboxFault.httpStatus(502));
        RefundLog refund = shop.payment.refund(order.orderId(), new BigDecimal("5.00"), "Late delivery");
        assertThat(refund.status()).isEqualTo(RefundStatus.PROCESSING);
        assertThat(this.sandbox.refunds(order.orderId())).isEmpty();
        // While processing, it counts against what is left.
        assertThatExceptionOfType(PayException.class)
            .isThrownBy(() -> shop.payment.refund(order.orderId(), new BigDecimal("5.01"), null))
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.REFUND_AMOUNT_ERROR));
        assertThat(shop.payment.sweepRefunds(10).claimed()).isZero();
        this.clock.advance(Duration.ofSeconds(11));
        RefundSweepReport swept = shop.payment.sweepRefunds(10);
        assertThat(swept.claimed()).isEqualTo(1);
        assertThat(swept.succeeded()).isEqualTo(1);
        assertThat(this.sandbox.refunds(order.orderId())).singleElement().satisfies((made) -> {
            assertThat(made.outRequestNo()).isEqualTo(refund.refundId());
            assertThat(made.amount()).isEqualByComparingTo("5.00");
        });
        assertThat(shop.payment.findRefund(refund.refundId())).get().extracting(RefundLog::status)
            .isEqualTo(RefundStatus.SUCCESS);
        this.clock.advance(Duration.ofSeconds(11));
        assertThat(shop.payment.sweepRefunds(10).due()).isZero();
        assertThat(this.sandbox.calls(REFUND, order.orderId())).isEqualTo(1);
    }

    @Test
    void aRefundProcessingPastTheLimitIsReportedAsStuck() {
        PaymentFixture shop = instance((config) -> config.notifyUrl(null)
            .refundProcessingLimit(Duration.ofHours(24)));
        PayLog order = paidOrder(shop, "10.00");
        this.sandbox.failNext(REFUND, SandboxFault.httpStatus(502));
        RefundLog refund = shop.payment.refund(order.orderId(), new BigDecimal("1.00"), null);
        this.clock.advance(Duration.ofHours(25));
        this.sandbox.failNext(REFUND_QUERY, SandboxFault.httpStatus(502));
        RefundSweepReport report = shop.payment.sweepRefunds(10);
        assertThat(report.stuck()).isEqualTo(1);
        assertThat(shop.payment.findRefund(refund.refundId())).get().extracting(RefundLog::status)
            .isEqualTo(RefundStatus.PROCESSING);
    }

    @Test
    void aRefusalIsStoredAsFailedAndARetryWithTheSameIdSucceeds() {
        PaymentFixture shop = instance();
        PayLog order = paidOrder(shop, "10.00");
        this.sandbox.failNext(REFUND, SandboxFault.error("40004", "ACQ.SELLER_BALANCE_NOT_ENOUGH", "卖家余额不足"));
        assertThatExceptionOfType(PayException.class)
            .isThrownBy(() -> shop.payment.refund(order.orderId(), new BigDecimal("10.00"), null, "CS-3001"))
            .satisfies((ex) -> {
                assertThat(ex.code()).isEqualTo(PayErrorCode.THIRD_PARTY_ERROR);
                assertThat(ex.gatewayCode()).isEqualTo("40004");
                assertThat(ex.gatewaySubCode()).isEqualTo("ACQ.SELLER_BALANCE_NOT_ENOUGH");
            });
        RefundLog failed = shop.payment.findRefund("CS-3001").orElseThrow();
        assertThat(failed.status()).isEqualTo(RefundStatus.FAILED);
        assertThat(failed.gatewaySubCode()).isEqualTo("ACQ.SELLER_BALANCE_NOT_ENOUGH");
        assertThat(shop.refundEvents).singleElement()
            .satisfies((event) -> assertThat(event.refund().status()).isEqualTo(RefundStatus.FAILED));
        // A failed refund no longer counts against the remainder, and its id may be tried again.
        RefundLog retried = shop.payment.refund(order.orderId(), new BigDecimal("10.00"), null, "CS-3001");
        assertThat(retried.status()).isEqualTo(RefundStatus.SUCCESS);
        assertThat(this.sandbox.refunds(order.orderId())).hasSize(1);
        assertThat(refunded(shop, order)).isEqualByComparingTo("10.00");
    }

    @Test
    void twentyConcurrentRefundsAcrossTwoInstancesNeverExceedThePaidAmount() throws Exception {
        PaymentFixture a = instance();
        PaymentFixture b = instance();
        PayLog order = paidOrder(a, "10.00");
        ExecutorService threads = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                PaymentFixture instance = (i % 2 == 0) ? a : b;
                Callable<Object> refund = () -> {
                    go.await();
                    try {
                        return instance.payment.refund(order.orderId(), new BigDecimal("1.00"), null);
                    }
                    catch (PayException ex) {
                        return ex.code();
                    }
                };
                results.add(threads.submit(refund));
            }
            go.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> result : results) {
                outcomes.add((result.get() instanceof RefundLog refund) ? refund.status() : result.get());
            }
            assertThat(outcomes).filteredOn(RefundStatus.SUCCESS::equals).hasSize(10);
            assertThat(outcomes).filteredOn(PayErrorCode.REFUND_AMOUNT_ERROR::equals).hasSize(10);
        }
        finally {
            threads.shutdownNow();
        }
        assertThat(this.sandbox.trade(order.orderId())).get()
            .satisfies((trade) -> assertThat(trade.refundedAmount()).isEqualByComparingTo("10.00"));
        assertThat(this.sandbox.refunds(order.orderId())).hasSize(10);
        assertThat(refunded(b, order)).isEqualByComparingTo("10.00");
    }

    @Test
    void refundNotificationsConfirmRefundsButNeverCountAsPayments() {
        PaymentFixture shop = instance();
        PayLog order = paidOrder(shop, "10.00");
        Map<String, String> payment = this.sandbox.notification(order.orderId());
        assertThat(shop.events).hasSize(1);
        // A partial refund whose answer is lost: its notification (TRADE_SUCCESS, refund_fee, out_biz_no) confirms it.
        this.sandbox.failNext(REFUND, SandboxFault.appliedThenHttpStatus(500));
        RefundLog partial = shop.payment.refund(order.orderId(), new BigDecimal("4.00"), null);
        assertThat(partial.status()).isEqualTo(RefundStatus.PROCESSING);
        await().until(() -> shop.payment.findRefund(partial.refundId()).orElseThrow().status()
                == RefundStatus.SUCCESS);
        // The rest: a full refund is notified as TRADE_CLOSED, which must not close the paid order.
        RefundLog rest = shop.payment.refund(order.orderId(), new BigDecimal("6.00"), null);
        assertThat(rest.status()).isEqualTo(RefundStatus.SUCCESS);
        await().until(() -> shop.notifyResults.stream().filter((result) -> "success".equals(result.body()))
            .count() >= 2);
        assertThat(this.sandbox.notification(order.orderId())).containsEntry("trade_status", "TRADE_CLOSED")
            .containsEntry("refund_fee", "10.00");
        // The payment's own notification, late and again.
        assertThat(shop.payment.notify(payment).outcome()).isEqualTo(NotifyResult.Outcome.DUPLICATE);
        shop.payment.notify(this.sandbox.notification(order.orderId()));
        PayLog after = shop.payment.find(order.orderId()).orElseThrow();
        assertThat(after.status()).isEqualTo(PayStatus.SUCCESS);
        assertThat(after.refundedAmount()).isEqualByComparingTo("10.00");
        assertThat(shop.events).hasSize(1);
        assertThat(shop.refundEvents).extracting((event) -> event.refund().refundId())
            .containsExactly(partial.refundId(), rest.refundId());
        assertThat(shop.notifyResults).allSatisfy((result) -> assertThat(result.body()).isEqualTo("success"));
    }

    @Test
    void aRefundMadeInTheMerchantConsoleIsRecordedFromItsNotification() {
        PaymentFixture shop = instance();
        PayLog order = paidOrder(shop, "10.00");
        SandboxRefund console = this.sandbox.refundFromConsole(order.orderId(), new BigDecimal("2.00"));
        await().until(() -> shop.payment.findRefund(console.outRequestNo()).isPresent());
        RefundLog recorded = shop.payment.findRefund(console.outRequestNo()).orElseThrow();
        assertThat(recorded.status()).isEqualTo(RefundStatus.SUCCESS);
        assertThat(recorded.amount()).isEqualByComparingTo("2.00");
        assertThat(refunded(shop, order)).isEqualByComparingTo("2.00");
        assertThat(shop.refundEvents).singleElement()
            .satisfies((event) -> assertThat(event.previousStatus()).isNull());
        assertThatExceptionOfType(PayException.class)
            .isThrownBy(() -> shop.payment.refund(order.orderId(), new BigDecimal("8.01"), null))
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.REFUND_AMOUNT_ERROR));
        assertThat(shop.payment.refund(order.orderId(), new BigDecimal("8.00"), null).status())
            .isEqualTo(RefundStatus.SUCCESS);
        assertThat(shop.events).hasSize(1);
    }

    @Test
    void badRefundRequestsAreRefusedWithoutACallOrARow() {
        PaymentFixture shop = instance();
        PayLog paid = paidOrder(shop, "10.00");
        PayLog unpaid = shop.payment.create("Unpaid", new BigDecimal("5.00"));
        awaitNotified(shop, paid);
        List<Object> before = shop.snapshot();
        assertRefused(() -> shop.payment.refund("NO_SUCH_ORDER", BigDecimal.ONE, null),
                PayErrorCode.ORDER_NOT_EXIST_ERROR);
        assertRefused(() -> shop.payment.refund(unpaid.orderId(), BigDecimal.ONE, null),
                PayErrorCode.ORDER_STATUS_ERROR);
        for (String amount : new String[] { "0", "0.00", "-1.00", "1.001" }) {
            assertRefused(() -> shop.payment.refund(paid.orderId(), new BigDecimal(amount), null),
                    PayErrorCode.INVALID_PARAM_ERROR);
        }
        assertRefused(() -> shop.payment.refund(paid.orderId(), null, null), PayErrorCode.INVALID_PARAM_ERROR);
        for (String reason : new String[] { "x".repeat(257), "a&b", "a=b" }) {
            assertRefused(() -> shop.payment.refund(paid.orderId(), BigDecimal.ONE, reason),
                    PayErrorCode.INVALID_PARAM_ERROR);
        }
        assertRefused(() -> shop.payment.refund(paid.orderId(), new BigDecimal("10.01"), null),
                PayErrorCode.REFUND_AMOUNT_ERROR);
        assertThat(shop.snapshot()).isEqualTo(before);
        assertThat(this.sandbox.calls(REFUND, paid.orderId())).isZero();
    }

    private static void assertRefused(Runnable call, PayErrorCode code) {
        assertThatExceptionOfType(PayException.class).isThrownBy(call::run)
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(code));
    }

    private PaymentFixture instance() {
        return instance(UnaryOperator.identity());
    }

    /** An instance on its own pool of the shared database, with refund pacing shortened for tests. */
    private PaymentFixture instance(UnaryOperator<AliPayConfig.Builder> config) {
        try {
            return track(PaymentFixture.start(this.sandbox, this.database.newPool(),
                    (builder) -> config.apply(builder.name(this.name).refundInterval(Duration.ofMillis(10))),
                    this.clock));
        }
        catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** An order paid at the sandbox and recorded as paid. */
    private PayLog paidOrder(PaymentFixture shop, String amount) {
        PayLog order = shop.payment.create("Tea set", new BigDecimal(amount));
        shop.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        this.sandbox.pay(order.orderId());
        assertThat(shop.payment.check(order.orderId()).status()).isEqualTo(PayStatus.SUCCESS);
        return order;
    }

    private static BigDecimal refunded(PaymentFixture shop, PayLog order) {
        return shop.payment.find(order.orderId()).orElseThrow().refundedAmount();
    }

    /**
     * Waits until the order's recorded view is the trade as the sandbox would notify it now: the notifications it sends
     * on its own (of the payment, of each refund) have arrived, so that a snapshot taken next holds still.
     */
    private void awaitNotified(PaymentFixture shop, PayLog order) {
        await().until(() -> {
            Map<String, String> now = this.sandbox.notification(order.orderId());
            return shop.payment.findAliPayLog(order.orderId())
                .filter((view) -> view.tradeStatus().name().equals(now.get("trade_status"))
                        && Objects.equals(view.outBizNo(), now.get("out_biz_no")))
                .isPresent();
        });
    }

    private static Object refundRows(List<Object> snapshot) {
        return snapshot.get(2);
    }
}
