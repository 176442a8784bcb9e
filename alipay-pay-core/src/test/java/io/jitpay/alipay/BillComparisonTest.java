package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.jitpay.alipay.bill.BillEntry;
import io.jitpay.alipay.bill.TradeBill;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.ReconciliationReport.Discrepancy;
import io.jitpay.pay.ReconciliationReport.Discrepancy.Kind;
import io.jitpay.pay.RefundLog;
import io.jitpay.pay.RefundStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The comparison on its own, for the cases a sandbox bill does not easily make. */
class BillComparisonTest {

    private static final Instant NOON = Instant.parse("2026-03-10T04:00:00Z");

    @Test
    void aRefundWithoutRequestNumberMatchesARefundOfTheOrderOfTheSameAmountOnce() {
        PayLog order = paid("D1", "20.00");
        RefundLog cancelled = refund("D1-cancel", "D1", "20.00", RefundStatus.SUCCESS);
        TradeBill bill = bill(payment("D1", "20.00"), refund("D1", null, "20.00"), refund("D1", null, "20.00"));

        BillComparison.Outcome outcome = BillComparison.compare(bill, local(List.of(order), Set.of(),
                List.of(cancelled), List.of(cancelled)));
        assertThat(outcome.billEntries()).isEqualTo(3);
        assertThat(outcome.matched()).isEqualTo(2);
        assertThat(outcome.discrepancies()).extracting(Discrepancy::kind, Discrepancy::refundId)
            .containsExactly(tuple(Kind.REFUND_MISMATCH, null));
    }

    @Test
    void entriesOfAnotherInstancesOrdersAndOfOtherTypesAreLeftOutAndNotCounted() {
        PayLog order = paid("D1", "5.00");
        TradeBill bill = bill(payment("D1", "5.00"), payment("THEIRS", "9.00"), refund("THEIRS", "R1", "1.00"),
                entry("D2", BillEntry.Type.OTHER, "冻结", "3.00", null));
        BillComparison.Outcome outcome = BillComparison.compare(bill, local(List.of(order), Set.of("THEIRS"),
                List.of(), List.of()));
        assertThat(outcome.billEntries()).isEqualTo(1);
        assertThat(outcome.matched()).isEqualTo(1);
        assertThat(outcome.discrepancies()).isEmpty();
    }

    @Test
    void anOrderMissingHereIsReportedOnceAndAnEntryWithoutOrderIdEachTime() {
        TradeBill bill = bill(payment("GONE", "5.00"), refund("GONE", "R1", "1.00"), payment(null, "2.00"),
                payment(null, "3.00"));
        BillComparison.Outcome outcome = BillComparison.compare(bill, local(List.of(), Set.of(), List.of(),
                List.of()));
        assertThat(outcome.billEntries()).isEqualTo(4);
        assertThat(outcome.matched()).isZero();
        assertThat(outcome.discrepancies()).extracting(Discrepancy::orderId, Discrepancy::kind, Discrepancy::billAmount)
            .containsExactly(tuple("GONE", Kind.MISSING_LOCALLY, new BigDecimal("5.00")),
                    tuple("", Kind.MISSING_LOCALLY, new BigDecimal("2.00")),
                    tuple("", Kind.MISSING_LOCALLY, new BigDecimal("3.00")));
        assertThat(outcome.discrepancies().get(1).detail()).contains("no order id");
    }

    @Test
    void aRefundAlipayMadeThatTheLedgerHasAsFailedOrProcessingIsAMismatch() {
        PayLog order = paid("D1", "20.00");
        TradeBill bill = bill(payment("D1", "20.00"), refund("D1", "R-FAILED", "5.00"),
                refund("D1", "R-PROCESSING", "6.00"));
        BillComparison.Outcome outcome = BillComparison.compare(bill, local(List.of(order), Set.of(),
                List.of(refund("R-FAILED", "D1", "5.00", RefundStatus.FAILED),
                        refund("R-PROCESSING", "D1", "6.00", RefundStatus.PROCESSING)),
                List.of()));
        assertThat(outcome.matched()).isEqualTo(1);
        assertThat(outcome.discrepancies()).extracting(Discrepancy::refundId, Discrepancy::detail)
            .containsExactly(tuple("R-FAILED", "Alipay's bill lists refund R-FAILED of 5.00 at 2026-03-10 12:00:00 "
                    + "Beijing time; the ledger has it failed, though Alipay refunded it: look it up in the Alipay "
                    + "console"),
                    tuple("R-PROCESSING", "Alipay's bill lists refund R-PROCESSING of 6.00 at 2026-03-10 12:00:00 "
                            + "Beijing time; the ledger has it processing (the sweep confirms it)"));
    }

    @Test
    void aWaitingOrderOfAnotherAmountIsAnAmountMismatchNotAnUnpaidOne() {
        PayLog waiting = PayLog.of("D1", "pays.shop", "Tea", new BigDecimal("10.00"), PayStatus.WAIT, NOON, NOON);
        BillComparison.Outcome outcome = BillComparison.compare(bill(payment("D1", "1.00")),
                local(List.of(waiting), Set.of(), List.of(), List.of()));
        assertThat(outcome.discrepancies()).extracting(Discrepancy::kind).containsExactly(Kind.AMOUNT_MISMATCH);
    }

    private static BillComparison.Local local(List<PayLog> orders, Set<String> others, List<RefundLog> refunds,
            List<RefundLog> refundedOnDay) {
        Map<String, PayLog> byId = new HashMap<>();
        orders.forEach((order) -> byId.put(order.orderId(), order));
        List<PayLog> paid = orders.stream().filter((order) -> order.status() == PayStatus.SUCCESS).toList();
        return new BillComparison.Local(byId, others, paid, refunds, refundedOnDay);
    }

    private static PayLog paid(String orderId, String amount) {
        return PayLog.of(orderId, "pays.shop", "Tea", new BigDecimal(amount), PayStatus.WAIT, NOON, NOON)
            .withStatus(PayStatus.SUCCESS, "T" + orderId, NOON, NOON);
    }

    private static RefundLog refund(String refundId, String orderId, String amount, RefundStatus status) {
        return new RefundLog(refundId, orderId, "pays.shop", new BigDecimal(amount), null, status, NOON, NOON,
                (status == RefundStatus.SUCCESS) ? NOON : null, null, null, null);
    }

    private static TradeBill bill(BillEntry... entries) {
        return new TradeBill(LocalDate.of(2026, 3, 10), "20880000000000010156", List.of(entries), null);
    }

    private static BillEntry payment(@Nullable String orderId, String amount) {
        return entry(orderId, BillEntry.Type.PAYMENT, "交易", amount, null);
    }

    private static BillEntry refund(String orderId, @Nullable String requestNo, String amount) {
        return entry(orderId, BillEntry.Type.REFUND, "退款", "-" + amount, requestNo);
    }

    private static BillEntry entry(@Nullable String orderId, BillEntry.Type type, String businessType, String amount,
            @Nullable String requestNo) {
        return new BillEntry("2026031022001400001000000001", orderId, type, businessType, "Tea", NOON, NOON,
                new BigDecimal(amount), new BigDecimal(amount), requestNo, BigDecimal.ZERO.setScale(2), null);
    }
}
