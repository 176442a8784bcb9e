/**
 * The opt-in development integration of the sandbox for Spring Boot applications: with
 * {@code jitpay.sandbox.enabled=true} and no {@code jitpay.alipay.app-id}, an embedded sandbox starts with the
 * application and {@code jitpay.alipay.*} is pointed at it. It fails closed: credentials configured anywhere else
 * stop the application from starting rather than being overridden.
 */
@NullMarked
package io.jitpay.alipay.sandbox.boot;

import org.jspecify.annotations.NullMarked;
