package io.jitpay.alipay.sandbox;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a create request (precreate, the cashier pages, barcode pay) asks for; a trade keeps the terms of the first
 * request for its order.
 *
 * @param orderId   {@code out_trade_no}
 * @param method    the API that creates the trade
 * @param subject   the subject
 * @param amount    {@code total_amount}, scale 2
 * @param charset   the request's charset, which its notifications use too
 * @param expiresAt when it stops being payable
 * @param notifyUrl where notifications go, or {@code null}
 * @param returnUrl where the cashier sends the browser after paying, or {@code null}
 */
record TradeTerms(String orderId, String method, String subject, BigDecimal amount, Charset charset,
        Instant expiresAt, @Nullable String notifyUrl, @Nullable String returnUrl) {
}
