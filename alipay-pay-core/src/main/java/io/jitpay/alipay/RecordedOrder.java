package io.jitpay.alipay;

import org.jspecify.annotations.Nullable;

import io.jitpay.pay.PayLog;

/**
 * An order with the Alipay-side view recorded for it, read together.
 *
 * @param order the order
 * @param view  the latest recorded Alipay-side view, or {@code null} when Alipay has not reported the trade yet
 * @since 0.1.0
 */
public record RecordedOrder(PayLog order, @Nullable AliPayLog view) {
}
