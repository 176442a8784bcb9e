package io.jitpay.alipay;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The status of a trade as Alipay reports it ({@code trade_status}).
 *
 * @since 0.1.0
 */
public enum AliPayStatus {

    /** The buyer opened the trade (scanned the QR code or logged in at the cashier) and has not paid yet. */
    WAIT_BUYER_PAY(0),

    /** Paid; refunds are still possible. */
    TRADE_SUCCESS(1),

    /** Closed unpaid (timeout or close), or fully refunded. */
    TRADE_CLOSED(2),

    /** Paid, and the refund period is over (or the product does not allow refunds). */
    TRADE_FINISHED(2);

    private final int stage;

    AliPayStatus(int stage) {
        this.stage = stage;
    }

    /**
     * Whether the buyer's money has been received.
     * @return {@code true} for {@link #TRADE_SUCCESS} and {@link #TRADE_FINISHED}
     */
    public boolean isPaid() {
        return this == TRADE_SUCCESS || this == TRADE_FINISHED;
    }

    /** How far along the trade's life this status is: a trade never goes back to an earlier stage. */
    int stage() {
        return this.stage;
    }

    /**
     * Reads a {@code trade_status} value.
     * @param value the value from Alipay
     * @return the status, or empty for a missing or unknown value
     */
    public static Optional<AliPayStatus> find(@Nullable String value) {
        if (value != null) {
            for (AliPayStatus status : values()) {
                if (status.name().equals(value)) {
                    return Optional.of(status);
                }
            }
        }
        return Optional.empty();
    }
}
