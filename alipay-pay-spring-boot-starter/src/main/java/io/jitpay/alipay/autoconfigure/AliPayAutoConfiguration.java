package io.jitpay.alipay.autoconfigure;


import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import io.jitpay.alipay.AliPayConfig;
import io.jitpay.alipay.AliPayGateway;
import io.jitpay.alipay.AliPayLogStore;
import io.jitpay.alipay.AliPayNotifyRouter;
import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.PaymentObserver;
import io.jitpay.alipay.micrometer.MicrometerPaymentObserver;
import io.jitpay.alipay.SdkAliPayGateway;
import io.jitpay.alipay.jdbc.JdbcNotifyJournal;
import io.jitpay.alipay.jdbc.JdbcPayLogStore;
import io.jitpay.alipay.jdbc.JdbcRefundLogStore;
import io.jitpay.pay.NotifyJournal;
import io.jitpay.pay.Payment;
import io.jitpay.pay.Payments;
import io.jitpay.pay.RefundLogStore;

/**
 * Auto-configuration of an {@link AliPayment} from {@code jitpay.alipay.*}, active once {@code jitpay.alipay.app-id}
 * is set. The payment instance is registered under {@code jitpay.alipay.name}; it, its configuration, its gateway and
 * its order store each back off when the application defines its own.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration" })
@ConditionalOnClass(AliPayment.class)
@Conditional(AliPayAutoConfiguration.OnAnyApp.class)
@EnableConfigurationProperties(AliPayProperties.class)
@Import({ AliPayAutoConfiguration.TopLevelConfiguration.class, AliPayAutoConfiguration.JdbcStoreConfiguration.class,
        AliPayAutoConfiguration.MetricsConfiguration.class,
        AliPayAutoConfiguration.PaymentConfiguration.class,
        AliPayAutoConfiguration.SweeperConfiguration.class, AliPayAutoConfiguration.JournalPurgeConfiguration.class,
        AliPayAutoConfiguration.NotifyConfiguration.class })
public final class AliPayAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SpringPayStatusPublisher aliPayStatusPublisher(ApplicationEventPublisher publisher) {
        return new SpringPayStatusPublisher(publisher);
    }

    /** The top-level application's configuration and gateway, when {@code jitpay.alipay.app-id} is set. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "jitpay.alipay", name = "app-id")
    static class TopLevelConfiguration {

        @Bean
        @ConditionalOnMissingBean
        AliPayConfig aliPayConfig(AliPayProperties properties, ResourceLoader resourceLoader) {
            return AliPayApps.config(properties.getName(), properties, resourceLoader, "");
        }

        @Bean
        @ConditionalOnMissingBean(AliPayGateway.class)
        SdkAliPayGateway aliPayGateway(AliPayConfig config) {
            return new SdkAliPayGateway(config);
        }
    }

    /**
     * The JDBC store and journal on the application's single {@code DataSource}. They run their work in transactions
     * of their own on that data source, never through an application transaction manager, which may manage another
     * data source.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnSingleCandidate(DataSource.class)
    static class JdbcStoreConfiguration {

        @Bean
        @ConditionalOnMissingBean(AliPayLogStore.class)
        JdbcPayLogStore aliPayLogStore(DataSource dataSource) {
            return new JdbcPayLogStore(dataSource);
        }

        @Bean
        @ConditionalOnMissingBean(NotifyJournal.class)
        JdbcNotifyJournal aliPayNotifyJournal(DataSource dataSource) {
            return new JdbcNotifyJournal(dataSource);
        }

        @Bean
        @ConditionalOnMissingBean(RefundLogStore.class)
        JdbcRefundLogStore aliPayRefundLogStore(DataSource dataSource) {
            return new JdbcRefundLogStore(dataSource);
        }

        @Bean
        @ConditionalOnMissingBean
        @Conditional(InitializeSchemaCondition.class)
        AliPayStoreSchemaInitializer aliPayStoreSchemaInitializer(DataSource dataSource,
                AliPayProperties properties) {
            return new AliPayStoreSchemaInitializer(dataSource, properties.getStore().getInitializeSchema());
        }
    }

    /** Active when an Alipay application is configured: {@code jitpay.alipay.app-id}, or an entry of {@code apps}. */
    static class OnAnyApp extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            AliPayApps configured = AliPayApps.of(context.getEnvironment());
            boolean topLevel = configured.hasTopLevel();
            boolean apps = configured.hasEntries();
            return new ConditionOutcome(topLevel || apps, topLevel ? "jitpay.alipay.app-id is set"
                    : (apps ? "jitpay.alipay.apps has entries" : "neither jitpay.alipay.app-id nor jitpay.alipay.apps "
                            + "is set"));
        }
    }

    /** {@code jitpay.alipay.store.initialize-schema} is not {@code never}; the initializer decides "embedded" itself. */
    static class InitializeSchemaCondition extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            DatabaseInitializationMode mode = Binder.get(context.getEnvironment())
                .bind("jitpay.alipay.store.initialize-schema", DatabaseInitializationMode.class)
                .orElseGet(() -> new AliPayProperties().getStore().getInitializeSchema());
            return new ConditionOutcome(mode != DatabaseInitializationMode.NEVER,
                    "jitpay.alipay.store.initialize-schema is " + mode);
        }
    }

    /**
     * Metrics and traces when the application has a Micrometer {@code MeterRegistry} (with Actuator, Spring Boot
     * provides one); gateway calls are observed through its {@code ObservationRegistry}, so that they are traced too.
     * The registries are looked up when the payment instances are built, whatever the order of auto-configurations.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = { "io.micrometer.core.instrument.MeterRegistry",
        "io.micrometer.observation.ObservationRegistry" })
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean(PaymentObserver.class)
        PaymentObserver aliPayObserver(ObjectProvider<MeterRegistry> meters,
                ObjectProvider<ObservationRegistry> observations) {
            MeterRegistry registry = meters.getIfUnique();
            return (registry != null) ? new MicrometerPaymentObserver(registry,
                    observations.getIfUnique(() -> ObservationRegistry.NOOP)) : PaymentObserver.NONE;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import(AliPaymentRegistrar.class)
    static class PaymentConfiguration {

        @Bean
        @ConditionalOnMissingBean
        Payments payments(ObjectProvider<Payment> payments) {
            return new Payments(payments.orderedStream().toList());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "jitpay.alipay.sweeper.enabled", matchIfMissing = true)
    static class SweeperConfiguration {

        @Bean
        @ConditionalOnMissingBean
        AliPaySweeper aliPaySweeper(ObjectProvider<AliPayment> payments, AliPayProperties properties) {
            AliPayProperties.Sweeper sweeper = properties.getSweeper();
            return new AliPaySweeper(payments.orderedStream().toList(), sweeper.getInterval(),
                    sweeper.getBatchSize());
        }
    }

    /** The journal is purged on its own schedule, whether the sweeper runs or not (a no-op without a journal). */
    @Configuration(proxyBeanMethods = false)
    static class JournalPurgeConfiguration {

        @Bean
        @ConditionalOnMissingBean
        AliPayJournalPurger aliPayJournalPurger(ObjectProvider<AliPayment> payments, AliPayProperties properties) {
            AliPayProperties.Journal journal = properties.getJournal();
            return new AliPayJournalPurger(payments.orderedStream().toList(), journal.getPurgeInterval(),
                    journal.getRetention());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
    @ConditionalOnBooleanProperty("jitpay.alipay.notify.enabled")
    static class NotifyConfiguration {

        @Bean
        @ConditionalOnMissingBean
        AliPayNotifyEndpoint aliPayNotifyEndpoint(ObjectProvider<AliPayment> payments,
                ObjectProvider<AliPayLogStore> store) {
            return new AliPayNotifyEndpoint(new AliPayNotifyRouter(payments.orderedStream().toList(),
                    store.getIfUnique()));
        }

        @Bean
        RouterFunction<ServerResponse> aliPayNotifyRoute(AliPayNotifyEndpoint controller,
                AliPayProperties properties) {
            String path = properties.getNotify().getPath();
            // {path}/{name} serves applications whose notify URL names them; {path} finds the owner of the order.
            return RouterFunctions.route()
                .POST(path, controller::handle)
                .POST(path + "/{name}", controller::handle)
                .route(RequestPredicates.path(path).or(RequestPredicates.path(path + "/{name}")),
                        controller::methodNotAllowed)
                .build();
        }
    }
}
