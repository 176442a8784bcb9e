package io.jitpay.pay;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What comparing the provider's bill of one day with the local orders and refunds found. An entry of the bill (a
 * payment or a refund) either {@linkplain #matched() matches} a local record or is a {@link Discrepancy}; so is a local
 * payment or refund of the day that the bill does not list. Only a {@link Discrepancy.Kind#UNPAID_LOCALLY} order is
 * settled by the reconciliation, through the same state machine as a check (one {@link PayStatusChangedEvent});
 * every other discrepancy is reported and left for a person to decide.
 *
 * @param fullName      the payment instance reconciled, for example {@code pays.aliPayment}
 * @param day           the bill's day, in the provider's time zone (Beijing time for Alipay)
 * @param billEntries   how many payments and refunds of the bill concern this instance (those of orders another
 *                      instance owns are left to it)
 * @param matched       how many of them agree with the local order or refund
 * @param discrepancies what does not agree, bill entries first, then local records the bill does not list
 * @since 0.1.0
 */
public record ReconciliationReport(String fullName, LocalDate day, int billEntries, int matched,
        List<Discrepancy> discrepancies) {

    /**
     * Creates a report.
     * @param fullName      the payment instance
     * @param day           the bill's day
     * @param billEntries   the bill's payments and refunds that concern the instance
     * @param matched       how many of them agree
     * @param discrepancies what does not agree
     */
    public ReconciliationReport {
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(day, "day");
        discrepancies = List.copyOf(discrepancies);
    }

    /**
     * Whether the bill and the local records agree entirely.
     * @return {@code true} when there is no discrepancy
     */
    public boolean isClean() {
        return this.discrepancies.isEmpty();
    }

    /**
     * The discrepancies of one kind.
     * @param kind the kind
     * @return those discrepancies, in report order
     */
    public List<Discrepancy> discrepancies(Discrepancy.Kind kind) {
        return this.discrepancies.stream().filter((discrepancy) -> discrepancy.kind() == kind).toList();
    }

    /**
     * One disagreement between the bill and the local records.
     *
     * @param orderId     the order concerned ({@code out_trade_no}); empty for a bill entry that names none (a payment
     *                    made to the merchant's collection code, say)
     * @param kind        what disagrees
     * @param tradeNo     the provider's trade number, when known
     * @param refundId    the refund concerned (its request number), for {@link Kind#REFUND_MISMATCH}
     * @param billAmount  the amount the bill shows (a refund's as a positive amount), when the bill lists it
     * @param localAmount the amount recorded here, when there is a local record
     * @param settled     whether the reconciliation settled it: an {@link Kind#UNPAID_LOCALLY} order it recorded as
     *                    paid; never for the other kinds, which are only reported
     * @param detail      what was found, for a person to act on
     */
    public record Discrepancy(String orderId, Kind kind, @Nullable String tradeNo, @Nullable String refundId,
            @Nullable BigDecimal billAmount, @Nullable BigDecimal localAmount, boolean settled, String detail) {

        /** What disagrees. */
        public enum Kind {

            /** The bill lists a payment or refund of an order no instance here has. */
            MISSING_LOCALLY,

            /**
             * The bill lists a payment of an order that is waiting, closed or timed out here. The reconciliation asks
             * the provider about the order and records the payment it confirms, as a check would.
             */
            UNPAID_LOCALLY,

            /** The bill lists a payment of another amount than the order's. */
            AMOUNT_MISMATCH,

            /**
             * A refund differs: the bill lists one the refund ledger does not have (or has not confirmed), with another
             * amount, or the ledger has a refund of the day the bill does not list.
             */
            REFUND_MISMATCH,

            /** An order paid here on the day is absent from the provider's bill. */
            MISSING_AT_ALIPAY
        }
    }
}
