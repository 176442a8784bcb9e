package io.jitpay.alipay.sandbox;

import java.math.BigDecimal;

/** What a refund request did to a trade, decided under the trade's lock. */
sealed interface RefundOutcome {

    /**
     * Money went back: a new refund.
     * @param refund the refund
     * @param state  the trade right after it, for the answer and the notification
     */
    record Applied(SandboxRefund refund, Trade.State state) implements RefundOutcome {
    }

    /**
     * The request number of a finished refund came again with the same amount: a retry, and no money moves.
     * @param refund   the refund made the first time
     * @param refunded the trade's refunded total now
     */
    record Repeated(SandboxRefund refund, BigDecimal refunded) implements RefundOutcome {
    }

    /**
     * Refused; nothing changed.
     * @param subCode  why, for example {@code ACQ.REASON_TRADE_REFUND_FEE_ERR}
     * @param refunded the trade's refunded total now
     */
    record Refused(String subCode, BigDecimal refunded) implements RefundOutcome {
    }
}
