package io.jitpay.pay;

import java.util.Objects;

/**
 * A payment instance reconciled a day: published by a reconciliation schedule (the Spring Boot starter publishes it
 * as an application event) once the report is complete, after any order it settled was committed.
 *
 * @param fullName the payment instance, for example {@code pays.aliPayment}
 * @param report   what the reconciliation found
 * @since 0.1.0
 */
public record ReconciliationCompletedEvent(String fullName, ReconciliationReport report) {

    /**
     * Creates an event.
     * @param fullName the payment instance
     * @param report   the report
     */
    public ReconciliationCompletedEvent {
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(report, "report");
    }

    /**
     * Whether the day reconciled without any discrepancy.
     * @return {@code report().isClean()}
     */
    public boolean isClean() {
        return this.report.isClean();
    }
}
