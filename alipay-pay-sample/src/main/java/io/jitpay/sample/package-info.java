/**
 * A small web shop that takes Alipay payments with the JitPay starter: offline against the embedded sandbox, or
 * against real Alipay when credentials are set.
 */
@NullMarked
package io.jitpay.sample;

import org.jspecify.annotations.NullMarked;
