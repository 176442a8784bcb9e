package io.jitpay.pay;

/**
 * An order changed status. Delivered exactly once per real transition, to the {@link PayStatusListener}s, inside the
 * transaction that made the change: a listener that throws rolls the change back.
 *
 * @param payLog         the order after the change
 * @param previousStatus the status before the change
 * @since 0.1.0
 */
public record PayStatusChangedEvent(PayLog payLog, PayStatus previousStatus) {

    /**
     * The order's new status.
     * @return {@code payLog().status()}
     */
    public PayStatus status() {
        return this.payLog.status();
    }

    /**
     * Whether this change records a payment.
     * @return {@code true} when the order became {@link PayStatus#SUCCESS}
     */
    public boolean isPaid() {
        return this.payLog.status() == PayStatus.SUCCESS;
    }
}
