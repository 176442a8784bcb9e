package io.jitpay.alipay;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;

/**
 * A new order's input, checked once in its constructor: a value that exists is valid. Bad input is a
 * {@link PayErrorCode#INVALID_PARAM_ERROR} that names the field and the rule, and nothing is stored.
 *
 * @param subject the title the buyer sees: not blank, at most 256 characters, no control characters, and none of
 *                {@code & = /}, which Alipay forbids in a subject (they would also blur the boundaries of the signed
 *                {@code k=v&k=v} text)
 * @param amount  yuan, more than 0, at most 2 decimals (never rounded), at most 100000000.00; kept at scale 2
 * @param orderId 1 to 64 letters, digits, {@code _} or {@code -}; {@code null} to generate one
 */
record OrderRequest(String subject, BigDecimal amount, @Nullable String orderId) {

    /** The largest amount of one order, in yuan. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("100000000.00");

    /** The longest subject, in characters. */
    static final int MAX_SUBJECT_LENGTH = 256;

    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final String FORBIDDEN_IN_SUBJECT = "&=/";

    OrderRequest(@Nullable String subject, @Nullable BigDecimal amount, @Nullable String orderId) {
        this.subject = checkSubject(subject);
        this.amount = checkAmount(amount);
        this.orderId = (orderId == null || orderId.isBlank()) ? null : checkOrderId(orderId);
    }

    private static String checkSubject(@Nullable String subject) {
        if (subject == null || subject.isBlank()) {
            throw invalid("subject is empty; give the order a title the buyer will see");
        }
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            throw invalid("subject has " + subject.length() + " characters; at most " + MAX_SUBJECT_LENGTH
                    + " are allowed");
        }
        if (subject.chars().anyMatch(Character::isISOControl)) {
            throw invalid("subject contains control characters; use plain text");
        }
        if (subject.chars().anyMatch((c) -> FORBIDDEN_IN_SUBJECT.indexOf(c) >= 0)) {
            throw invalid("subject contains '&', '=' or '/', which Alipay does not allow in a subject; leave them out");
        }
        return subject;
    }

    static BigDecimal checkAmount(@Nullable BigDecimal amount) {
        if (amount == null) {
            throw invalid("amount is missing; give the amount in yuan, for example 9.90");
        }
        if (amount.signum() <= 0) {
            throw invalid("amount " + amount.toPlainString() + " must be greater than 0");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw invalid("amount " + amount.toPlainString() + " has more than 2 decimals; amounts are in yuan "
                    + "with at most 2 decimals (fen)");
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            throw invalid("amount " + amount.toPlainString() + " exceeds the maximum of " + MAX_AMOUNT);
        }
        return amount.setScale(2);
    }

    static String checkOrderId(String orderId) {
        if (!ORDER_ID.matcher(orderId).matches()) {
            throw invalid("orderId must be 1 to 64 letters, digits, '_' or '-' (got " + orderId.length()
                    + " characters" + ((orderId.length() <= 64) ? ", some not allowed" : "") + ")");
        }
        return orderId;
    }

    static PayException invalid(String message) {
        return new PayException(PayErrorCode.INVALID_PARAM_ERROR, message);
    }
}
