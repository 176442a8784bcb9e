package io.jitpay.pay;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One received notification, as the journal keeps it for audit and replay.
 *
 * @param id             the journal's id, or 0 before it is stored
 * @param receivedAt     when it arrived
 * @param fullName       the payment instance that handled it, or {@code null} when no instance could
 * @param remoteAddress  who sent it, if known
 * @param orderId        its {@code out_trade_no}, if it had one
 * @param notifyId       its {@code notify_id}, if it had one (Alipay keeps it across retries)
 * @param form           the form as received ({@code application/x-www-form-urlencoded}, signature included: a
 *                       signature is not a key); only its first 1 KiB when the signature did not verify, so that
 *                       nobody can fill the journal with unsigned posts
 * @param signatureValid whether its signature verified
 * @param outcome        what handling it did
 * @param rejection      the check it failed, when rejected
 * @param error          why it was rejected or failed, if it was
 * @since 0.1.0
 */
public record NotifyRecord(long id, Instant receivedAt, @Nullable String fullName, @Nullable String remoteAddress,
        @Nullable String orderId, @Nullable String notifyId, String form, boolean signatureValid,
        NotifyResult.Outcome outcome, NotifyResult.@Nullable Rejection rejection, @Nullable String error) {
}
