package io.jitpay.alipay.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;

/** Alipay writes every time as {@code yyyy-MM-dd HH:mm:ss} in Beijing time (GMT+8), whatever the caller's zone. */
final class WireTime {

    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
        .withZone(BEIJING);

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(BEIJING);

    private WireTime() {
    }

    /** For example {@code 2026-05-01 14:30:00}. */
    static String format(Instant instant) {
        return TIME.format(instant);
    }

    /**
     * A refund's time in notifications ({@code gmt_refund}), {@code yyyy-MM-dd HH:mm:ss.S} as Java's
     * {@code SimpleDateFormat} writes it: the milliseconds unpadded, so 5 ms is {@code .5} and 50 ms {@code .50}.
     */
    static String withMillis(Instant instant) {
        return TIME.format(instant) + "." + instant.get(ChronoField.MILLI_OF_SECOND);
    }

    /** For example {@code 20260501}, the day that starts a trade number. */
    static String date(Instant instant) {
        return DATE.format(instant);
    }
}
