package io.jitpay.alipay.sandbox.boot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

import io.jitpay.alipay.sandbox.boot.SandboxEnvironmentPostProcessor.SandboxPropertySource;

/**
 * Fails start-up when the embedded sandbox runs although Alipay credentials are configured. The sandbox decides when
 * the environment is prepared, and its property source comes first; credentials that arrive later (an
 * {@code @PropertySource}, a config server, a test's {@code @DynamicPropertySource}) would be silently overridden, and
 * a production application with {@code jitpay.sandbox.enabled} left on would take payments that charge nothing. It
 * runs once every singleton exists, when every such property source has been added, and before the application
 * serves requests.
 */
final class SandboxCredentialsGuard implements SmartInitializingSingleton {

    /** The properties whose presence means real credentials; their values are never read out or printed. */
    static final List<String> CREDENTIALS = List.of("jitpay.alipay.app-id", "jitpay.alipay.private-key",
            "jitpay.alipay.public-key");

    private final ConfigurableEnvironment environment;

    SandboxCredentialsGuard(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Map<String, List<String>> found = credentialsBesideTheSandbox(this.environment);
        if (found.isEmpty()) {
            return;
        }
        // Fail closed: the sandbox stops too, so nothing answers on its port while the context shuts down.
        if (this.environment.getPropertySources().get(SandboxPropertySource.NAME) instanceof SandboxPropertySource own) {
            own.sandbox().close();
        }
        throw new SandboxWithCredentialsException(found);
    }

    /**
     * The credential properties set to non-empty values in each property source other than the sandbox's own, by
     * source name. Each source is asked on its own (the environment would answer with the sandbox's values), with
     * relaxed names, so {@code JITPAY_ALIPAY_APP_ID} in the system environment counts as well.
     */
    static Map<String, List<String>> credentialsBesideTheSandbox(ConfigurableEnvironment environment) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            // The attached source is a view of all the others, the sandbox's included.
            if (source instanceof SandboxPropertySource
                    || ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                continue;
            }
            ConfigurationPropertySource properties = ConfigurationPropertySource.from(source);
            if (properties == null) {
                continue;
            }
            for (String name : CREDENTIALS) {
                ConfigurationProperty property = properties.getConfigurationProperty(ConfigurationPropertyName.of(name));
                if (property != null && hasText(environment, property.getValue())) {
                    found.computeIfAbsent(source.getName(), (key) -> new ArrayList<>()).add(name);
                }
            }
        }
        return found;
    }

    /** Placeholders count as what they resolve to: {@code ${ALIPAY_APP_ID:}} with no such variable is empty. */
    private static boolean hasText(ConfigurableEnvironment environment, @Nullable Object value) {
        return (value instanceof String text) ? StringUtils.hasText(environment.resolvePlaceholders(text))
                : value != null;
    }
}
