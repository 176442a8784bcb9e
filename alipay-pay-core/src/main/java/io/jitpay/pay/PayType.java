package io.jitpay.pay;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * How the buyer pays an order.
 *
 * @since 0.1.0
 */
public enum PayType {

    /** Scan a QR code ({@code alipay.trade.precreate}); the link is in {@link PayUrl#payUrl()}. */
    PRE_PAY,

    /** Mobile web cashier ({@code alipay.trade.wap.pay}); the auto-submitting form is in {@link PayUrl#form()}. */
    WAP_PAY;

    /**
     * Reads a pay type by name, ignoring case and surrounding blanks.
     * @param value the name, for example {@code "PRE_PAY"}
     * @return the pay type
     * @throws PayException with {@link PayErrorCode#UNKNOWN_PAY_TYPE} for any other value
     */
    public static PayType of(@Nullable String value) {
        if (value != null) {
            String name = value.trim().toUpperCase(Locale.ROOT);
            for (PayType type : values()) {
                if (type.name().equals(name)) {
                    return type;
                }
            }
        }
        throw new PayException(PayErrorCode.UNKNOWN_PAY_TYPE,
                "Unknown pay type '" + value + "'; use PRE_PAY (QR code) or WAP_PAY (mobile web)");
    }
}
