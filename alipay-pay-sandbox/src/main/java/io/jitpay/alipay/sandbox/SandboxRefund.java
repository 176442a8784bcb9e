package io.jitpay.alipay.sandbox;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A refund the sandbox made, through {@code alipay.trade.refund} or {@link AliPaySandbox#refundFromConsole}: what a
 * test reads to prove how much money went back, and under which request number.
 *
 * @param outRequestNo the refund's request number: the request's {@code out_request_no}, the trade's
 *                     {@code out_trade_no} when the request named none, or one "Alipay" chose for a console refund
 * @param amount       the amount of this refund, scale 2
 * @param reason       the request's {@code refund_reason}, or {@code null} when it gave none
 * @param refundedAt   when the money went back, by the sandbox's clock ({@code gmt_refund_pay})
 * @since 0.1.0
 */
public record SandboxRefund(String outRequestNo, BigDecimal amount, @Nullable String reason, Instant refundedAt) {
}
