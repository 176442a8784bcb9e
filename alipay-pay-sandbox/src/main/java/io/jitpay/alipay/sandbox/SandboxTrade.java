package io.jitpay.alipay.sandbox;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a trade as the sandbox holds it.
 *
 * @param orderId     {@code out_trade_no}
 * @param tradeNo     Alipay's trade number
 * @param subject     the subject
 * @param totalAmount the amount
 * @param status      the {@code trade_status}, or {@code null} while the trade is only pre-created (the buyer has not
 *                    scanned or opened the cashier, so queries answer {@code ACQ.TRADE_NOT_EXIST})
 * @param method      the API that created it: {@code alipay.trade.precreate}, {@code wap.pay}, {@code page.pay},
 *                    {@code app.pay} or {@code pay}
 * @param notifyUrl   where notifications go, or {@code null}
 * @param returnUrl   where the cashier sends the browser after paying, or {@code null}
 * @param expiresAt   when it stops being payable
 * @param paidAt      when it was paid, or {@code null}
 * @param closeCalls  how many times {@code alipay.trade.close} or {@code cancel} was called for it
 * @param refundedAmount the sum of its refunds (through {@code alipay.trade.refund} or
 *                    {@link AliPaySandbox#refundFromConsole}), scale 2; the refund a cancel of a paid trade makes is
 *                    not counted
 * @since 0.1.0
 */
public record SandboxTrade(String orderId, String tradeNo, String subject, BigDecimal totalAmount,
        @Nullable String status, String method, @Nullable String notifyUrl, @Nullable String returnUrl,
        Instant expiresAt, @Nullable Instant paidAt, int closeCalls, BigDecimal refundedAmount) {

    /**
     * A snapshot with nothing refunded: the constructor from before refunds, kept so code that builds one still
     * compiles and runs.
     * @param orderId     {@code out_trade_no}
     * @param tradeNo     Alipay's trade number
     * @param subject     the subject
     * @param totalAmount the amount
     * @param status      the {@code trade_status}, or {@code null} while the trade is only pre-created
     * @param method      the API that created it
     * @param notifyUrl   where notifications go, or {@code null}
     * @param returnUrl   where the cashier sends the browser after paying, or {@code null}
     * @param expiresAt   when it stops being payable
     * @param paidAt      when it was paid, or {@code null}
     * @param closeCalls  how many times {@code alipay.trade.close} or {@code cancel} was called for it
     */
    public SandboxTrade(String orderId, String tradeNo, String subject, BigDecimal totalAmount,
            @Nullable String status, String method, @Nullable String notifyUrl, @Nullable String returnUrl,
            Instant expiresAt, @Nullable Instant paidAt, int closeCalls) {
        this(orderId, tradeNo, subject, totalAmount, status, method, notifyUrl, returnUrl, expiresAt, paidAt,
                closeCalls, BigDecimal.ZERO.setScale(2));
    }

    /**
     * Whether the buyer has paid and the money is still with the merchant: a trade refunded in full is
     * {@code TRADE_CLOSED}, as at Alipay.
     * @return {@code true} for {@code TRADE_SUCCESS} and {@code TRADE_FINISHED}
     */
    public boolean isPaid() {
        return "TRADE_SUCCESS".equals(this.status) || "TRADE_FINISHED".equals(this.status);
    }
}
