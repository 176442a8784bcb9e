package io.jitpay.alipay.sandbox.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import io.jitpay.alipay.sandbox.AliPaySandbox;

/**
 * Starts the embedded sandbox when {@code jitpay.sandbox.enabled=true} and no {@code jitpay.alipay.app-id} is
 * configured, then sets {@code jitpay.alipay.*} (app id, keys, gateway, seller, notify URL, notify endpoint on) to
 * use it. The notify URL names this application's own port, so a random {@code server.port=0} is resolved here to a
 * free port. Credentials that appear only later are caught by {@link SandboxCredentialsGuard}, which fails start-up.
 */
@SuppressWarnings("removal")
class SandboxEnvironmentPostProcessor implements org.springframework.boot.env.EnvironmentPostProcessor, Ordered {

    /** After the application's own configuration is loaded, so that its credentials are seen. */
    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

    /** The notify endpoint's path when the application sets none (the starter's default). */
    private static final String DEFAULT_NOTIFY_PATH = "/jitpay/alipay/notify";

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
        AliPaySandbox sandbox = AliPaySandbox.builder()
            .host(properties.getHost())
            .port(properties.getPort())
            .notifyRetryScale(properties.getNotifyRetryScale())
            .start();
        Map<String, Object> values = new LinkedHashMap<>();
        int port = environment.getProperty("server.port", Integer.class, 8080);
        if (port == 0) {
            port = freePort();
            values.put("server.port", port);
        }
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        String notifyPath = environment.getProperty("jitpay.alipay.notify.path", DEFAULT_NOTIFY_PATH);
        values.put("jitpay.alipay.app-id", sandbox.appId());
        values.put("jitpay.alipay.private-key", sandbox.appPrivateKey());
        values.put("jitpay.alipay.public-key", sandbox.alipayPublicKey());
        // A loopback URL even when the sandbox listens on every interface (QR codes and the cashier keep the
        // configured host for the buyer's phone): the application calls it from this machine.
        values.put("jitpay.alipay.gateway-url", sandbox.gatewayUrl());
        values.put("jitpay.alipay.seller-id", sandbox.sellerId());
        values.put("jitpay.alipay.notify-url", "http://localhost:" + port + contextPath + notifyPath);
        values.put("jitpay.alipay.notify.enabled", "true");
        environment.getPropertySources().addFirst(new SandboxPropertySource(values, sandbox));
        this.logger.warn("jitpay.sandbox.enabled=true: payments go to the embedded Alipay sandbox at "
                + sandbox.gatewayUrl() + ", nothing is charged; never enable jitpay.sandbox.enabled in production.");
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

    /** The properties that point the application at the sandbox; it also holds the running sandbox. */
    static final class SandboxPropertySource extends MapPropertySource {

        static final String NAME = "jitpayEmbeddedAlipaySandbox";

        private final AliPaySandbox sandbox;

        SandboxPropertySource(Map<String, Object> values, AliPaySandbox sandbox) {
            super(NAME, values);
            this.sandbox = sandbox;
        }

        AliPaySandbox sandbox() {
            return this.sandbox;
        }
    }
}
