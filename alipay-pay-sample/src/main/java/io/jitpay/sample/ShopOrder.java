package io.jitpay.sample;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.jitpay.pay.PayType;

/**
 * The shop's own order: what was bought and whether it was handed over. Its payment is the JitPay order of the same
 * id, owned by the payment instance named in {@code payment}.
 *
 * @param id          the order id, also the payment's order id
 * @param payment     the full name of the payment instance (the Alipay application) that takes it, for example
 *                    {@code pays.shopB}
 * @param subject     what was bought
 * @param amount      the price in yuan
 * @param payType     how the buyer chose to pay
 * @param payUrl      the QR code link, for QR payments
 * @param createdAt   when the order was placed
 * @param fulfilledAt when the shop handed the goods over, once paid
 * @param refusal     why the latest payment code presented in store did not pay, as the cashier reads it; {@code null}
 *                    when none was refused
 * @since 0.1.0
 */
public record ShopOrder(String id, String payment, String subject, BigDecimal amount, PayType payType,
        @Nullable String payUrl, Instant createdAt, @Nullable Instant fulfilledAt, @Nullable String refusal) {

    /**
     * A new order, nothing paid or refused yet.
     * @param id        the order id
     * @param payment   the full name of its payment instance
     * @param subject   what was bought
     * @param amount    the price in yuan
     * @param payType   how the buyer chose to pay
     * @param createdAt when it was placed
     * @return the order
     */
    public static ShopOrder placed(String id, String payment, String subject, BigDecimal amount, PayType payType,
            Instant createdAt) {
        return new ShopOrder(id, payment, subject, amount, payType, null, createdAt, null, null);
    }
}
