package io.jitpay.sample;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.jitpay.pay.ReconciliationCompletedEvent;
import io.jitpay.pay.ReconciliationReport;

/**
 * The last reconciliation of each payment, for the admin page: the report of the starter's schedule
 * ({@code jitpay.alipay.reconciliation.enabled}, through {@link ReconciliationCompletedEvent}) or of the admin page's
 * button, whichever ran last. Kept in memory only: a restart forgets them, which suits a page that shows the latest
 * run; a shop that must keep its reports would store them from the same event.
 */
@Component
class LastReconciliations {

    private final Map<String, ReconciliationReport> last = new ConcurrentHashMap<>();

    @EventListener
    void completed(ReconciliationCompletedEvent event) {
        record(event.report());
    }

    /** Keeps a report as its payment's last one. */
    void record(ReconciliationReport report) {
        this.last.put(report.fullName(), report);
    }

    /**
     * The last report of a payment.
     * @param fullName the payment's full name, for example {@code pays.shopB}
     * @return its last report, or empty when none ran since start
     */
    Optional<ReconciliationReport> of(String fullName) {
        return Optional.ofNullable(this.last.get(fullName));
    }
}
