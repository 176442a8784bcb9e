package io.jitpay.alipay.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.jitpay.alipay.AliPayment;

/**
 * Deletes each payment instance's journaled notifications older than the retention, at a fixed interval, whether or not
 * the sweeper runs: the journal is bounded by time, not by the sweeper's configuration.
 *
 * @since 0.1.0
 */
public final class AliPayJournalPurger extends PeriodicTask {

    private final List<AliPayment> payments;

    private final Duration retention;

    private final Clock clock;

    /**
     * Creates a purger.
     * @param payments  the payment instances whose journals it purges
     * @param interval  the time between two purges
     * @param retention how long notifications are kept
     */
    public AliPayJournalPurger(List<AliPayment> payments, Duration interval, Duration retention) {
        super("jitpay-alipay-journal-purge", interval);
        this.payments = List.copyOf(payments);
        this.retention = retention;
        this.clock = Clock.systemUTC();
    }

    /**
     * Purges now.
     * @return how many notifications were deleted
     */
    public int purgeNow() {
        Instant before = this.clock.instant().minus(this.retention);
        return this.payments.stream().mapToInt((payment) -> payment.purgeNotifications(before)).sum();
    }

    @Override
    void runOnce() {
        purgeNow();
    }
}
