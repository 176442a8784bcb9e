package io.jitpay.pay;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The local record of one refund: money sent back to the buyer of a paid order, in full or in part.
 *
 * @param refundId       the refund's id, sent to Alipay as {@code out_request_no}: its idempotency key
 * @param orderId        the order refunded
 * @param fullName       the payment instance that owns the order
 * @param amount         the amount refunded, in yuan, scale 2
 * @param reason         the reason shown to the buyer, or {@code null}
 * @param status         the refund's status
 * @param createdAt      when it was recorded
 * @param updatedAt      when the record last changed
 * @param refundedAt     when Alipay says the money went back ({@code gmt_refund_pay}), once {@link RefundStatus#SUCCESS}
 * @param gatewayCode    Alipay's {@code code} of a refusal, for a {@link RefundStatus#FAILED} refund
 * @param gatewaySubCode Alipay's {@code sub_code} of a refusal
 * @param gatewaySubMsg  Alipay's {@code sub_msg} of a refusal
 * @since 0.1.0
 */
public record RefundLog(String refundId, String orderId, String fullName, BigDecimal amount, @Nullable String reason,
        RefundStatus status, Instant createdAt, Instant updatedAt, @Nullable Instant refundedAt,
        @Nullable String gatewayCode, @Nullable String gatewaySubCode, @Nullable String gatewaySubMsg) {

    /**
     * This refund moved to another status.
     * @param newStatus  the new status
     * @param newRefundedAt when the money went back, or {@code null} to keep the current value
     * @param code       Alipay's code of a refusal, or {@code null}
     * @param subCode    Alipay's sub_code of a refusal, or {@code null}
     * @param subMsg     Alipay's sub_msg of a refusal, or {@code null}
     * @param at         when the change happens
     * @return the changed copy
     */
    public RefundLog withStatus(RefundStatus newStatus, @Nullable Instant newRefundedAt, @Nullable String code,
            @Nullable String subCode, @Nullable String subMsg, Instant at) {
        return new RefundLog(this.refundId, this.orderId, this.fullName, this.amount, this.reason, newStatus,
                this.createdAt, at, (newRefundedAt != null) ? newRefundedAt : this.refundedAt, code, subCode, subMsg);
    }
}
