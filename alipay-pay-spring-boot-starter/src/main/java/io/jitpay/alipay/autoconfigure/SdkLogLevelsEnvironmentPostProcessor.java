package io.jitpay.alipay.autoconfigure;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Quietens the official SDK's own loggers by default: it logs every call's parameters at INFO on {@code sdk.biz.info}
 * and every refusal at ERROR on {@code sdk.biz.err}, including the expected "trade not found" of a check before the
 * buyer scans. {@link io.jitpay.pay.PayException} carries the same information. These defaults have the lowest
 * precedence: any {@code logging.level.sdk.*} the application sets wins.
 */
@SuppressWarnings("removal")
class SdkLogLevelsEnvironmentPostProcessor implements org.springframework.boot.env.EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE_NAME = "jitpayAlipaySdkLogLevels";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
            environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(
                    "logging.level.sdk.biz.info", "WARN", "logging.level.sdk.biz.err", "OFF")));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
