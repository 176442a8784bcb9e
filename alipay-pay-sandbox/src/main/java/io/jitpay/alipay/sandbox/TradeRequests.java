package io.jitpay.alipay.sandbox;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The rules every request that creates a trade follows (precreate, the cashier pages, barcode pay): its fields, its
 * terms and expiry, and whether a trade that already exists for its order may serve it.
 */
final class TradeRequests {

    static final Pattern AMOUNT = Pattern.compile("\\d{1,9}(\\.\\d{1,2})?");

    private static final Pattern TIMEOUT_EXPRESS = Pattern.compile("(\\d+)([mhdc])");

    private static final BigDecimal MAX_AMOUNT = new BigDecimal("100000000.00");

    private TradeRequests() {
    }

    /** The first invalid field of a create request, or {@code null} when it is valid. */
    static @Nullable String invalidField(ApiCall call) {
        String orderId = call.field("out_trade_no");
        String subject = call.field("subject");
        String amount = call.field("total_amount");
        if (orderId.isEmpty() || orderId.length() > 64) {
            return "out_trade_no";
        }
        if (subject.isEmpty() || subject.length() > 256) {
            return "subject";
        }
        if (!AMOUNT.matcher(amount).matches()) {
            return "total_amount";
        }
        BigDecimal value = new BigDecimal(amount);
        if (value.signum() <= 0 || value.compareTo(MAX_AMOUNT) > 0) {
            return "total_amount";
        }
        return null;
    }

    /** The terms of a create request that {@link #invalidField} accepted. */
    static TradeTerms terms(ApiCall call, Duration defaultTimeout, @Nullable String returnUrl, Instant now) {
        return new TradeTerms(call.field("out_trade_no"), call.method(), call.field("subject"), amount(call),
                call.charset(), expiry(call, defaultTimeout, now), call.param("notify_url"), returnUrl);
    }

    /** The trade's problem when a create request comes again for it, or {@code null} when it may be reused. */
    static @Nullable String reuse(Trade trade, ApiCall call, Instant now) {
        if (trade.amount.compareTo(amount(call)) != 0 || !trade.subject.equals(call.field("subject"))) {
            return "ACQ.CONTEXT_INCONSISTENT";
        }
        if (Trade.TRADE_SUCCESS.equals(trade.status(now))) {
            return "ACQ.TRADE_HAS_SUCCESS";
        }
        if (!trade.payable(now)) {
            return "ACQ.TRADE_HAS_CLOSE";
        }
        return null;
    }

    private static BigDecimal amount(ApiCall call) {
        return new BigDecimal(call.field("total_amount")).setScale(2);
    }

    /** {@code time_expire} (Beijing time) wins over {@code timeout_express}; an unreadable one gets the default. */
    private static Instant expiry(ApiCall call, Duration defaultTimeout, Instant now) {
        String timeExpire = call.field("time_expire");
        if (!timeExpire.isEmpty()) {
            try {
                return LocalDateTime.parse(timeExpire.replace(' ', 'T')).toInstant(WireTime.BEIJING);
            }
            catch (DateTimeParseException ex) {
                return now.plus(defaultTimeout);
            }
        }
        Matcher matcher = TIMEOUT_EXPRESS.matcher(call.field("timeout_express"));
        if (matcher.matches()) {
            long n = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "m" -> now.plus(Duration.ofMinutes(n));
                case "h" -> now.plus(Duration.ofHours(n));
                default -> now.plus(Duration.ofDays(n));
            };
        }
        return now.plus(defaultTimeout);
    }
}
