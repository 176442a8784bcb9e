/**
 * The Alipay payment Type: {@link io.jitpay.alipay.AliPayment} and its configuration, model, gateway port with its
 * adapter over the official {@code alipay-sdk-java}, and notification verification.
 *
 * <p>Naming: our types say {@code AliPay}; the official SDK's types say {@code Alipay}.
 */
@NullMarked
package io.jitpay.alipay;

import org.jspecify.annotations.NullMarked;
