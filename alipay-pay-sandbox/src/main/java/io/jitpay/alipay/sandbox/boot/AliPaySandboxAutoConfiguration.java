package io.jitpay.alipay.sandbox.boot;

import java.util.Objects;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.boot.SandboxEnvironmentPostProcessor.SandboxPropertySource;

/**
 * Exposes the embedded sandbox that {@code jitpay.sandbox.enabled} started as a bean, and every sandbox started (with
 * those of {@code jitpay.sandbox.apps}) as {@link AliPaySandboxes}, so the application can play the buyer
 * ({@link AliPaySandbox#pay}) and so they stop with the application; and fails start-up if Alipay credentials turn up
 * beside them.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@EnableConfigurationProperties(AliPaySandboxProperties.class)
public final class AliPaySandboxAutoConfiguration {

    @Bean(destroyMethod = "close")
    @Conditional(SandboxStarted.class)
    AliPaySandbox aliPaySandbox(ConfigurableEnvironment environment) {
        return started(environment).sandbox();
    }

    /** Every sandbox, the top-level one's and those of {@code jitpay.sandbox.apps}, which stop with it. */
    @Bean(destroyMethod = "close")
    @Conditional(SandboxStarted.class)
    AliPaySandboxes aliPaySandboxes(ConfigurableEnvironment environment) {
        return started(environment).sandboxes();
    }

    @Bean
    @Conditional(SandboxStarted.class)
    SandboxCredentialsGuard aliPaySandboxCredentialsGuard(ConfigurableEnvironment environment) {
        return new SandboxCredentialsGuard(environment);
    }

    private static SandboxPropertySource started(ConfigurableEnvironment environment) {
        return (SandboxPropertySource) Objects.requireNonNull(environment.getPropertySources()
            .get(SandboxPropertySource.NAME));
    }

    static class SandboxStarted extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            boolean started = (context.getEnvironment() instanceof ConfigurableEnvironment environment)
                    && environment.getPropertySources().get(SandboxPropertySource.NAME) instanceof SandboxPropertySource;
            return started ? ConditionOutcome.match("the embedded Alipay sandbox was started")
                    : ConditionOutcome.noMatch("no embedded Alipay sandbox was started");
        }
    }
}
