/**
 * Spring Boot auto-configuration of an {@link io.jitpay.alipay.AliPayment} from {@code jitpay.alipay.*}: the JDBC order
 * store, Spring events for status changes, the optional notification endpoint and start-up failure analysis.
 */
@NullMarked
package io.jitpay.alipay.autoconfigure;

import org.jspecify.annotations.NullMarked;
