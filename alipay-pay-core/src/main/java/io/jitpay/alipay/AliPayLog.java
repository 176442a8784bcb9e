package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The latest Alipay-side view of an order, from a notification or a query.
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
 * @param updatedAt      when this view was recorded
 */
public record AliPayLog(String orderId, @Nullable String tradeNo, AliPayStatus tradeStatus,
        @Nullable BigDecimal totalAmount, @Nullable BigDecimal receiptAmount, @Nullable BigDecimal buyerPayAmount,
        @Nullable String buyerLogonId, @Nullable String buyerId, @Nullable Instant gmtPayment, Instant updatedAt) {

    /**
     * Whether this view reports the same trade state as another: same trade number and status.
     * @param other the other view
     * @return {@code true} when recording this view would change nothing that matters
     */
    public boolean sameStateAs(AliPayLog other) {
        return this.tradeStatus == other.tradeStatus && Objects.equals(this.tradeNo, other.tradeNo);
    }

    /**
     * This view with another trade status, as after closing the trade.
     * @param status the new status
     * @param at     when it was learned
     * @return the changed copy
     */
    public AliPayLog withTradeStatus(AliPayStatus status, Instant at) {
        return new AliPayLog(this.orderId, this.tradeNo, status, this.totalAmount, this.receiptAmount,
                this.buyerPayAmount, this.buyerLogonId, this.buyerId, this.gmtPayment, at);
    }
}
