package io.jitpay.alipay.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jitpay.alipay.AliPayment;
import io.jitpay.pay.RefundSweepReport;
import io.jitpay.pay.SweepReport;

/**
 * Sweeps the orders of each payment instance that are due for a check ({@link AliPayment#sweep}) and confirms its
 * processing refunds ({@link AliPayment#sweepRefunds}) at a fixed interval, in batches until none is left. Each
 * payment instance sweeps only its own orders. Every application instance may run one: orders are claimed before
 * they are handled, so each is handled once.
 *
 * @since 0.1.0
 */
public final class AliPaySweeper extends PeriodicTask {

    private static final Logger logger = LoggerFactory.getLogger(AliPaySweeper.class);

    private final List<AliPayment> payments;

    private final int batchSize;

    /**
     * Creates a sweeper.
     * @param payments  the payment instances whose orders it sweeps
     * @param interval  the time between two sweeps
     * @param batchSize the most orders per batch
     */
    public AliPaySweeper(List<AliPayment> payments, Duration interval, int batchSize) {
        super("jitpay-alipay-sweeper", interval);
        this.payments = List.copyOf(payments);
        this.batchSize = Math.max(1, batchSize);
    }

    /**
     * Runs one sweep of every payment instance now: batches until a batch finds fewer due orders than it could take.
     * @return the totals of the sweep
     */
    public SweepReport sweepNow() {
        SweepReport all = SweepReport.NONE;
        for (AliPayment payment : this.payments) {
            all = all.plus(sweep(payment));
        }
        return all;
    }

    /**
     * Confirms the due processing refunds of every payment instance now, in batches until none is left.
     * @return the totals
     */
    public RefundSweepReport confirmRefundsNow() {
        RefundSweepReport all = RefundSweepReport.NONE;
        for (AliPayment payment : this.payments) {
            all = all.plus(confirmRefunds(payment));
        }
        return all;
    }

    private SweepReport sweep(AliPayment payment) {
        SweepReport total = SweepReport.NONE;
        SweepReport batch;
        do {
            batch = payment.sweep(this.batchSize);
            total = total.plus(batch);
        }
        while (batch.overdue() == this.batchSize && batch.failed() < batch.claimed());
        if (total.claimed() > 0) {
            logger.info("Swept {} due orders of {}: {} paid, {} timed out, {} failed (due again at the next sweep; one "
                    + "Alipay reports paid with another amount, an hour later)",
                    total.claimed(), payment.fullName(), total.paid(), total.timedOut(), total.failed());
        }
        return total;
    }

    private RefundSweepReport confirmRefunds(AliPayment payment) {
        RefundSweepReport total = RefundSweepReport.NONE;
        RefundSweepReport batch;
        do {
            batch = payment.sweepRefunds(this.batchSize);
            total = total.plus(batch);
        }
        while (batch.due() == this.batchSize && batch.claimed() > 0);
        if (total.claimed() > 0) {
            logger.info("Confirmed {} processing refunds of {}: {} refunded, {} refused", total.claimed(),
                    payment.fullName(), total.succeeded(), total.failed());
        }
        return total;
    }

    @Override
    void runOnce() {
        sweepNow();
        confirmRefundsNow();
    }
}
