package io.jitpay.pay;

import org.jspecify.annotations.Nullable;

/**
 * A refund reached {@link RefundStatus#SUCCESS} or {@link RefundStatus#FAILED}. Delivered exactly once per such
 * transition, to the {@link RefundStatusListener}s (and as a Spring event by the starter), inside the transaction that
 * made it: a listener that throws rolls it back. It is never a {@link PayStatusChangedEvent}: a refunded order stays
 * {@link PayStatus#SUCCESS}, and "paid" listeners never fire again.
 *
 * @param refund         the refund after the change; {@code refund.fullName()} names the payment instance
 * @param previousStatus the status before, or {@code null} for a refund Alipay reported that was never requested here
 *                       (made in the merchant console), recorded directly as {@link RefundStatus#SUCCESS}
 * @since 0.1.0
 */
public record RefundStatusChangedEvent(RefundLog refund, @Nullable RefundStatus previousStatus) {

    /**
     * Whether the money went back to the buyer.
     * @return {@code true} for a refund that became {@link RefundStatus#SUCCESS}
     */
    public boolean isRefunded() {
        return this.refund.status() == RefundStatus.SUCCESS;
    }
}
