package io.jitpay.alipay;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/** Money on the wire: yuan as a decimal string with at most 2 decimals. */
final class Amounts {

    private Amounts() {
    }

    /** The amount at scale 2, or {@code null} when the text is missing, not a plain decimal or has more decimals. */
    static @Nullable BigDecimal parse(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text.trim());
            return (value.stripTrailingZeros().scale() <= 2) ? value.setScale(2) : null;
        }
        catch (NumberFormatException | ArithmeticException ex) {
            return null;
        }
    }

    static String format(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }
}
