package io.jitpay.pay;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The local record of one order.
 *
 * @param orderId   our order number, sent to Alipay as {@code out_trade_no}; the idempotency key of the payment
 * @param fullName  the payment instance that owns the order, for example {@code pays.aliPayment}; no other instance
 *                  sees or changes it
 * @param subject   the order title shown to the buyer
 * @param amount    the amount in yuan, scale 2
 * @param status    the local status
 * @param payType   the last way of paying requested through a payment link, or {@code null} before any
 * @param tradeNo   Alipay's trade number, known once Alipay reported the trade
 * @param createdAt when the order was created
 * @param expiresAt the order's deadline, fixed at creation and sent to Alipay as {@code time_expire}: after it Alipay
 *                  refuses payment, and the sweeper settles the order
 * @param updatedAt when the record last changed
 * @param paidAt    when the buyer paid, as reported by Alipay, or {@code null} while unpaid
 * @param refundedAmount the total of the order's refunds that succeeded, scale 2, {@code 0.00} when none; a refund is
 *                  not a payment status: a refunded order stays {@link PayStatus#SUCCESS}
 * @since 0.1.0
 */
public record PayLog(String orderId, String fullName, String subject, BigDecimal amount, PayStatus status,
        @Nullable PayType payType, @Nullable String tradeNo, Instant createdAt, Instant expiresAt, Instant updatedAt,
        @Nullable Instant paidAt, BigDecimal refundedAmount) {

    /** No refund yet. */
    public static final BigDecimal NOTHING_REFUNDED = new BigDecimal("0.00");

    /**
     * A new order, nothing refunded.
     * @param orderId   the order id
     * @param fullName  the owning instance
     * @param subject   the subject
     * @param amount    the amount, scale 2
     * @param status    the status
     * @param createdAt when it was created
     * @param expiresAt its deadline
     * @return the order
     */
    public static PayLog of(String orderId, String fullName, String subject, BigDecimal amount, PayStatus status,
            Instant createdAt, Instant expiresAt) {
        return new PayLog(orderId, fullName, subject, amount, status, null, null, createdAt, expiresAt, createdAt, null,
                NOTHING_REFUNDED);
    }

    /**
     * This order moved to another status.
     * @param newStatus  the new status
     * @param newTradeNo Alipay's trade number, or {@code null} to keep the current one
     * @param newPaidAt  the payment time, or {@code null} to keep the current one
     * @param at         when the change happens
     * @return the changed copy
     */
    public PayLog withStatus(PayStatus newStatus, @Nullable String newTradeNo, @Nullable Instant newPaidAt,
            Instant at) {
        return new PayLog(this.orderId, this.fullName, this.subject, this.amount, newStatus, this.payType,
                (newTradeNo != null) ? newTradeNo : this.tradeNo, this.createdAt, this.expiresAt, at,
                (newPaidAt != null) ? newPaidAt : this.paidAt, this.refundedAmount);
    }
}
