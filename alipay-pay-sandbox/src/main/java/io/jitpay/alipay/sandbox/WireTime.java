package io.jitpay.alipay.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

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

    /** For example {@code 20260501}, the day that starts a trade number. */
    static String date(Instant instant) {
        return DATE.format(instant);
    }
}
