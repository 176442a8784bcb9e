package io.jitpay.sample;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.jitpay.pay.PayType;

/**
 * The shop's own order: what was bought and whether it was handed over. Its payment is the JitPay order of the same
 * id.
 *
 * @param id          the order id, also the payment's order id
 * @param subject     what was bought
 * @param amount      the price in yuan
 * @param payType     how the buyer chose to pay
 * @param payUrl      the QR code link, for QR payments
 * @param createdAt   when the order was placed
 * @param fulfilledAt when the shop handed the goods over, once paid
 * @since 0.1.0
 */
public record ShopOrder(String id, String subject, BigDecimal amount, PayType payType, @Nullable String payUrl,
        Instant createdAt, @Nullable Instant fulfilledAt) {
}
