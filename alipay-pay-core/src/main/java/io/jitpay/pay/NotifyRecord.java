package io.jitpay.pay;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One received notification, as the journal keeps it for audit and replay.
 *
 * @param id             the journal's id, or 0 before it is stored
 * @param receivedAt     when it arrived
 * @param remoteAddress  who sent it, if known
 * @param orderId        its {@code out_trade_no}, if it had one
 * @param notifyId       its {@code notify_id}, if it had one (Alipay keeps it across retries)
 * @param params         its parameters as received, signature included (a signature is not a key)
 * @param signatureValid whether its signature verified
 * @param outcome        what handling it did
 * @param error          why it was rejected or failed, if it was
 */
public record NotifyRecord(long id, Instant receivedAt, @Nullable String remoteAddress, @Nullable String orderId,
        @Nullable String notifyId, Map<String, String> params, boolean signatureValid, NotifyResult.Outcome outcome,
        @Nullable String error) {
}
