package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The latest Alipay-side view of an order, from a notification or a query. The recorded view never moves backwards:
 * see {@link #supersedes}.
 *
 * @param orderId        our order id ({@code out_trade_no})
 * @param tradeNo        Alipay's trade number ({@code trade_no})
 * @param tradeStatus    Alipay's trade status
 * @param totalAmount    the order amount Alipay holds ({@code total_amount})
 * @param receiptAmount  what the merchant receives ({@code receipt_amount})
 * @param buyerPayAmount what the buyer paid ({@code buyer_pay_amount})
 * @param buyerLogonId   the buyer's masked Alipay account ({@code buyer_logon_id})
 * @param buyerId        the buyer's Alipay user id ({@code buyer_id} or {@code buyer_user_id})
 * @param gmtPayment     when the buyer paid ({@code gmt_payment} or {@code send_pay_date})
 * @param refundFee      the total refunded on the trade so far ({@code refund_fee}, cumulative), or {@code null}
 * @param gmtRefund      when the latest refund happened ({@code gmt_refund}), or {@code null}
 * @param outBizNo       the request number of the latest refund ({@code out_biz_no}), or {@code null}
 * @param reportedAt     when Alipay reported this state: a notification's {@code notify_time}, or the time of a query
 * @param updatedAt      when this view was recorded
 * @since 0.1.0
 */
public record AliPayLog(String orderId, @Nullable String tradeNo, AliPayStatus tradeStatus,
        @Nullable BigDecimal totalAmount, @Nullable BigDecimal receiptAmount, @Nullable BigDecimal buyerPayAmount,
        @Nullable String buyerLogonId, @Nullable String buyerId, @Nullable Instant gmtPayment,
        @Nullable BigDecimal refundFee, @Nullable Instant gmtRefund, @Nullable String outBizNo, Instant reportedAt,
        Instant updatedAt) {

    /**
     * Whether this view reports money returned to the buyer: a refund notification (a partial refund keeps
     * {@code TRADE_SUCCESS}, a full one is {@code TRADE_CLOSED}), never an unpaid close.
     * @return {@code true} when {@link #refundFee()} is more than zero
     */
    public boolean reportsRefund() {
        return this.refundFee != null && this.refundFee.signum() > 0;
    }

    /**
     * Whether this view may replace a recorded one. Alipay's states only move forwards ({@code WAIT_BUYER_PAY}, then
     * {@code TRADE_SUCCESS}, then {@code TRADE_CLOSED} after a full refund or {@code TRADE_FINISHED}), and the
     * refunded total only grows; notifications are retried for a day and arrive out of order. So a view that reports
     * an earlier state, a smaller refunded total, or the same state as reported before the recorded one, is stale.
     * @param recorded the recorded view
     * @return {@code true} when this view is as new as the recorded one or newer
     */
    public boolean supersedes(AliPayLog recorded) {
        int order = Integer.compare(this.tradeStatus.stage(), recorded.tradeStatus.stage());
        if (order != 0) {
            return order > 0;
        }
        int refunded = amountOrZero(this.refundFee).compareTo(amountOrZero(recorded.refundFee));
        if (refunded != 0) {
            return refunded > 0;
        }
        return !this.reportedAt.isBefore(recorded.reportedAt);
    }

    /**
     * Whether this view reports the same trade state as another: same trade number, status and refunded total.
     * @param other the other view
     * @return {@code true} when recording this view would change nothing that matters
     */
    public boolean sameStateAs(AliPayLog other) {
        return this.tradeStatus == other.tradeStatus && Objects.equals(this.tradeNo, other.tradeNo)
                && amountOrZero(this.refundFee).compareTo(amountOrZero(other.refundFee)) == 0;
    }

    /**
     * This view with another trade status, as after closing the trade.
     * @param status the new status
     * @param at     when it was learned
     * @return the changed copy
     */
    public AliPayLog withTradeStatus(AliPayStatus status, Instant at) {
        return new AliPayLog(this.orderId, this.tradeNo, status, this.totalAmount, this.receiptAmount,
                this.buyerPayAmount, this.buyerLogonId, this.buyerId, this.gmtPayment, this.refundFee, this.gmtRefund,
                this.outBizNo, at, at);
    }

    private static BigDecimal amountOrZero(@Nullable BigDecimal amount) {
        return (amount != null) ? amount : BigDecimal.ZERO;
    }
}
