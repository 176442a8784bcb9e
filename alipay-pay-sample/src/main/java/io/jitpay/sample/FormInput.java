package io.jitpay.sample;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;

/** What the shop's forms send, read as the payment API wants it, with errors a shopper or cashier can act on. */
final class FormInput {

    /** A buyer's Alipay payment code: 16 to 24 digits (Alipay's start with 25 to 30). */
    private static final Pattern PAYMENT_CODE = Pattern.compile("\\d{16,24}");

    /** What people and scanners put between the digits of a code: spaces and dashes. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");

    private FormInput() {
    }

    /**
     * An amount in yuan as typed. Its scale is left as typed: the core refuses more than 2 decimals rather than round.
     * @throws PayException {@link PayErrorCode#INVALID_PARAM_ERROR} when it is not a number
     */
    static BigDecimal amount(@Nullable String amount) {
        try {
            return new BigDecimal((amount != null) ? amount.trim() : "");
        }
        catch (NumberFormatException ex) {
            throw new PayException(PayErrorCode.INVALID_PARAM_ERROR, "amount '" + amount + "' is not a number; "
                    + "enter yuan such as 9.90");
        }
    }

    /**
     * The buyer's payment code as typed or scanned, without separators. The message never repeats the code: it pays.
     * @throws PayException {@link PayErrorCode#INVALID_PARAM_ERROR} when it is not 16 to 24 digits
     */
    static String paymentCode(@Nullable String code) {
        String digits = SEPARATORS.matcher((code != null) ? code : "").replaceAll("");
        if (!PAYMENT_CODE.matcher(digits).matches()) {
            throw new PayException(PayErrorCode.INVALID_PARAM_ERROR, "the payment code must be the 16 to 24 digits "
                    + "under the barcode in the buyer's Alipay (got " + digits.length() + " characters); scan it "
                    + "again or type it");
        }
        return digits;
    }
}
