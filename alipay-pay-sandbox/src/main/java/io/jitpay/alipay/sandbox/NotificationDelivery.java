package io.jitpay.alipay.sandbox;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One attempt of the sandbox to deliver an asynchronous notification.
 *
 * @param orderId     the order ({@code out_trade_no})
 * @param notifyId    the notification's {@code notify_id}, the same for every retry of one event
 * @param tradeStatus the {@code trade_status} it reported
 * @param attempt     1 for the first delivery, then 2 to 8 for Alipay's retries
 * @param sentAt      when it was sent
 * @param httpStatus  the receiver's HTTP status, or 0 when it could not be reached
 * @param response    the receiver's body, or the connection error
 * @param params      the signed parameters that were posted
 * @since 0.1.0
 */
public record NotificationDelivery(String orderId, @Nullable String notifyId, @Nullable String tradeStatus,
        int attempt, Instant sentAt, int httpStatus, @Nullable String response, Map<String, String> params) {

    /**
     * Whether the receiver acknowledged it: HTTP 200 with exactly {@code success}.
     * @return {@code true} when Alipay would stop retrying
     */
    public boolean acknowledged() {
        return this.httpStatus == 200 && "success".equals(this.response);
    }
}
