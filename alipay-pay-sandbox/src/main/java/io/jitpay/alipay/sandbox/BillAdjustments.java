package io.jitpay.alipay.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Changes to the trade bills the sandbox serves, for tests of reconciliation: a bill that disagrees with what the
 * merchant recorded, while the trades themselves (queries, refunds, notifications) stay as they are. Each change
 * applies to every bill served afterwards, until {@link #clear()}.
 *
 * <pre>
 * sandbox.billAdjustments()
 *     .addPayment("EXTERNAL-1", new BigDecimal("12.00"), paidAt)   // a trade the merchant has no order for
 *     .changeAmount(orderId, new BigDecimal("9.00"))               // the bill says another amount
 *     .drop(otherOrderId);                                        // the bill does not list a paid order
 * </pre>
 *
 * @since 0.1.0
 */
public final class BillAdjustments {

    private final List<BillRow> added = new ArrayList<>();

    private final Set<String> droppedOrders = new HashSet<>();

    private final Set<String> droppedRefunds = new HashSet<>();

    private final Map<String, BigDecimal> paymentAmounts = new HashMap<>();

    private final Map<String, BigDecimal> refundAmounts = new HashMap<>();

    BillAdjustments() {
    }

    /**
     * Lists a payment the sandbox holds no trade for, as Alipay would list a trade made by another system of the
     * merchant.
     * @param orderId the {@code 商户订单号}
     * @param amount  the amount, greater than 0, at most two decimals
     * @param paidAt  when it was paid: its Beijing day is the bill it is in
     * @return these adjustments
     */
    public synchronized BillAdjustments addPayment(String orderId, BigDecimal amount, Instant paidAt) {
        this.added.add(new BillRow(SandboxIds.tradeNo(paidAt), Objects.requireNonNull(orderId), false, "外部交易",
                paidAt, paidAt, positive(amount), null, "*沙箱(ext***@sandbox.test)"));
        return this;
    }

    /**
     * Lists a refund the sandbox never made, of an order it may or may not hold.
     * @param orderId      the {@code 商户订单号}
     * @param outRequestNo the refund's {@code 退款批次号/请求号}
     * @param amount       the amount refunded, greater than 0, at most two decimals; the bill shows it negative
     * @param refundedAt   when the money went back: its Beijing day is the bill it is in
     * @return these adjustments
     */
    public synchronized BillAdjustments addRefund(String orderId, String outRequestNo, BigDecimal amount,
            Instant refundedAt) {
        this.added.add(new BillRow(SandboxIds.tradeNo(refundedAt), Objects.requireNonNull(orderId), true, "外部退款",
                refundedAt, refundedAt, positive(amount).negate(), Objects.requireNonNull(outRequestNo),
                "*沙箱(ext***@sandbox.test)"));
        return this;
    }

    /**
     * Leaves every row of an order (its payment and its refunds) out of the bills.
     * @param orderId the order
     * @return these adjustments
     */
    public synchronized BillAdjustments drop(String orderId) {
        this.droppedOrders.add(orderId);
        return this;
    }

    /**
     * Leaves one refund out of the bills.
     * @param orderId      the order
     * @param outRequestNo the refund's request number
     * @return these adjustments
     */
    public synchronized BillAdjustments dropRefund(String orderId, String outRequestNo) {
        this.droppedRefunds.add(key(orderId, outRequestNo));
        return this;
    }

    /**
     * Shows another amount on an order's payment row ({@code 订单金额} and {@code 商家实收}).
     * @param orderId the order
     * @param amount  the amount to show, greater than 0, at most two decimals
     * @return these adjustments
     */
    public synchronized BillAdjustments changeAmount(String orderId, BigDecimal amount) {
        this.paymentAmounts.put(orderId, positive(amount));
        return this;
    }

    /**
     * Shows another amount on a refund's row.
     * @param orderId      the order
     * @param outRequestNo the refund's request number
     * @param amount       the amount refunded to show, greater than 0; the bill shows it negative
     * @return these adjustments
     */
    public synchronized BillAdjustments changeRefundAmount(String orderId, String outRequestNo, BigDecimal amount) {
        this.refundAmounts.put(key(orderId, outRequestNo), positive(amount).negate());
        return this;
    }

    /** Forgets every adjustment: bills list the trades as they are. */
    public synchronized void clear() {
        this.added.clear();
        this.droppedOrders.clear();
        this.droppedRefunds.clear();
        this.paymentAmounts.clear();
        this.refundAmounts.clear();
    }

    /** The rows of a day's bill after the adjustments, in the order of their completion. */
    synchronized List<BillRow> apply(LocalDate day, List<BillRow> rows) {
        List<BillRow> adjusted = new ArrayList<>();
        for (BillRow row : rows) {
            String refundKey = key(row.orderId(), String.valueOf(row.requestNo()));
            boolean dropped = row.refund() && this.droppedRefunds.contains(refundKey);
            if (dropped || this.droppedOrders.contains(row.orderId())) {
                continue;
            }
            BigDecimal amount = row.refund() ? this.refundAmounts.get(refundKey)
                    : this.paymentAmounts.get(row.orderId());
            adjusted.add((amount != null) ? row.withAmount(amount) : row);
        }
        for (BillRow row : this.added) {
            if (LocalDate.ofInstant(row.completedAt(), WireTime.BEIJING).equals(day)) {
                adjusted.add(row);
            }
        }
        adjusted.sort((a, b) -> a.completedAt().compareTo(b.completedAt()));
        return adjusted;
    }

    private static String key(String orderId, String requestNo) {
        return orderId + "\n" + requestNo;
    }

    private static BigDecimal positive(BigDecimal amount) {
        if (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("A bill amount is greater than 0 with at most two decimals: "
                    + amount.toPlainString());
        }
        return amount.setScale(2);
    }
}
