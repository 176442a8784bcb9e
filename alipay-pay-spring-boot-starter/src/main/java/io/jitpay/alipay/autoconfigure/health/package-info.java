/**
 * The {@code alipay} health contributor for Spring Boot Actuator.
 */
@NullMarked
package io.jitpay.alipay.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
