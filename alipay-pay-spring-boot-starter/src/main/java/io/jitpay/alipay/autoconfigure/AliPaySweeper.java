package io.jitpay.alipay.autoconfigure;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jitpay.alipay.AliPayment;
import io.jitpay.pay.RefundSweepReport;
import io.jitpay.pay.SweepReport;

/**
 * Sweeps the orders of one payment instance that are due for a check ({@link AliPayment#sweep}) and confirms its
 * processing refunds ({@link AliPayment#sweepRefunds}) at a fixed interval, in batches until none is left. Every application instance may run one: orders are claimed before they are handled,
 * so each is handled once.
 *
 * @since 0.1.0
 */
public final class AliPaySweeper extends PeriodicTask {

    private static final Logger logger = LoggerFactory.getLogger(AliPaySweeper.class);

    private final AliPayment payment;

    private final int batchSize;

    /**
     * Creates a sweeper.
     * @param payment   the payment instance whose orders it sweeps
     * @param interval  the time between two sweeps
     * @param batchSize the most orders per batch
     */
    public AliPaySweeper(AliPayment payment, Duration interval, int batchSize) {
        super("jitpay-alipay-sweeper", interval);
        this.payment = payment;
        this.batchSize = Math.max(1, batchSize);
    }

    /**
     * Runs one sweep now: batches until a batch finds fewer due orders than it could take.
     * @return the totals of the sweep
     */
    public SweepReport sweepNow() {
        SweepReport total = SweepReport.NONE;
        SweepReport batch;
        do {
            batch = this.payment.sweep(this.batchSize);
            total = total.plus(batch);
        }
        while (batch.overdue() == this.batchSize && batch.failed() < batch.claimed());
        if (total.claimed() > 0) {
            logger.info("Swept {} due orders of {}: {} paid, {} timed out, {} left for the next sweep",
                    total.claimed(), this.payment.fullName(), total.paid(), total.timedOut(), total.failed());
        }
        return total;
    }

    /**
     * Confirms the due processing refunds now, in batches until none is left.
     * @return the totals
     */
    public RefundSweepReport confirmRefundsNow() {
        RefundSweepReport total = RefundSweepReport.NONE;
        RefundSweepReport batch;
        do {
            batch = this.payment.sweepRefunds(this.batchSize);
            total = total.plus(batch);
        }
        while (batch.due() == this.batchSize && batch.claimed() > 0);
        if (total.claimed() > 0) {
            logger.info("Confirmed {} processing refunds of {}: {} refunded, {} refused", total.claimed(),
                    this.payment.fullName(), total.succeeded(), total.failed());
        }
        return total;
    }

    @Override
    void runOnce() {
        sweepNow();
        confirmRefundsNow();
    }
}
