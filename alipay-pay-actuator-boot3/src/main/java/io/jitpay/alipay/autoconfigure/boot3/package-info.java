/**
 * Spring Boot 3.5's side of the Actuator support: the health API before Spring Boot 4 moved it.
 */
@NullMarked
package io.jitpay.alipay.autoconfigure.boot3;

import org.jspecify.annotations.NullMarked;
