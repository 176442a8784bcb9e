package io.jitpay.pay;

import java.util.Locale;

/**
 * The status of a refund. Stored as its lower-case {@link #code()}.
 *
 * <pre>
 * PROCESSING --Alipay confirms the money went back--&gt; SUCCESS
 * PROCESSING --Alipay refuses it for good--&gt; FAILED --sent again with the same id--&gt; PROCESSING
 * </pre>
 *
 * @since 0.1.0
 */
public enum RefundStatus {

    /** Recorded and sent (or about to be), its outcome not yet known: it counts against the refundable remainder. */
    PROCESSING,

    /** Alipay confirmed that the money went back to the buyer. */
    SUCCESS,

    /** Alipay refused it for good (for example the merchant's balance is too low); nothing moved. */
    FAILED;

    private final String code = name().toLowerCase(Locale.ROOT);

    /**
     * The value stored in the database.
     * @return the lower-case name, for example {@code processing}
     */
    public String code() {
        return this.code;
    }

    /**
     * Reads a stored status.
     * @param code the stored value
     * @return the status
     * @throws IllegalArgumentException if the code is not one of the stored values
     */
    public static RefundStatus fromCode(String code) {
        for (RefundStatus status : values()) {
            if (status.code.equals(code)) {
                return status;
            }
        }
        throw new IllegalArgumentException("Unknown refund status '" + code + "'");
    }
}
