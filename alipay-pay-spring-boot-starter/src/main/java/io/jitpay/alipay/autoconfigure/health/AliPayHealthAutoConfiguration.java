package io.jitpay.alipay.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import io.jitpay.alipay.AliPayHealth;
import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.autoconfigure.AliPayAutoConfiguration;
import io.jitpay.alipay.autoconfigure.AliPayProperties;

/**
 * The {@code alipay} health contributor on Spring Boot 4 (whose health API is
 * {@code org.springframework.boot.health.contributor}): one indicator for one payment instance, a composite with one
 * child per instance name when there are several. Switched off with {@code management.health.alipay.enabled=false}.
 * Spring Boot 3.5 gets the same from {@code AliPayBoot3HealthAutoConfiguration}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = AliPayAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(AliPayment.class)
@ConditionalOnBooleanProperty(name = "management.health.alipay.enabled", matchIfMissing = true)
public final class AliPayHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "alipayHealthContributor")
    HealthContributor alipayHealthContributor(ObjectProvider<AliPayment> payments, AliPayProperties properties) {
        boolean probe = properties.getHealth().isGateway();
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
