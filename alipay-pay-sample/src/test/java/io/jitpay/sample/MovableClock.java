package io.jitpay.sample;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs like the system's from a time a test moves it to: the sandbox's clock, so that a day's bill can be
 * ready (from 09:00 Beijing time the next day) while the shop itself keeps the real time.
 */
final class MovableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    /** Moves the clock to an instant, from which it runs on. */
    void moveTo(Instant instant) {
        this.offset = Duration.between(Instant.now(), instant);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(this.offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The sandbox reads instants only");
    }
}
