package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.jitpay.alipay.bill.BillEntry;
import io.jitpay.alipay.bill.TradeBill;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.RefundLog;
import io.jitpay.pay.RefundStatus;
import io.jitpay.pay.ReconciliationReport.Discrepancy;
import io.jitpay.pay.ReconciliationReport.Discrepancy.Kind;

/**
 * The comparison of a day's bill with the local records, and nothing else: no call, no change. Each payment of the
 * bill is matched with its order by {@code 商户订单号} and amount; each refund with the ledger's refund of the same
 * request number ({@code 退款批次号/请求号}), or, for a refund the bill names no request number for (a cancelled in-store
 * payment), with a refund of the order of the same amount. Then every order paid and every refund made on the day
 * here must have been met in the bill. Entries of orders another instance owns are left to it.
 */
final class BillComparison {

    private BillComparison() {
    }

    /**
     * What the comparison found. {@link Kind#UNPAID_LOCALLY} discrepancies are not settled yet.
     * @param billEntries   the bill's payments and refunds that concern the instance
     * @param matched       how many of them agree
     * @param discrepancies what does not agree
     */
    record Outcome(int billEntries, int matched, List<Discrepancy> discrepancies) {
    }

    /**
     * The local records a comparison needs.
     * @param orders         this instance's orders named by the bill or paid on the day, by id
     * @param otherInstances ids of orders the bill names that another instance owns
     * @param paidOnDay      this instance's orders paid on the day
     * @param refunds        this instance's refunds (any status) of the orders the bill lists refunds of
     * @param refundedOnDay  this instance's refunds that succeeded on the day
     */
    record Local(Map<String, PayLog> orders, Set<String> otherInstances, List<PayLog> paidOnDay,
            List<RefundLog> refunds, List<RefundLog> refundedOnDay) {
    }

    static Outcome compare(TradeBill bill, Local local) {
        List<Discrepancy> found = new ArrayList<>();
        Set<String> reportedMissing = new HashSet<>();
        Set<String> paidInBill = new HashSet<>();
        Set<String> refundsMet = new HashSet<>();
        Map<String, List<RefundLog>> refundsByOrder = new HashMap<>();
        local.refunds().forEach((refund) -> refundsByOrder.computeIfAbsent(refund.orderId(), (id) -> new ArrayList<>())
            .add(refund));
        int entries = 0;
        int matched = 0;
        for (BillEntry entry : bill.entries()) {
            String orderId = entry.orderId();
            if (entry.type() == BillEntry.Type.OTHER
                    || (orderId != null && local.otherInstances().contains(orderId))) {
                continue;
            }
            entries++;
            PayLog order = (orderId != null) ? local.orders().get(orderId) : null;
            if (order == null) {
                if (orderId == null || reportedMissing.add(orderId)) {
                    found.add(missingLocally(entry));
                }
            }
            else if (entry.type() == BillEntry.Type.PAYMENT) {
                paidInBill.add(order.orderId());
                Discrepancy discrepancy = payment(entry, order);
                matched += (discrepancy == null) ? 1 : 0;
                if (discrepancy != null) {
                    found.add(discrepancy);
                }
            }
            else {
                Discrepancy discrepancy = refund(entry, order,
                        refundsByOrder.getOrDefault(order.orderId(), List.of()), refundsMet);
                matched += (discrepancy == null) ? 1 : 0;
                if (discrepancy != null) {
                    found.add(discrepancy);
                }
            }
        }
        for (PayLog paid : local.paidOnDay()) {
            if (!paidInBill.contains(paid.orderId())) {
                found.add(new Discrepancy(paid.orderId(), Kind.MISSING_AT_ALIPAY, paid.tradeNo(), null, null,
                        paid.amount(), false, "paid here at " + time(paid.paidAt()) + " for " + money(paid.amount())
                                + "; Alipay's bill of the day does not list the payment"));
            }
        }
        for (RefundLog refund : local.refundedOnDay()) {
            if (!refundsMet.contains(refund.refundId())) {
                found.add(new Discrepancy(refund.orderId(), Kind.REFUND_MISMATCH, null, refund.refundId(), null,
                        refund.amount(), false, "refund " + refund.refundId() + " of " + money(refund.amount())
                                + " succeeded here at " + time(refund.refundedAt())
                                + "; Alipay's bill of the day does not list it"));
            }
        }
        return new Outcome(entries, matched, found);
    }

    private static Discrepancy missingLocally(BillEntry entry) {
        String what = (entry.type() == BillEntry.Type.PAYMENT) ? "a payment" : "a refund";
        String order = (entry.orderId() != null) ? "an order no instance here has" : "no order id (商户订单号)";
        return new Discrepancy(Objects.requireNonNullElse(entry.orderId(), ""), Kind.MISSING_LOCALLY, entry.tradeNo(),
                entry.refundRequestNo(), entry.absoluteAmount(), null, false, "Alipay's bill lists " + what + " of "
                        + money(entry.absoluteAmount()) + " at " + time(entry.completedAt()) + " (trade "
                        + entry.tradeNo() + ") for " + order);
    }

    /** A payment of the bill against its order: {@code null} when they agree. */
    private static @Nullable Discrepancy payment(BillEntry entry, PayLog order) {
        BigDecimal billed = entry.amount();
        if (billed.compareTo(order.amount()) != 0) {
            return new Discrepancy(order.orderId(), Kind.AMOUNT_MISMATCH, entry.tradeNo(), null, billed,
                    order.amount(), false, "Alipay's bill lists a payment of " + money(billed) + " (trade "
                            + entry.tradeNo() + "); the order is of " + money(order.amount()) + " and "
                            + order.status().code() + " here");
        }
        if (order.status() != PayStatus.SUCCESS) {
            return new Discrepancy(order.orderId(), Kind.UNPAID_LOCALLY, entry.tradeNo(), null, billed,
                    order.amount(), false, "Alipay's bill lists a payment of " + money(billed) + " at "
                            + time(entry.completedAt()) + " (trade " + entry.tradeNo() + "); the order is "
                            + order.status().code() + " here");
        }
        return null;
    }

    /** A refund of the bill against the order's refunds in the ledger: {@code null} when they agree. */
    private static @Nullable Discrepancy refund(BillEntry entry, PayLog order, List<RefundLog> refunds,
            Set<String> met) {
        BigDecimal billed = entry.absoluteAmount();
        String requestNo = entry.refundRequestNo();
        RefundLog refund = null;
        for (RefundLog candidate : refunds) {
            boolean same = (requestNo != null) ? candidate.refundId().equals(requestNo)
                    : candidate.status() == RefundStatus.SUCCESS && candidate.amount().compareTo(billed) == 0
                            && !met.contains(candidate.refundId());
            if (same) {
                refund = candidate;
                break;
            }
        }
        String named = (requestNo != null) ? "refund " + requestNo : "a refund";
        String billedText = "Alipay's bill lists " + named + " of " + money(billed) + " at "
                + time(entry.completedAt());
        if (refund == null) {
            return new Discrepancy(order.orderId(), Kind.REFUND_MISMATCH, entry.tradeNo(), requestNo, billed, null,
                    false, billedText + "; the refund ledger has no such refund of the order");
        }
        met.add(refund.refundId());
        if (refund.status() != RefundStatus.SUCCESS) {
            String state = (refund.status() == RefundStatus.PROCESSING) ? "processing (the sweep confirms it)"
                    : "failed, though Alipay refunded it: look it up in the Alipay console";
            return new Discrepancy(order.orderId(), Kind.REFUND_MISMATCH, entry.tradeNo(), refund.refundId(), billed,
                    refund.amount(), false, billedText + "; the ledger has it " + state);
        }
        if (refund.amount().compareTo(billed) != 0) {
            return new Discrepancy(order.orderId(), Kind.REFUND_MISMATCH, entry.tradeNo(), refund.refundId(), billed,
                    refund.amount(), false, billedText + "; the ledger has it of " + money(refund.amount()));
        }
        return null;
    }

    private static String money(BigDecimal amount) {
        return amount.toPlainString();
    }

    private static String time(@Nullable Instant instant) {
        return (instant != null) ? BeijingTime.format(instant) + " Beijing time" : "an unknown time";
    }
}
