package io.jitpay.alipay.sandbox.boot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

import io.jitpay.alipay.sandbox.boot.SandboxEnvironmentPostProcessor.SandboxPropertySource;

/**
 * Fails start-up when the embedded sandbox runs although Alipay credentials are configured, for the top-level
 * application or any {@code jitpay.alipay.apps} entry. The sandbox decides when
 * the environment is prepared, and its property source comes first; credentials that arrive later (an
 * {@code @PropertySource}, a config server, a test's {@code @DynamicPropertySource}) would be silently overridden, and
 * a production application with {@code jitpay.sandbox.enabled} left on would take payments that charge nothing. It
 * runs once every singleton exists, when every such property source has been added, and before the application
 * serves requests.
 */
final class SandboxCredentialsGuard implements SmartInitializingSingleton {

    /**
     * The properties whose presence means real credentials, at the top level and in every {@code jitpay.alipay.apps}
     * entry; their values are never read out or printed.
     */
    static final List<String> CREDENTIALS = List.of("app-id", "private-key", "public-key", "app-cert", "alipay-cert",
            "alipay-root-cert");

    private static final ConfigurationPropertyName TOP_LEVEL = ConfigurationPropertyName.of("jitpay.alipay");

    private static final ConfigurationPropertyName APPS = ConfigurationPropertyName.of("jitpay.alipay.apps");

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
        // Fail closed: the sandboxes stop too, so nothing answers on their ports while the context shuts down.
        if (this.environment.getPropertySources().get(SandboxPropertySource.NAME) instanceof SandboxPropertySource own) {
            own.sandboxes().close();
        }
        throw new SandboxWithCredentialsException(found);
    }

    /**
     * The credential properties set to non-empty values in each property source other than the sandbox's own, by
     * source name: the top-level ones and those of any {@code jitpay.alipay.apps} entry, played by a sandbox or not (an
     * entry's unset values fall back to the sandbox's, so real credentials beside the sandbox are a mix-up either
     * way). Each source is asked on its own (the environment would answer with the sandbox's values), with relaxed
     * names, so {@code JITPAY_ALIPAY_APP_ID} and {@code JITPAY_ALIPAY_APPS_SHOPB_PRIVATE_KEY} in the system
     * environment count as well.
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
            for (ConfigurationPropertyName app : applications(properties)) {
                for (String credential : CREDENTIALS) {
                    ConfigurationPropertyName name = app.append(credential);
                    ConfigurationProperty property = properties.getConfigurationProperty(name);
                    if (property != null && hasText(environment, property.getValue())) {
                        found.computeIfAbsent(source.getName(), (key) -> new ArrayList<>()).add(displayName(app,
                                credential));
                    }
                }
            }
        }
        return found;
    }

    /**
     * {@code jitpay.alipay} and each {@code jitpay.alipay.apps.<name>} a source names. Entries are found among the
     * names the source lists, in whatever form it holds them ({@code JITPAY_ALIPAY_APPS_SHOPB_APP_ID} lists as
     * {@code jitpay.alipay.apps.shopb.app.id}); each is then asked for its credentials by their relaxed names.
     */
    private static Set<ConfigurationPropertyName> applications(ConfigurationPropertySource properties) {
        Set<ConfigurationPropertyName> applications = new LinkedHashSet<>();
        applications.add(TOP_LEVEL);
        if (properties instanceof IterableConfigurationPropertySource iterable) {
            try (Stream<ConfigurationPropertyName> names = iterable.stream()) {
                names.filter((name) -> APPS.isAncestorOf(name) && name.getNumberOfElements() > 4)
                    .forEach((name) -> applications.add(name.chop(4)));
            }
        }
        return applications;
    }

    /** The property's name, with the entry's name as the source spells it ({@code shopB}, not {@code shopb}). */
    private static String displayName(ConfigurationPropertyName app, String credential) {
        return app.equals(TOP_LEVEL) ? TOP_LEVEL + "." + credential
                : APPS + "." + app.getElement(3, ConfigurationPropertyName.Form.ORIGINAL) + "." + credential;
    }

    /** Placeholders count as what they resolve to: {@code ${ALIPAY_APP_ID:}} with no such variable is empty. */
    private static boolean hasText(ConfigurableEnvironment environment, @Nullable Object value) {
        return (value instanceof String text) ? StringUtils.hasText(environment.resolvePlaceholders(text))
                : value != null;
    }
}
