package io.jitpay.pay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The payment instances of an application, found by name as the seed finds an element: {@code get("aliPayment")} or
 * {@code get("pays.aliPayment")}. It holds every {@link Payment}, the built-in Types and an application's own.
 *
 * <pre>
 * Payment shopA = payments.get("shopA");
 * PayLog order = shopA.create("Coffee", new BigDecimal("9.90"));
 * </pre>
 *
 * @since 0.1.0
 */
public final class Payments {

    private static final String PREFIX = "pays.";

    private final Map<String, Payment> byFullName = new LinkedHashMap<>();

    /**
     * Creates the registry.
     * @param payments the payment instances, in the order {@link #all()} returns them
     * @throws IllegalArgumentException when two instances have the same full name
     */
    public Payments(List<? extends Payment> payments) {
        for (Payment payment : payments) {
            Payment before = this.byFullName.putIfAbsent(payment.fullName(), payment);
            if (before != null && before != payment) {
                throw new IllegalArgumentException("Two payment instances are named " + payment.fullName() + ": "
                        + before + " and " + payment + "; give each its own name");
            }
        }
    }

    /**
     * A payment instance by name.
     * @param name its name ({@code shopA}) or full name ({@code pays.shopA})
     * @return the instance
     * @throws PayException {@link PayErrorCode#INVALID_PARAM_ERROR} when there is none, naming those there are
     */
    public Payment get(String name) {
        Payment payment = (name == null) ? null
                : this.byFullName.get(name.startsWith(PREFIX) ? name : PREFIX + name);
        if (payment == null) {
            throw new PayException(PayErrorCode.INVALID_PARAM_ERROR, "There is no payment instance named '" + name
                    + "'; there are " + this.byFullName.keySet());
        }
        return payment;
    }

    /**
     * Every payment instance.
     * @return the instances, unmodifiable
     */
    public List<Payment> all() {
        return List.copyOf(new ArrayList<>(this.byFullName.values()));
    }

    @Override
    public String toString() {
        return "Payments" + this.byFullName.keySet();
    }
}
