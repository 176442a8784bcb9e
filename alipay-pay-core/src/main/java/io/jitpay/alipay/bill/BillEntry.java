package io.jitpay.alipay.bill;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One row of a trade bill's detail file ({@code 业务明细}): a payment or a refund of a trade, as Alipay lists it.
 *
 * @param tradeNo         {@code 支付宝交易号}, Alipay's trade number
 * @param orderId         {@code 商户订单号}, the merchant's order id ({@code out_trade_no}), or {@code null} for a trade
 *                        made without one (a payment to the merchant's collection code, say)
 * @param type            what the row is, read from {@code 业务类型}
 * @param businessType    {@code 业务类型} as written: {@code 交易} (payment) or {@code 退款} (refund)
 * @param subject         {@code 商品名称}, or {@code null} when empty
 * @param createdAt       {@code 创建时间}: when the trade was created (for a refund as well), or {@code null}
 * @param completedAt     {@code 完成时间}: when the buyer paid, or when the money went back, or {@code null}
 * @param amount          {@code 订单金额（元）}, scale 2: negative for a refund, as Alipay writes it
 * @param receiptAmount   {@code 商家实收（元）}, what the merchant received (negative for a refund), or {@code null}
 * @param refundRequestNo {@code 退款批次号/请求号}: a refund's request number ({@code out_request_no}), or {@code null}
 * @param serviceFee      {@code 服务费（元）}, Alipay's fee, or {@code null}
 * @param remark          {@code 备注}, or {@code null} when empty
 * @since 0.1.0
 */
public record BillEntry(String tradeNo, @Nullable String orderId, Type type, String businessType,
        @Nullable String subject, @Nullable Instant createdAt, @Nullable Instant completedAt, BigDecimal amount,
        @Nullable BigDecimal receiptAmount, @Nullable String refundRequestNo, @Nullable BigDecimal serviceFee,
        @Nullable String remark) {

    /**
     * The amount of money that moved, positive for a payment and for a refund alike.
     * @return the absolute value of {@link #amount()}
     */
    public BigDecimal absoluteAmount() {
        return this.amount.abs();
    }

    /** What a row of the bill is. */
    public enum Type {

        /** {@code 交易}: the buyer paid. */
        PAYMENT,

        /** {@code 退款}: money went back to the buyer. */
        REFUND,

        /** Any other {@code 业务类型}: kept as written, and left out of a reconciliation. */
        OTHER
    }
}
