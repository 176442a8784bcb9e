package io.jitpay.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.jitpay.alipay.AliPayHealth;
import io.jitpay.pay.ReconciliationReport;

/**
 * One payment's part of the admin page: its health as the {@code alipay} health contributor reports it, its last
 * reconciliation and its meters.
 *
 * @param name           the payment's name, for example {@code shopB}
 * @param fullName       its full name, for example {@code pays.shopB}
 * @param up             whether it can work (the contributor's UP)
 * @param health         what was checked, by label, in the order an operator reads it
 * @param reconciliation its last reconciliation since start, if any
 * @param metrics        its meters
 */
record AdminSection(String name, String fullName, boolean up, Map<String, String> health,
        @Nullable ReconciliationReport reconciliation, PaymentMetrics.Readings metrics) {

    /** The health details, labelled, in reading order; those the health did not report are left out. */
    static Map<String, String> labelled(AliPayHealth health) {
        Map<String, Object> details = health.details();
        Map<String, String> labelled = new LinkedHashMap<>();
        put(labelled, "App id", details.get("appId"));
        put(labelled, "Mode", details.get("mode"));
        Object days = details.get("certificateDaysLeft");
        put(labelled, "Certificate days left", (days != null) ? text(days)
                : ("key".equals(details.get("mode")) ? "none (public-key mode)" : null));
        put(labelled, "Certificate warning", details.get("certificateWarning"));
        put(labelled, "Store", details.get("store"));
        put(labelled, "Last sweep", details.get("lastSweep"));
        put(labelled, "Stuck refunds", details.get("refundsStuck"));
        put(labelled, "Gateway probe", details.get("gateway"));
        put(labelled, "Error", details.get("error"));
        return labelled;
    }

    private static void put(Map<String, String> labelled, String label, @Nullable Object value) {
        if (value != null) {
            labelled.put(label, text(value));
        }
    }

    /**
     * A detail as text: a map (the last sweep, the certificates' days) as {@code key value, ...}, keys sorted, since
     * the health's maps keep no order.
     */
    private static String text(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, entry) -> sorted.put(String.valueOf(key), entry));
            return sorted.entrySet().stream().map((entry) -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
        }
        return String.valueOf(value);
    }
}
