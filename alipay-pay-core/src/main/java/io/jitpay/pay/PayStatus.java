package io.jitpay.pay;

import java.util.Locale;

/**
 * The local status of an order. Stored as its lower-case {@link #code()}.
 *
 * <pre>
 * WAIT --paid--&gt; SUCCESS
 * WAIT --closed or cancelled--&gt; CLOSE
 * WAIT --past the order timeout--&gt; TIMEOUT
 * CLOSE/TIMEOUT --Alipay later reports a payment--&gt; SUCCESS   (money is never ignored)
 * </pre>
 *
 * @since 0.1.0
 */
public enum PayStatus {

    /** Created and waiting for the buyer to pay. */
    WAIT,

    /** Paid: Alipay reported {@code TRADE_SUCCESS} or {@code TRADE_FINISHED}. */
    SUCCESS,

    /** Closed by a cancel or by Alipay before any payment. */
    CLOSE,

    /** Not paid within the order timeout and closed by the sweeper. */
    TIMEOUT;

    private final String code = name().toLowerCase(Locale.ROOT);

    /**
     * The value stored in the database.
     * @return the lower-case name, for example {@code wait}
     */
    public String code() {
        return this.code;
    }

    /**
     * Whether an order in this status can still be paid through a new payment link.
     * @return {@code true} only for {@link #WAIT}
     */
    public boolean isPayable() {
        return this == WAIT;
    }

    /**
     * Reads a stored status.
     * @param code the stored value, for example {@code success}
     * @return the status
     * @throws IllegalArgumentException if the code is not one of the stored values
     */
    public static PayStatus fromCode(String code) {
        for (PayStatus status : values()) {
            if (status.code.equals(code)) {
                return status;
            }
        }
        throw new IllegalArgumentException("Unknown pay status '" + code + "'");
    }
}
