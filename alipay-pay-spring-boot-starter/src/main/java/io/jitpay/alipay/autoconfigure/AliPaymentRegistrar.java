package io.jitpay.alipay.autoconfigure;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;

import io.jitpay.alipay.AliPayConfig;
import io.jitpay.alipay.AliPayGateway;
import io.jitpay.alipay.AliPayLogStore;
import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.PaymentObserver;
import io.jitpay.alipay.SdkAliPayGateway;
import io.jitpay.pay.NotifyJournal;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayStatusListener;
import io.jitpay.pay.ReconciliationStore;
import io.jitpay.pay.RefundLogStore;
import io.jitpay.pay.RefundStatusListener;

/**
 * Registers one {@link AliPayment} bean per configured application: the top-level one under
 * {@code jitpay.alipay.name} (when {@code jitpay.alipay.app-id} is set and the application defines no
 * {@code AliPayment} of its own), and one per {@code jitpay.alipay.apps.<name>} entry, under that name, unless the
 * application defines a bean of that name. Each gets the shared store, journal and refund store, and every
 * {@link PayStatusListener} and {@link RefundStatusListener} bean (the Spring event publisher among them), and the
 * {@link PaymentObserver} when there is one (metrics); its events carry its full name ({@code pays.<name>}).
 */
final class AliPaymentRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware,
        ResourceLoaderAware {

    private @Nullable Environment environment;

    private @Nullable BeanFactory beanFactory;

    private @Nullable ResourceLoader resourceLoader;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void setResourceLoader(ResourceLoader resourceLoader) {
        this.resourceLoader = resourceLoader;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        AliPayApps apps = AliPayApps.of(Objects.requireNonNull(this.environment));
        Map<String, AliPayAppProperties> entries = apps.entries();
        BeanFactory factory = Objects.requireNonNull(this.beanFactory);
        ResourceLoader resources = Objects.requireNonNull(this.resourceLoader);
        if (apps.hasTopLevel() && !definesAliPayment(registry)) {
            registry.registerBeanDefinition(apps.topLevelName(), new RootBeanDefinition(AliPayment.class,
                    () -> build(factory, factory.getBean(AliPayConfig.class), factory.getBean(AliPayGateway.class))));
        }
        entries.forEach((name, properties) -> {
            if (!registry.containsBeanDefinition(name)) {
                registry.registerBeanDefinition(name, new RootBeanDefinition(AliPayment.class, () -> {
                    AliPayConfig config = AliPayApps.config(name, properties, resources, "apps." + name + ".");
                    return build(factory, config, new SdkAliPayGateway(config));
                }));
            }
        });
    }

    private static boolean definesAliPayment(BeanDefinitionRegistry registry) {
        return (registry instanceof ListableBeanFactory beans)
                && beans.getBeanNamesForType(AliPayment.class, true, false).length > 0;
    }

    private static AliPayment build(BeanFactory beanFactory, AliPayConfig config, AliPayGateway gateway) {
        AliPayLogStore store = beanFactory.getBeanProvider(AliPayLogStore.class).getIfUnique();
        if (store == null) {
            throw PayException.config("store", "is not set, so there is no single DataSource for the order store",
                    "configure one (spring.datasource.url) or define an AliPayLogStore bean");
        }
        AliPayment.Builder builder = AliPayment.builder(config, store).gateway(gateway);
        beanFactory.getBeanProvider(NotifyJournal.class).ifUnique(builder::journal);
        beanFactory.getBeanProvider(RefundLogStore.class).ifUnique(builder::refundStore);
        beanFactory.getBeanProvider(PaymentObserver.class).ifUnique(builder::observer);
        beanFactory.getBeanProvider(ReconciliationStore.class).ifUnique(builder::reconciliationStore);
        beanFactory.getBeanProvider(RefundStatusListener.class).orderedStream().forEach(builder::refundListener);
        beanFactory.getBeanProvider(PayStatusListener.class).orderedStream().forEach(builder::listener);
        return builder.build();
    }
}
