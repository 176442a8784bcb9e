package io.jitpay.pay;

/**
 * What one sweep over processing refunds did.
 *
 * @param due       processing refunds due for a check, not held by another sweeper
 * @param claimed   those this sweeper claimed
 * @param succeeded those confirmed refunded
 * @param failed    those Alipay refused for good when sent again
 * @param stuck     refunds processing for longer than the configured limit: for a person to look at
 * @since 0.1.0
 */
public record RefundSweepReport(int due, int claimed, int succeeded, int failed, int stuck) {

    /** Nothing swept yet. */
    public static final RefundSweepReport NONE = new RefundSweepReport(0, 0, 0, 0, 0);

    /**
     * The totals of two sweeps, as of the batches of one round; the stuck count is the latest.
     * @param other the later sweep
     * @return the sums
     */
    public RefundSweepReport plus(RefundSweepReport other) {
        return new RefundSweepReport(this.due + other.due, this.claimed + other.claimed,
                this.succeeded + other.succeeded, this.failed + other.failed, other.stuck);
    }
}
