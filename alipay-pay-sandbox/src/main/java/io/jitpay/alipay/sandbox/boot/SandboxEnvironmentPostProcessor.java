package io.jitpay.alipay.sandbox.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.SandboxCertificates;

/**
 * Starts the embedded sandbox when {@code jitpay.sandbox.enabled=true} and no {@code jitpay.alipay.app-id} is
 * configured, then sets {@code jitpay.alipay.*} (app id, keys, gateway, seller, notify URL, notify endpoint on) to
 * use it, with {@code jitpay.sandbox.certificate-mode=true} the three certificates instead of Alipay's public key; for each name in {@code jitpay.sandbox.apps} it starts one more sandbox and sets
 * {@code jitpay.alipay.apps.<name>.*} likewise. Every application's notify URL is the one endpoint, which routes by
 * the order's owner. The notify URL names this application's own port, so a random {@code server.port=0} is resolved
 * here to a free port. Credentials that appear only later are caught by {@link SandboxCredentialsGuard}, which fails
 * start-up.
 */
@SuppressWarnings("removal")
class SandboxEnvironmentPostProcessor implements org.springframework.boot.env.EnvironmentPostProcessor, Ordered {

    /** After the application's own configuration is loaded, so that its credentials are seen. */
    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

    /** The notify endpoint's path when the application sets none (the starter's default). */
    private static final String DEFAULT_NOTIFY_PATH = "/jitpay/alipay/notify";

    /** The top-level payment instance's name when the application sets none (the starter's default). */
    private static final String DEFAULT_NAME = "aliPayment";

    /** An application name as the starter accepts it in {@code jitpay.alipay.apps}: a bean name. */
    private static final Pattern APP_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private final Log logger;

    SandboxEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.logger = logFactory.getLog(SandboxEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        AliPaySandboxProperties properties = Binder.get(environment)
            .bindOrCreate("jitpay.sandbox", AliPaySandboxProperties.class);
        if (!properties.isEnabled() || environment.getPropertySources().contains(SandboxPropertySource.NAME)) {
            return;
        }
        if (StringUtils.hasText(environment.getProperty("jitpay.alipay.app-id"))) {
            // The flag is on next to real credentials: harmless here, but a sign of a development setting in the
            // wrong place, so say so loudly.
            this.logger.warn("jitpay.sandbox.enabled=true is ignored because jitpay.alipay.app-id is set: payments "
                    + "go to the configured Alipay gateway and the embedded sandbox is not started. Remove "
                    + "jitpay.sandbox.enabled wherever real credentials are used.");
            return;
        }
        String topLevelName = environment.getProperty("jitpay.alipay.name", DEFAULT_NAME);
        List<String> apps = checkedAppNames(properties.getApps(), topLevelName);
        Map<String, AliPaySandbox> sandboxes = start(properties, topLevelName, apps);
        AliPaySandbox sandbox = sandboxes.values().iterator().next();
        Map<String, Object> values = new LinkedHashMap<>();
        int port = environment.getProperty("server.port", Integer.class, 8080);
        if (port == 0) {
            port = freePort();
            values.put("server.port", port);
        }
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        String notifyPath = environment.getProperty("jitpay.alipay.notify.path", DEFAULT_NOTIFY_PATH);
        // One endpoint for every application: it hands each notification to the instance that owns the order.
        String notifyUrl = "http://localhost:" + port + contextPath + notifyPath;
        sandboxes.forEach((name, played) -> pointAt(values,
                name.equals(topLevelName) ? "jitpay.alipay." : "jitpay.alipay.apps." + name + ".", played, notifyUrl,
                properties.isCertificateMode()));
        values.put("jitpay.alipay.notify.enabled", "true");
        environment.getPropertySources().addFirst(new SandboxPropertySource(values, sandboxes));
        this.logger.warn("jitpay.sandbox.enabled=true: payments go to the embedded Alipay sandbox at "
                + sandbox.gatewayUrl() + ", nothing is charged; never enable jitpay.sandbox.enabled in production.");
        sandboxes.forEach((name, played) -> {
            if (!name.equals(topLevelName)) {
                this.logger.warn("jitpay.sandbox.apps: payments of " + name + " go to the embedded Alipay sandbox at "
                        + played.gatewayUrl() + " (app id " + played.appId() + "), nothing is charged.");
            }
        });
    }

    /**
     * Starts the top-level application's sandbox (on the configured port) and one per further name (on free ports),
     * each with an app id and seller id of its own, so that the starter can tell their notifications apart.
     */
    private static Map<String, AliPaySandbox> start(AliPaySandboxProperties properties, String topLevelName,
            List<String> apps) {
        Map<String, AliPaySandbox> sandboxes = new LinkedHashMap<>();
        try {
            sandboxes.put(topLevelName, builder(properties).port(properties.getPort()).start());
            for (int i = 0; i < apps.size(); i++) {
                // 9021000000000002, 2088000000000002 for the first further app, and so on.
                String number = String.format(Locale.ROOT, "%08d", i + 2);
                sandboxes.put(apps.get(i), builder(properties).port(0).appId("90210000" + number)
                    .sellerId("20880000" + number).start());
            }
        }
        catch (RuntimeException ex) {
            sandboxes.values().forEach(AliPaySandbox::close);
            throw ex;
        }
        return sandboxes;
    }

    private static AliPaySandbox.Builder builder(AliPaySandboxProperties properties) {
        AliPaySandbox.Builder builder = AliPaySandbox.builder().host(properties.getHost())
            .notifyRetryScale(properties.getNotifyRetryScale());
        return properties.isCertificateMode() ? builder.certificateMode() : builder;
    }

    /** Points one application's properties ({@code prefix} ends with a dot) at its sandbox. */
    private static void pointAt(Map<String, Object> values, String prefix, AliPaySandbox sandbox, String notifyUrl,
            boolean certificateMode) {
        values.put(prefix + "app-id", sandbox.appId());
        values.put(prefix + "private-key", sandbox.appPrivateKey());
        if (certificateMode) {
            // Certificate mode takes the three certificates and no public key: setting both is refused.
            SandboxCertificates certificates = sandbox.certificates();
            values.put(prefix + "app-cert", certificates.appCertPem());
            values.put(prefix + "alipay-cert", certificates.alipayCertPem());
            values.put(prefix + "alipay-root-cert", certificates.alipayRootCertPem());
        }
        else {
            values.put(prefix + "public-key", sandbox.alipayPublicKey());
        }
        // A loopback URL even when the sandbox listens on every interface (QR codes and the cashier keep the
        // configured host for the buyer's phone): the application calls it from this machine.
        values.put(prefix + "gateway-url", sandbox.gatewayUrl());
        values.put(prefix + "seller-id", sandbox.sellerId());
        values.put(prefix + "notify-url", notifyUrl);
    }

    /**
     * The names of {@code jitpay.sandbox.apps}, checked before any sandbox starts: each becomes a bean name and a
     * property name, so it must be a Java identifier, and it must not be the top-level application's.
     */
    static List<String> checkedAppNames(List<String> names, String topLevelName) {
        Set<String> seen = new HashSet<>();
        seen.add(topLevelName.toLowerCase(Locale.ROOT));
        List<String> checked = new ArrayList<>();
        for (String raw : names) {
            String name = raw.trim();
            String problem = !APP_NAME.matcher(name).matches() ? "is not a Java identifier such as shopB"
                    : !seen.add(name.toLowerCase(Locale.ROOT)) ? (name.equalsIgnoreCase(topLevelName)
                            ? "is the top-level application's name (jitpay.alipay.name), which the sandbox plays "
                                    + "already" : "is named twice (names are not case-sensitive)")
                    : null;
            if (problem != null) {
                throw new InvalidConfigurationPropertyValueException("jitpay.sandbox.apps", String.join(",", names),
                        "'" + name + "' " + problem + "; list the names of jitpay.alipay.apps entries to play");
            }
            checked.add(name);
        }
        return checked;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("No free port for the application", ex);
        }
    }

    /**
     * The properties that point the application at the sandboxes; it also holds the running sandboxes, by the name of
     * the payment instance each plays, the top-level one first.
     */
    static final class SandboxPropertySource extends MapPropertySource {

        static final String NAME = "jitpayEmbeddedAlipaySandbox";

        private final AliPaySandboxes sandboxes;

        SandboxPropertySource(Map<String, Object> values, Map<String, AliPaySandbox> sandboxes) {
            super(NAME, values);
            this.sandboxes = new AliPaySandboxes(sandboxes);
        }

        /** The top-level application's sandbox. */
        AliPaySandbox sandbox() {
            return this.sandboxes.all().values().iterator().next();
        }

        AliPaySandboxes sandboxes() {
            return this.sandboxes;
        }
    }
}
