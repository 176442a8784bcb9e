package io.jitpay.pay;

/**
 * What one sweep over overdue orders did.
 *
 * @param overdue  waiting orders found past their timeout and not held by another sweeper
 * @param claimed  those this sweeper claimed (the rest another instance claimed first)
 * @param paid     claimed orders that turned out paid and are now {@link PayStatus#SUCCESS}
 * @param timedOut claimed orders closed at the provider and now {@link PayStatus#TIMEOUT}
 * @param failed   claimed orders left waiting for the next round because the provider or the database failed
 * @since 0.1.0
 */
public record SweepReport(int overdue, int claimed, int paid, int timedOut, int failed) {

    /** Nothing swept yet. */
    public static final SweepReport NONE = new SweepReport(0, 0, 0, 0, 0);

    /**
     * The totals of two sweeps, as of the batches of one round.
     * @param other the other sweep
     * @return the sums
     */
    public SweepReport plus(SweepReport other) {
        return new SweepReport(this.overdue + other.overdue, this.claimed + other.claimed, this.paid + other.paid,
                this.timedOut + other.timedOut, this.failed + other.failed);
    }
}
