package io.jitpay.alipay.autoconfigure.boot3;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.jitpay.alipay.AliPayHealth;
import io.jitpay.alipay.AliPayment;

/**
 * The {@code alipay} health contributor on Spring Boot 3.5 (health API in
 * {@code org.springframework.boot.actuate.health}): one indicator for one payment instance, a composite with one child
 * per instance name when there are several, each reporting {@link AliPayment#health(boolean)}. Inert on Spring Boot 4,
 * where the starter's own {@code AliPayHealthAutoConfiguration} serves the same. Switched off with
 * {@code management.health.alipay.enabled=false}; {@code jitpay.alipay.health.gateway=true} adds the gateway probe.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "io.jitpay.alipay.autoconfigure.AliPayAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnMissingClass("org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(AliPayment.class)
@ConditionalOnBooleanProperty(name = "management.health.alipay.enabled", matchIfMissing = true)
public final class AliPayBoot3HealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "alipayHealthContributor")
    HealthContributor alipayHealthContributor(ObjectProvider<AliPayment> payments, Environment environment) {
        boolean probe = environment.getProperty("jitpay.alipay.health.gateway", Boolean.class, false);
        List<AliPayment> all = payments.orderedStream().toList();
        if (all.size() == 1) {
            return indicator(all.get(0), probe);
        }
        Map<String, HealthIndicator> children = new LinkedHashMap<>();
        all.forEach((payment) -> children.put(AliPayHealth.nameOf(payment.fullName()), indicator(payment, probe)));
        return CompositeHealthContributor.fromMap(children);
    }

    private static HealthIndicator indicator(AliPayment payment, boolean probe) {
        return () -> {
            AliPayHealth health = payment.health(probe);
            return (health.up() ? Health.up() : Health.down()).withDetails(health.details()).build();
        };
    }
}
