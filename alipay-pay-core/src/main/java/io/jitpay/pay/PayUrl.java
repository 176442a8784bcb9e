package io.jitpay.pay;

import org.jspecify.annotations.Nullable;

/**
 * What the buyer needs to pay an order.
 *
 * @param payUrl the link to open or to show as a QR code: the QR content for {@link PayType#PRE_PAY}, the cashier
 *               link (GET) for {@link PayType#WAP_PAY}
 * @param form   for {@link PayType#WAP_PAY}, an HTML form that submits itself to the cashier when placed in a page;
 *               {@code null} for {@link PayType#PRE_PAY}
 * @since 0.1.0
 */
public record PayUrl(@Nullable String payUrl, @Nullable String form) {
}
