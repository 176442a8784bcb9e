package io.jitpay.alipay;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.jitpay.pay.PayErrorCode;

/**
 * A refund's input, checked once in its constructor; bad input is a {@link PayErrorCode#INVALID_PARAM_ERROR} and
 * nothing is stored or sent.
 *
 * @param amount   yuan, more than 0, at most 2 decimals (never rounded); kept at scale 2
 * @param reason   what the buyer is told: at most 256 characters, without {@code &} or {@code =}; {@code null} for none
 * @param refundId 1 to 64 letters, digits, {@code _} or {@code -}; {@code null} to generate one
 */
record RefundRequest(BigDecimal amount, @Nullable String reason, @Nullable String refundId) {

    private static final int MAX_REASON_LENGTH = 256;

    private static final Pattern FORBIDDEN_IN_REASON = Pattern.compile("[&=\\p{Cntrl}]");

    RefundRequest(@Nullable BigDecimal amount, @Nullable String reason, @Nullable String refundId) {
        this.amount = OrderRequest.checkAmount(amount);
        this.reason = checkReason(reason);
        this.refundId = (refundId == null) ? null : checkRefundId(refundId);
    }

    private static @Nullable String checkReason(@Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        if (reason.length() > MAX_REASON_LENGTH) {
            throw OrderRequest.invalid("reason has " + reason.length() + " characters; at most " + MAX_REASON_LENGTH
                    + " are allowed");
        }
        if (FORBIDDEN_IN_REASON.matcher(reason).find()) {
            throw OrderRequest.invalid("reason contains '&', '=' or control characters, which Alipay does not allow; "
                    + "leave them out");
        }
        return reason;
    }

    private static String checkRefundId(String refundId) {
        try {
            return OrderRequest.checkOrderId(refundId);
        }
        catch (RuntimeException ex) {
            throw OrderRequest.invalid("refundId must be 1 to 64 letters, digits, '_' or '-'");
        }
    }
}
