package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * An asynchronous notification ({@code notify_type=trade_status_sync}), its fields parsed once so that the checks read
 * typed values, not string keys. Amounts that are not plain decimals with at most 2 decimals, and times that are not
 * Alipay's {@code yyyy-MM-dd HH:mm:ss} (Beijing time), read as {@code null}.
 *
 * @param appId          {@code app_id}
 * @param orderId        {@code out_trade_no}
 * @param tradeNo        {@code trade_no}
 * @param tradeStatus    {@code trade_status} as sent
 * @param totalAmount    {@code total_amount}
 * @param receiptAmount  {@code receipt_amount}
 * @param buyerPayAmount {@code buyer_pay_amount}
 * @param buyerLogonId   {@code buyer_logon_id}
 * @param buyerId        {@code buyer_id}
 * @param sellerId       {@code seller_id}
 * @param gmtPayment     {@code gmt_payment}
 * @param notifyTime     {@code notify_time}
 * @param notifyId       {@code notify_id}, the same across Alipay's retries of one notification
 * @param refundFee      {@code refund_fee}: the total refunded on the trade, in a refund notification
 * @param gmtRefund      {@code gmt_refund}
 * @param outBizNo       {@code out_biz_no}: the request number of the refund
 * @since 0.1.0
 */
public record AliPayNotification(@Nullable String appId, @Nullable String orderId, @Nullable String tradeNo,
        @Nullable String tradeStatus, @Nullable BigDecimal totalAmount, @Nullable BigDecimal receiptAmount,
        @Nullable BigDecimal buyerPayAmount, @Nullable String buyerLogonId, @Nullable String buyerId,
        @Nullable String sellerId, @Nullable Instant gmtPayment, @Nullable Instant notifyTime,
        @Nullable String notifyId, @Nullable BigDecimal refundFee, @Nullable Instant gmtRefund,
        @Nullable String outBizNo) {

    /**
     * Reads a notification's parameters.
     * @param params the decoded parameters
     * @return the notification
     */
    public static AliPayNotification of(Map<String, String> params) {
        return new AliPayNotification(params.get("app_id"), params.get("out_trade_no"), params.get("trade_no"),
                params.get("trade_status"), Amounts.parse(params.get("total_amount")),
                Amounts.parse(params.get("receipt_amount")), Amounts.parse(params.get("buyer_pay_amount")),
                params.get("buyer_logon_id"), params.get("buyer_id"), params.get("seller_id"),
                BeijingTime.parse(params.get("gmt_payment")), BeijingTime.parse(params.get("notify_time")),
                params.get("notify_id"), Amounts.parse(params.get("refund_fee")),
                BeijingTime.parse(params.get("gmt_refund")), params.get("out_biz_no"));
    }

    /**
     * The trade status, when it is one this library knows.
     * @return the status, or empty
     */
    public Optional<AliPayStatus> status() {
        return AliPayStatus.find(this.tradeStatus);
    }

    /**
     * The Alipay-side view this notification reports.
     * @param status     its trade status
     * @param receivedAt when it arrived; stands in for a missing {@code notify_time}
     * @return the view
     */
    AliPayLog view(AliPayStatus status, Instant receivedAt) {
        return new AliPayLog(String.valueOf(this.orderId), this.tradeNo, status, this.totalAmount, this.receiptAmount,
                this.buyerPayAmount, this.buyerLogonId, this.buyerId, this.gmtPayment, this.refundFee,
                this.gmtRefund, this.outBizNo, (this.notifyTime != null) ? this.notifyTime : receivedAt, receivedAt);
    }
}
