package io.jitpay.alipay.autoconfigure;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.jdbc.JdbcReconciliationStore;
import io.jitpay.pay.ReconciliationStore;

/**
 * Reconciliation of the Alipay payment instances against Alipay's trade bills: the read-only
 * {@link ReconciliationStore} on the application's single {@code DataSource} (which lets each {@link AliPayment} bean
 * {@link AliPayment#reconcile reconcile} on demand), and, with {@code jitpay.alipay.reconciliation.enabled=true}, the
 * daily {@link AliPayReconciler}. Each backs off when the application defines its own.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = AliPayAutoConfiguration.class)
@ConditionalOnClass(AliPayment.class)
@Conditional(AliPayAutoConfiguration.OnAnyApp.class)
@EnableConfigurationProperties(AliPayProperties.class)
@Import({ AliPayReconciliationAutoConfiguration.JdbcStoreConfiguration.class,
        AliPayReconciliationAutoConfiguration.ScheduleConfiguration.class })
public final class AliPayReconciliationAutoConfiguration {

    /** The reconciliation's queries on the single {@code DataSource} of the order store. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnSingleCandidate(DataSource.class)
    static class JdbcStoreConfiguration {

        @Bean
        @ConditionalOnMissingBean(ReconciliationStore.class)
        JdbcReconciliationStore aliPayReconciliationStore(DataSource dataSource) {
            return new JdbcReconciliationStore(dataSource);
        }
    }

    /** The daily run, opt-in. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("jitpay.alipay.reconciliation.enabled")
    static class ScheduleConfiguration {

        @Bean
        @ConditionalOnMissingBean
        AliPayReconciler aliPayReconciler(ObjectProvider<AliPayment> payments, AliPayProperties properties,
                ApplicationEventPublisher publisher) {
            AliPayProperties.Reconciliation reconciliation = properties.getReconciliation();
            return new AliPayReconciler(payments.orderedStream().toList(), reconciliation.getCron(),
                    reconciliation.getZone(), reconciliation.getRetryInterval(), publisher, Clock.systemUTC());
        }
    }
}
