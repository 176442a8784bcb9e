/**
 * The opt-in development integration of the sandbox for Spring Boot applications: with
 * {@code jitpay.sandbox.enabled=true} and no {@code jitpay.alipay.app-id}, an embedded sandbox starts with the
 * application and {@code jitpay.alipay.*} is pointed at it, and one more per name in {@code jitpay.sandbox.apps} for
 * the {@code jitpay.alipay.apps} entry of that name ({@link io.jitpay.alipay.sandbox.boot.AliPaySandboxes}). It fails
 * closed: credentials configured anywhere else, for any application, stop the application from starting rather than
 * being overridden.
 */
@NullMarked
package io.jitpay.alipay.sandbox.boot;

import org.jspecify.annotations.NullMarked;
