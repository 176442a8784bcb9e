package io.jitpay.alipay.sandbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

/**
 * Runs an {@link AliPaySandbox} for JUnit Jupiter tests. Registered on a {@code static} field it starts before all
 * tests of the class (and its {@code @Nested} classes) and closes after them; on an instance field each test gets a
 * sandbox of its own, closed after the test.
 *
 * <pre>
 * &#64;SpringBootTest
 * class CheckoutTest {
 *
 *     &#64;RegisterExtension
 *     static AliPaySandboxExtension sandbox = new AliPaySandboxExtension(
 *             (builder) -&gt; builder.firstNotifyRetryAfter(Duration.ofMillis(50)));
 *
 *     &#64;DynamicPropertySource
 *     static void alipay(DynamicPropertyRegistry registry) {
 *         sandbox.springProperties().forEach((name, value) -&gt; registry.add(name, () -&gt; value));
 *     }
 *
 *     &#64;Test
 *     void paidOrderIsNotified(&#64;Autowired Checkout checkout) {
 *         String orderId = checkout.start();
 *         sandbox.get().pay(orderId);
 *         ...
 *     }
 * }
 * </pre>
 *
 * A static field also suits {@code @DynamicPropertySource}: Spring builds the test's context after every
 * before-all callback, so the sandbox is running by then. The JUnit Jupiter API is an optional dependency of the
 * sandbox; tests that use this class have it anyway.
 *
 * @since 0.1.0
 */
public final class AliPaySandboxExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, TestInstancePreConstructCallback {

    private final Consumer<AliPaySandbox.Builder> customizer;

    private volatile @Nullable AliPaySandbox sandbox;

    /** The unique id of the test or class whose callbacks started the sandbox, and so must close it. */
    private @Nullable String owner;

    /** Runs a sandbox with the builder's defaults: 127.0.0.1, a free port, real retry intervals. */
    public AliPaySandboxExtension() {
        this((builder) -> {
        });
    }

    /**
     * Runs a sandbox configured by a customizer.
     * @param customizer sets up the builder, for example {@code (builder) -> builder.appId("2021000000000001")}
     */
    public AliPaySandboxExtension(Consumer<AliPaySandbox.Builder> customizer) {
        this.customizer = Objects.requireNonNull(customizer);
    }

    /**
     * The running sandbox.
     * @return the sandbox
     * @throws IllegalStateException outside the tests the extension runs the sandbox for
     */
    public synchronized AliPaySandbox get() {
        AliPaySandbox running = this.sandbox;
        if (running == null) {
            throw new IllegalStateException("The Alipay sandbox runs only while the tests run: register the "
                    + "extension with @RegisterExtension and use it from a test, a lifecycle method or, with a "
                    + "static field, a @DynamicPropertySource method");
        }
        return running;
    }

    /**
     * The {@code jitpay.alipay.*} properties that point a Spring Boot application at the running sandbox: app id,
     * private key, public key (the sandbox's "Alipay" key), gateway URL and seller id, for
     * {@code @DynamicPropertySource} or {@code ApplicationContextRunner.withPropertyValues}. In certificate mode the
     * three certificates ({@code app-cert}, {@code alipay-cert}, {@code alipay-root-cert}) take the public key's place.
     * @return the properties, in that order, unmodifiable
     * @throws IllegalStateException when the sandbox is not running
     */
    public Map<String, String> springProperties() {
        AliPaySandbox running = get();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("jitpay.alipay.app-id", running.appId());
        properties.put("jitpay.alipay.private-key", running.appPrivateKey());
        if (running.isCertificateMode()) {
            SandboxCertificates certificates = running.certificates();
            properties.put("jitpay.alipay.app-cert", certificates.appCertPem());
            properties.put("jitpay.alipay.alipay-cert", certificates.alipayCertPem());
            properties.put("jitpay.alipay.alipay-root-cert", certificates.alipayRootCertPem());
        }
        else {
            properties.put("jitpay.alipay.public-key", running.alipayPublicKey());
        }
        properties.put("jitpay.alipay.gateway-url", running.gatewayUrl());
        properties.put("jitpay.alipay.seller-id", running.sellerId());
        return Collections.unmodifiableMap(properties);
    }

    /**
     * Starts the sandbox for the class, when registered on a static field.
     * @param context the class's context
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        start(context);
    }

    /**
     * Starts the sandbox before a test instance is built, when registered on a static field: with
     * {@code @TestInstance(PER_CLASS)}, Spring's extension builds the application context (and reads
     * {@code @DynamicPropertySource}) while it prepares the instance, before any before-all callback runs.
     * @param factoryContext the instance about to be built
     * @param context        the class's context
     */
    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
        start(context);
    }

    /**
     * Starts a sandbox for the test, unless one already runs for its class.
     * @param context the test's context
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        start(context);
    }

    /**
     * Closes the sandbox if this test started it.
     * @param context the test's context
     */
    @Override
    public void afterEach(ExtensionContext context) {
        stop(context);
    }

    /**
     * Closes the sandbox if this class started it; a {@code @Nested} class leaves its outer class's running.
     * @param context the class's context
     */
    @Override
    public void afterAll(ExtensionContext context) {
        stop(context);
    }

    @Override
    public String toString() {
        AliPaySandbox running = this.sandbox;
        return "AliPaySandboxExtension[" + ((running != null) ? running : "not running") + "]";
    }

    private synchronized void start(ExtensionContext context) {
        if (this.sandbox != null) {
            return;
        }
        AliPaySandbox.Builder builder = AliPaySandbox.builder();
        this.customizer.accept(builder);
        this.sandbox = builder.start();
        this.owner = context.getUniqueId();
    }

    private synchronized void stop(ExtensionContext context) {
        AliPaySandbox running = this.sandbox;
        if (running != null && context.getUniqueId().equals(this.owner)) {
            this.sandbox = null;
            this.owner = null;
            running.close();
        }
    }
}
