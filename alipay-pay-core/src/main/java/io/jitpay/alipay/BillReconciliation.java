package io.jitpay.alipay;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jitpay.alipay.bill.BillEntry;
import io.jitpay.alipay.bill.TradeBill;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.ReconciliationReport;
import io.jitpay.pay.ReconciliationReport.Discrepancy;
import io.jitpay.pay.ReconciliationStore;

/**
 * The reconciliation of one day of one payment instance: downloads Alipay's trade bill, reads the instance's orders
 * and refunds of the day and those the bill names, compares them ({@code BillComparison}) and settles what Alipay
 * says was paid and is not paid here. The bill itself is not signed, so it never moves money state on its own word:
 * an {@code UNPAID_LOCALLY} order is queried ({@code alipay.trade.query}, signed) and the answer applied by the state
 * machine, exactly as a check would, firing one status event. Everything else is reported, never changed.
 */
final class BillReconciliation {

    /** "当日数据一般于次日 9 点前生成": Alipay has a day's bill by about 09:00 Beijing time the next day. */
    static final LocalTime BILL_READY = LocalTime.of(9, 0);

    private static final Logger logger = LoggerFactory.getLogger(BillReconciliation.class);

    private final Orders orders;

    private final ReconciliationStore store;

    private final AliPayGateway gateway;

    private final OrderTransitions transitions;

    private final Clock clock;

    BillReconciliation(Orders orders, ReconciliationStore store, AliPayGateway gateway, OrderTransitions transitions,
            Clock clock) {
        this.orders = orders;
        this.store = store;
        this.gateway = gateway;
        this.transitions = transitions;
        this.clock = clock;
    }

    ReconciliationReport reconcile(LocalDate day) {
        String fullName = this.orders.fullName();
        Instant now = this.clock.instant();
        if (day.isAfter(LocalDate.ofInstant(now, BeijingTime.OFFSET))) {
            throw new PayException(PayErrorCode.INVALID_PARAM_ERROR, "There is no bill of " + day + " yet: a day's "
                    + "bill is ready by about 09:00 Beijing time the next day");
        }
        Instant from = day.atStartOfDay(BeijingTime.OFFSET).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(BeijingTime.OFFSET).toInstant();
        TradeBill bill;
        try {
            bill = this.gateway.tradeBill(day);
        }
        catch (PayException ex) {
            if (TradeBill.NOT_READY.equals(ex.gatewaySubCode()) && quiet(fullName, day, from, to, now)) {
                logger.info("Alipay has no bill of {} for {}, and nothing was paid or refunded here that day",
                        day, fullName);
                return new ReconciliationReport(fullName, day, 0, 0, List.of());
            }
            throw ex;
        }
        BillComparison.Local local = load(fullName, bill, from, to);
        BillComparison.Outcome outcome = BillComparison.compare(bill, local);
        List<Discrepancy> discrepancies = new ArrayList<>();
        for (Discrepancy discrepancy : outcome.discrepancies()) {
            PayLog order = local.orders().get(discrepancy.orderId());
            discrepancies.add((discrepancy.kind() == Discrepancy.Kind.UNPAID_LOCALLY && order != null)
                    ? settle(discrepancy, order) : discrepancy);
        }
        ReconciliationReport report = new ReconciliationReport(fullName, day, outcome.billEntries(),
                outcome.matched(), discrepancies);
        log(report, bill);
        return report;
    }

    /**
     * Whether a day without a bill is simply a day without trades: the bill should be there by now, and this instance
     * recorded no payment and no refund that day. Before the bill's time, nothing can be said yet.
     */
    private boolean quiet(String fullName, LocalDate day, Instant from, Instant to, Instant now) {
        Instant ready = day.plusDays(1).atTime(BILL_READY).toInstant(BeijingTime.OFFSET);
        return !now.isBefore(ready) && this.store.findPaid(fullName, from, to).isEmpty()
                && this.store.findRefunded(fullName, from, to).isEmpty();
    }

    private BillComparison.Local load(String fullName, TradeBill bill, Instant from, Instant to) {
        Set<String> named = new LinkedHashSet<>();
        Set<String> refunded = new HashSet<>();
        for (BillEntry entry : bill.entries()) {
            if (entry.orderId() != null && entry.type() != BillEntry.Type.OTHER) {
                named.add(entry.orderId());
                if (entry.type() == BillEntry.Type.REFUND) {
                    refunded.add(entry.orderId());
                }
            }
        }
        List<PayLog> paidOnDay = this.store.findPaid(fullName, from, to);
        Map<String, PayLog> orders = new HashMap<>();
        paidOnDay.forEach((order) -> orders.put(order.orderId(), order));
        Set<String> toFind = new HashSet<>(named);
        toFind.removeAll(orders.keySet());
        this.store.findOrders(fullName, toFind).forEach((order) -> orders.put(order.orderId(), order));
        Set<String> unknown = new HashSet<>(named);
        unknown.removeAll(orders.keySet());
        Set<String> others = new HashSet<>();
        this.store.findOwners(unknown).forEach((orderId, owner) -> {
            if (!owner.equals(fullName)) {
                others.add(orderId);
            }
        });
        refunded.retainAll(orders.keySet());
        return new BillComparison.Local(orders, others, paidOnDay, this.store.findRefundsOf(fullName, refunded),
                this.store.findRefunded(fullName, from, to));
    }

    /**
     * Settles an order Alipay's bill lists as paid and this instance does not: asks Alipay (a signed answer, unlike the
     * bill) and applies what it says through the state machine, as {@code check} does.
     */
    private Discrepancy settle(Discrepancy found, PayLog order) {
        String outcome;
        boolean settled = false;
        try {
            Optional<AliPayLog> view = this.gateway.query(order.orderId());
            if (view.isEmpty()) {
                outcome = "Alipay's query finds no such trade; not recorded";
            }
            else if (!view.get().tradeStatus().isPaid()) {
                outcome = "Alipay's query reports " + view.get().tradeStatus()
                        + " (paid, then refunded or cancelled?); not recorded: look the trade up in the Alipay console";
            }
            else {
                OrderTransitions.Result result = this.transitions.apply(order, view.get());
                if (result.kind() == OrderTransitions.Kind.CHANGED) {
                    settled = true;
                    outcome = "recorded as paid now (" + order.status().code() + " -> success)";
                }
                else if (result.kind() == OrderTransitions.Kind.AMOUNT_MISMATCH) {
                    outcome = "Alipay's query reports total_amount " + view.get().totalAmount() + "; not recorded";
                }
                else {
                    // Another caller (a notification, a check, another instance) may have recorded it meanwhile.
                    PayLog now = this.orders.find(order.orderId()).orElse(result.order());
                    settled = now.status() == PayStatus.SUCCESS;
                    outcome = settled ? "recorded as paid meanwhile" : "not recorded: the order is "
                            + now.status().code();
                }
            }
        }
        catch (PayException ex) {
            outcome = "asking Alipay failed (" + ex.problem() + "); not recorded, reconcile the day again";
        }
        return new Discrepancy(found.orderId(), found.kind(), found.tradeNo(), found.refundId(), found.billAmount(),
                found.localAmount(), settled, found.detail() + "; " + outcome);
    }

    private static void log(ReconciliationReport report, TradeBill bill) {
        long other = bill.entries().stream().filter((entry) -> entry.type() == BillEntry.Type.OTHER).count();
        if (other > 0) {
            logger.warn("Alipay's bill of {} has {} rows that are neither a payment nor a refund; they were left out",
                    report.day(), other);
        }
        for (Discrepancy discrepancy : report.discrepancies()) {
            if (discrepancy.settled()) {
                logger.info("Reconciling {} for {}: {} order {}: {}", report.fullName(), report.day(),
                        discrepancy.kind(), LogSafe.quote(discrepancy.orderId()), oneLine(discrepancy.detail()));
            }
            else {
                logger.warn("Reconciling {} for {}: {} order {}: {}", report.fullName(), report.day(),
                        discrepancy.kind(), LogSafe.quote(discrepancy.orderId()), oneLine(discrepancy.detail()));
            }
        }
    }

    /** A detail holds text from the bill: no line break of it may forge a log line. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\p{Cntrl}\\x{2028}\\x{2029}]", "?");
    }
}
