/**
 * Metrics and traces of payment instances with Micrometer; used only when the application has Micrometer.
 */
@NullMarked
package io.jitpay.alipay.micrometer;

import org.jspecify.annotations.NullMarked;
