package io.jitpay.alipay;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/** Alipay's wire times: {@code yyyy-MM-dd HH:mm:ss} in Beijing time (GMT+8, as the SDK sets it). */
final class BeijingTime {

    static final ZoneOffset OFFSET = ZoneOffset.ofHours(8);

    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private BeijingTime() {
    }

    static String format(Instant instant) {
        return WIRE.format(instant.atOffset(OFFSET));
    }

    /** Parses a wire time; fractions of a second (as in {@code gmt_refund}) are accepted. */
    static @Nullable Instant parse(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        int dot = value.indexOf('.');
        try {
            LocalDateTime time = LocalDateTime.parse((dot > 0) ? value.substring(0, dot) : value, WIRE);
            return time.toInstant(OFFSET);
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }
}
