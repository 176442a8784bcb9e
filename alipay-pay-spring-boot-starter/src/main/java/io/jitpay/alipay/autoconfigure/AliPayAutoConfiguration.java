package io.jitpay.alipay.autoconfigure;

import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
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
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import io.jitpay.alipay.AliPayConfig;
import io.jitpay.alipay.AliPayGateway;
import io.jitpay.alipay.AliPayLogStore;
import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.SdkAliPayGateway;
import io.jitpay.alipay.jdbc.JdbcNotifyJournal;
import io.jitpay.alipay.jdbc.JdbcPayLogStore;
import io.jitpay.alipay.jdbc.JdbcRefundLogStore;
import io.jitpay.pay.NotifyJournal;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayStatusListener;
import io.jitpay.pay.RefundLogStore;
import io.jitpay.pay.RefundStatusListener;

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
@ConditionalOnProperty(prefix = "jitpay.alipay", name = "app-id")
@EnableConfigurationProperties(AliPayProperties.class)
@Import({ AliPayAutoConfiguration.JdbcStoreConfiguration.class, AliPayAutoConfiguration.PaymentConfiguration.class,
        AliPayAutoConfiguration.SweeperConfiguration.class, AliPayAutoConfiguration.JournalPurgeConfiguration.class,
        AliPayAutoConfiguration.NotifyConfiguration.class })
public final class AliPayAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AliPayConfig aliPayConfig(AliPayProperties properties, ResourceLoader resourceLoader) {
        return AliPayConfig.builder()
            .name(properties.getName())
            .appId(properties.getAppId())
            .privateKey(KeyText.resolve(properties.getPrivateKey(), "privateKey", resourceLoader))
            .publicKey(KeyText.resolve(properties.getPublicKey(), "publicKey", resourceLoader))
            .gatewayUrl(properties.determineGatewayUrl())
            .notifyUrl(properties.getNotifyUrl())
            .returnUrl(properties.getReturnUrl())
            .quitUrl(properties.getQuitUrl())
            .sellerId(properties.getSellerId())
            .charset(properties.getCharset())
            .orderTimeout(properties.getOrderTimeout())
            .connectTimeout(properties.getConnectTimeout())
            .readTimeout(properties.getReadTimeout())
            .refundInterval(properties.getRefund().getInterval())
            .refundQueryDelay(properties.getRefund().getQueryDelay())
            .refundProcessingLimit(properties.getRefund().getProcessingLimit())
            .pageQrPayMode(properties.getPage().getQrPayMode())
            .pageQrcodeWidth(properties.getPage().getQrcodeWidth())
            .barcodePollInterval(properties.getBarcode().getPollInterval())
            .barcodePollTimeout(properties.getBarcode().getPollTimeout())
            .build();
    }

    @Bean
    @ConditionalOnMissingBean(AliPayGateway.class)
    SdkAliPayGateway aliPayGateway(AliPayConfig config) {
        return new SdkAliPayGateway(config);
    }

    @Bean
    @ConditionalOnMissingBean
    SpringPayStatusPublisher aliPayStatusPublisher(ApplicationEventPublisher publisher) {
        return new SpringPayStatusPublisher(publisher);
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

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(AliPayment.class)
    @Import(AliPaymentRegistrar.class)
    static class PaymentConfiguration {
    }

    /**
     * Registers the {@link AliPayment} under the configured name, with the journal and refund store, and every
     * {@link PayStatusListener} and {@link RefundStatusListener} bean (the Spring event publisher among them).
     */
    static class AliPaymentRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

        private @Nullable Environment environment;

        private @Nullable BeanFactory beanFactory;

        @Override
        public void setEnvironment(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void setBeanFactory(BeanFactory beanFactory) {
            this.beanFactory = beanFactory;
        }

        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            String name = Binder.get(Objects.requireNonNull(this.environment)).bind("jitpay.alipay.name", String.class)
                .orElseGet(() -> new AliPayProperties().getName());
            BeanFactory factory = Objects.requireNonNull(this.beanFactory);
            RootBeanDefinition definition = new RootBeanDefinition(AliPayment.class, () -> aliPayment(factory));
            registry.registerBeanDefinition(name, definition);
        }

        private static AliPayment aliPayment(BeanFactory beanFactory) {
            AliPayLogStore store = beanFactory.getBeanProvider(AliPayLogStore.class).getIfUnique();
            if (store == null) {
                throw PayException.config("store", "is not set, so there is no single DataSource for the order store",
                        "configure one (spring.datasource.url) or define an AliPayLogStore bean");
            }
            AliPayment.Builder builder = AliPayment.builder(beanFactory.getBean(AliPayConfig.class), store)
                .gateway(beanFactory.getBean(AliPayGateway.class));
            beanFactory.getBeanProvider(NotifyJournal.class).ifUnique(builder::journal);
            beanFactory.getBeanProvider(RefundLogStore.class).ifUnique(builder::refundStore);
            beanFactory.getBeanProvider(RefundStatusListener.class).orderedStream().forEach(builder::refundListener);
            beanFactory.getBeanProvider(PayStatusListener.class).orderedStream().forEach(builder::listener);
            return builder.build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "jitpay.alipay.sweeper.enabled", matchIfMissing = true)
    static class SweeperConfiguration {

        @Bean
        @ConditionalOnMissingBean
        AliPaySweeper aliPaySweeper(Map<String, AliPayment> payments, AliPayProperties properties) {
            AliPayProperties.Sweeper sweeper = properties.getSweeper();
            return new AliPaySweeper(configuredPayment(payments, properties, "jitpay.alipay.sweeper.enabled"),
                    sweeper.getInterval(), sweeper.getBatchSize());
        }
    }

    /** The journal is purged on its own schedule, whether the sweeper runs or not (a no-op without a journal). */
    @Configuration(proxyBeanMethods = false)
    static class JournalPurgeConfiguration {

        @Bean
        @ConditionalOnMissingBean
        AliPayJournalPurger aliPayJournalPurger(Map<String, AliPayment> payments, AliPayProperties properties) {
            AliPayProperties.Journal journal = properties.getJournal();
            return new AliPayJournalPurger(configuredPayment(payments, properties, "the notification journal"),
                    journal.getPurgeInterval(), journal.getRetention());
        }
    }

    /** The payment instance the endpoint and the sweeper serve: the only one, or the one named jitpay.alipay.name. */
    static AliPayment configuredPayment(Map<String, AliPayment> payments, AliPayProperties properties,
            String feature) {
        AliPayment payment = (payments.size() == 1) ? payments.values().iterator().next()
                : payments.get(properties.getName());
        if (payment == null) {
            throw new IllegalStateException(feature + " is on but there are " + payments.size() + " AliPayment beans "
                    + payments.keySet() + " and none is named '" + properties.getName()
                    + "' (jitpay.alipay.name); name the one it serves");
        }
        return payment;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
    @ConditionalOnBooleanProperty("jitpay.alipay.notify.enabled")
    static class NotifyConfiguration {

        @Bean
        @ConditionalOnMissingBean
        AliPayNotifyEndpoint aliPayNotifyEndpoint(Map<String, AliPayment> payments, AliPayProperties properties) {
            return new AliPayNotifyEndpoint(configuredPayment(payments, properties, "jitpay.alipay.notify.enabled"));
        }

        @Bean
        RouterFunction<ServerResponse> aliPayNotifyRoute(AliPayNotifyEndpoint controller,
                AliPayProperties properties) {
            String path = properties.getNotify().getPath();
            return RouterFunctions.route()
                .POST(path, controller::handle)
                .route(RequestPredicates.path(path), controller::methodNotAllowed)
                .build();
        }
    }
}
