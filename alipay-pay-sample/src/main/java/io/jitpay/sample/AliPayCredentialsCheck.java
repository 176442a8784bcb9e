package io.jitpay.sample;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.stereotype.Component;

import io.jitpay.alipay.AliPayment;

/**
 * Stops start-up when there is no {@link AliPayment} to take payments with: no credentials, and the embedded sandbox
 * is off because the dev profile is not active. It runs once every bean is defined and before any is created, so the
 * shop fails with {@link NoAliPayCredentialsException}, which says what to set, instead of Spring's "a bean of type
 * AliPayment could not be found", and before it opens its database or its port.
 */
@Component
class AliPayCredentialsCheck implements BeanFactoryPostProcessor {

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        // No eager initialisation: a bean's type is read from its definition, nothing is created here.
        if (beanFactory.getBeanNamesForType(AliPayment.class, true, false).length == 0) {
            throw new NoAliPayCredentialsException();
        }
    }
}
