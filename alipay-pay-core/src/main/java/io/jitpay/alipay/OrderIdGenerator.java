package io.jitpay.alipay;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Order ids {@code D} + {@code yyyyMMddHHmmss} (Beijing time) + 6 digits, distinct within the JVM at any rate: the
 * digits count up within a second from a random start (so that instances rarely collide; the store's unique
 * constraint and a retry handle the rest), and a second that runs out of digits borrows the next one.
 */
final class OrderIdGenerator {

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
        .withZone(BeijingTime.OFFSET);

    private static final long PER_SECOND = 1_000_000L;

    private final Clock clock;

    /** The last id handed out, as {@code epochSecond * 1_000_000 + sequence}. */
    private final AtomicLong last = new AtomicLong();

    /** The formatted time of the last second used, as "D" + yyyyMMddHHmmss; formatting is the costly part. */
    private volatile Prefix prefix = new Prefix(-1, "");

    OrderIdGenerator(Clock clock) {
        this.clock = clock;
    }

    String next() {
        long second = this.clock.instant().getEpochSecond();
        long id = this.last.updateAndGet((previous) -> {
            if (previous / PER_SECOND >= second) {
                return previous + 1;
            }
            return second * PER_SECOND + ThreadLocalRandom.current().nextLong(PER_SECOND / 2);
        });
        long idSecond = id / PER_SECOND;
        Prefix current = this.prefix;
        if (current.second() != idSecond) {
            current = new Prefix(idSecond, "D" + SECOND.format(Instant.ofEpochSecond(idSecond)));
            this.prefix = current;
        }
        String digits = Long.toString(id % PER_SECOND);
        return new StringBuilder(21).append(current.text()).append("000000", 0, 6 - digits.length()).append(digits)
            .toString();
    }

    private record Prefix(long second, String text) {
    }
}
