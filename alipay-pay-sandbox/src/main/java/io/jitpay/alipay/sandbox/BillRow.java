package io.jitpay.alipay.sandbox;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One row of the detail file of a trade bill: a payment ({@code 交易}) or a refund ({@code 退款}).
 *
 * @param tradeNo     {@code 支付宝交易号}
 * @param orderId     {@code 商户订单号}
 * @param refund      whether it is a refund
 * @param subject     {@code 商品名称}
 * @param createdAt   {@code 创建时间}: when the trade was created, for a refund as well
 * @param completedAt {@code 完成时间}: when the buyer paid, or when the money went back
 * @param amount      {@code 订单金额（元）}, scale 2: negative for a refund, as Alipay writes it
 * @param requestNo   {@code 退款批次号/请求号} of a refund, or {@code null}
 * @param buyer       {@code 对方账户}
 */
record BillRow(String tradeNo, String orderId, boolean refund, String subject, Instant createdAt, Instant completedAt,
        BigDecimal amount, @Nullable String requestNo, String buyer) {

    BillRow withAmount(BigDecimal newAmount) {
        return new BillRow(this.tradeNo, this.orderId, this.refund, this.subject, this.createdAt, this.completedAt,
                newAmount, this.requestNo, this.buyer);
    }
}
