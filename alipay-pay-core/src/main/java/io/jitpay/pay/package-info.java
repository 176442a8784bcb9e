/**
 * The provider-neutral payment contract: {@link io.jitpay.pay.Payment}, its order model ({@link io.jitpay.pay.PayLog},
 * {@link io.jitpay.pay.PayStatus}, {@link io.jitpay.pay.PayType}, {@link io.jitpay.pay.PayUrl}), the typed error
 * ({@link io.jitpay.pay.PayException}) and the order store port ({@link io.jitpay.pay.PayLogStore}).
 */
@NullMarked
package io.jitpay.pay;

import org.jspecify.annotations.NullMarked;
