package io.jitpay.alipay.sandbox.boot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.jitpay.alipay.sandbox.AliPaySandbox;

/**
 * The embedded sandboxes the development mode started, each found by the name of the payment instance whose Alipay
 * application it plays: the top-level one ({@code jitpay.alipay.name}, {@code aliPayment} by default), which is also
 * the {@link AliPaySandbox} bean, and one per name in {@code jitpay.sandbox.apps}.
 *
 * <pre>
 * sandboxes.get("shopB").pay(orderId);   // the buyer pays an order of pays.shopB
 * </pre>
 *
 * @since 0.1.0
 */
public final class AliPaySandboxes {

    private static final String PREFIX = "pays.";

    private final Map<String, AliPaySandbox> byName;

    AliPaySandboxes(Map<String, AliPaySandbox> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /**
     * The sandbox that plays a payment instance's application.
     * @param name the instance's name ({@code shopB}) or full name ({@code pays.shopB})
     * @return the sandbox, or empty when none plays it (an instance configured with credentials of its own)
     */
    public Optional<AliPaySandbox> find(String name) {
        return Optional.ofNullable(this.byName.get(name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name));
    }

    /**
     * The sandbox that plays a payment instance's application.
     * @param name the instance's name ({@code shopB}) or full name ({@code pays.shopB})
     * @return the sandbox
     * @throws IllegalArgumentException when no sandbox plays it, naming those that play one
     */
    public AliPaySandbox get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("No embedded sandbox plays '" + name
                + "'; there are sandboxes for " + this.byName.keySet() + " (jitpay.sandbox.apps adds more)"));
    }

    /** {@return the sandboxes by the name of the instance each plays, the top-level one first} */
    public Map<String, AliPaySandbox> all() {
        return this.byName;
    }

    /** Stops every sandbox; closing one twice is harmless. */
    void close() {
        this.byName.values().forEach(AliPaySandbox::close);
    }

    @Override
    public String toString() {
        return "AliPaySandboxes" + this.byName;
    }
}
