package io.jitpay.alipay;

import java.util.Map;

/**
 * The health of one payment instance, as an operator reads it: whether it can take payments, and why not. It is
 * computed without calling Alipay unless a gateway probe is asked for.
 *
 * @param fullName the instance's full name, {@code pays.<name>}
 * @param up       whether the instance can work: its order store answers, its keys and certificates are usable, and
 *                 (when probed) the gateway answers with a verified signature
 * @param details  what was checked, by name: {@code appId}, {@code mode}, {@code store}, {@code lastSweep},
 *                 {@code refundsStuck}, and {@code gateway} when probed; values are strings, numbers or maps of them,
 *                 never a key
 * @since 0.1.0
 */
public record AliPayHealth(String fullName, boolean up, Map<String, Object> details) {

    /**
     * Copies the details, so that the record cannot change.
     * @param fullName the instance's full name
     * @param up       whether the instance can work
     * @param details  what was checked
     */
    public AliPayHealth {
        details = Map.copyOf(details);
    }

    /**
     * The instance's name, without {@code pays.}: the name of its child in a health endpoint with several instances.
     * @return for example {@code shopA}
     */
    public String name() {
        return nameOf(this.fullName);
    }

    /**
     * An instance's name from its full name.
     * @param fullName for example {@code pays.shopA}
     * @return for example {@code shopA}
     */
    public static String nameOf(String fullName) {
        return fullName.startsWith("pays.") ? fullName.substring("pays.".length()) : fullName;
    }
}
