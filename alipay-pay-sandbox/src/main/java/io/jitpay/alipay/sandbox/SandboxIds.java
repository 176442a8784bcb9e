package io.jitpay.alipay.sandbox;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Identifiers shaped like Alipay's: trade numbers, buyer ids, notify ids, console refund numbers, and the tokens of
 * cashier links.
 */
final class SandboxIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Makes tokens unique even if two random parts collided. */
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private SandboxIds() {
    }

    /** 28 digits: the Beijing date, Alipay's {@code 22001} channel, then 15 random digits. */
    static String tradeNo(Instant now) {
        return WireTime.date(now) + "22001" + digits(15);
    }

    /** The unguessable part of a QR code or cashier link. */
    static String token() {
        return "bax" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36) + SEQUENCE.incrementAndGet();
    }

    /** A buyer's {@code 2088…} user id. */
    static String buyerId() {
        return "2088" + digits(12);
    }

    /**
     * The request number "Alipay" gives a refund made in its merchant console, where nobody named one: {@code HZ},
     * the Beijing date, then 12 random digits.
     */
    static String consoleRefundNo(Instant now) {
        return "HZ" + WireTime.date(now) + digits(12);
    }

    /** A notification's {@code notify_id}. */
    static String notifyId() {
        return digits(34);
    }

    private static String digits(int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return out.toString();
    }
}
