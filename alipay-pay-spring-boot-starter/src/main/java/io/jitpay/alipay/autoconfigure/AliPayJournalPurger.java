package io.jitpay.alipay.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import io.jitpay.alipay.AliPayment;

/**
 * Deletes a payment instance's journaled notifications older than the retention, at a fixed interval, whether or not
 * the sweeper runs: the journal is bounded by time, not by the sweeper's configuration.
 *
 * @since 0.1.0
 */
public final class AliPayJournalPurger extends PeriodicTask {

    private final AliPayment payment;

    private final Duration retention;

    private final Clock clock;

    /**
     * Creates a purger.
     * @param payment   the payment instance whose journal it purges
     * @param interval  the time between two purges
     * @param retention how long notifications are kept
     */
    public AliPayJournalPurger(AliPayment payment, Duration interval, Duration retention) {
        super("jitpay-alipay-journal-purge", interval);
        this.payment = payment;
        this.retention = retention;
        this.clock = Clock.systemUTC();
    }

    /**
     * Purges now.
     * @return how many notifications were deleted
     */
    public int purgeNow() {
        return this.payment.purgeNotifications(this.clock.instant().minus(this.retention));
    }

    @Override
    void runOnce() {
        purgeNow();
    }
}
