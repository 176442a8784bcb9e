package io.jitpay.alipay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jspecify.annotations.Nullable;

/**
 * The reports that paid the last orders of one instance, by order id, at most {@code capacity} of them: the oldest
 * is forgotten first. Read on every notification by every request thread, so it takes no lock: a concurrent map, and
 * a ring of order ids that says which entry to forget next. Under a race an entry may be forgotten early; that only
 * costs a read of the order.
 */
final class RecentPayments {

    private final Map<String, AliPayLog> reports = new ConcurrentHashMap<>();

    private final AtomicReferenceArray<String> ring;

    private final AtomicLong added = new AtomicLong();

    RecentPayments(int capacity) {
        this.ring = new AtomicReferenceArray<>(capacity);
    }

    /** The report that paid an order lately, or {@code null}. */
    @Nullable AliPayLog get(String orderId) {
        return this.reports.get(orderId);
    }

    /** Remembers the report that paid an order, forgetting the oldest when full. */
    void put(String orderId, AliPayLog report) {
        if (this.reports.put(orderId, report) == null) {
            int slot = (int) (this.added.getAndIncrement() % this.ring.length());
            String forgotten = this.ring.getAndSet(slot, orderId);
            if (forgotten != null && !forgotten.equals(orderId)) {
                this.reports.remove(forgotten);
            }
        }
    }
}
