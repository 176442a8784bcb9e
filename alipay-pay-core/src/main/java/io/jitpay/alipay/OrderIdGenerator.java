package io.jitpay.alipay;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Order ids in the seed's format, {@code D} + {@code yyyyMMddHHmmss} (Beijing time) + 6 digits, distinct across
 * instances: the 6 digits are a 2-digit node of this generator and a 4-digit count within the second.
 *
 * <p>Generators in one JVM take distinct nodes; a JVM starts at a random node, so two application instances share one
 * with a chance of 1 in 100. When they do and an id is taken (the store's unique key says so), {@link #reseed} moves
 * this generator to another node. The count starts at a random point in the second's first half, and a second that runs
 * out of counts borrows the next one, so ids stay distinct within the JVM at any rate.
 */
final class OrderIdGenerator {

    private static final int NODES = 100;

    private static final long PER_SECOND = 10_000L;

    /** The next node handed out in this JVM; a random start keeps two JVMs apart. */
    private static final AtomicInteger nextNode = new AtomicInteger(ThreadLocalRandom.current().nextInt(NODES));

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
        .withZone(BeijingTime.OFFSET);

    private final Clock clock;

    /** The last id handed out, as {@code epochSecond * 10_000 + count}. */
    private final AtomicLong last = new AtomicLong();

    private volatile int node;

    /** The formatted time of the last second used, as the letter + yyyyMMddHHmmss; formatting is the costly part. */
    private volatile Prefix prefix = new Prefix(-1, "");

    private final String letter;

    /** Order ids: {@code D...}. */
    OrderIdGenerator(Clock clock) {
        this(clock, "D");
    }

    /**
     * Ids that start with a given letter: {@code D} for orders, {@code R} for refunds.
     */
    OrderIdGenerator(Clock clock, String letter) {
        this.clock = clock;
        this.letter = letter;
        this.node = Math.floorMod(nextNode.getAndIncrement(), NODES);
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
            current = new Prefix(idSecond, this.letter + SECOND.format(Instant.ofEpochSecond(idSecond)));
            this.prefix = current;
        }
        int count = (int) (id % PER_SECOND);
        int nodeNow = this.node;
        char[] digits = { (char) ('0' + nodeNow / 10), (char) ('0' + nodeNow % 10), (char) ('0' + count / 1000),
            (char) ('0' + count / 100 % 10), (char) ('0' + count / 10 % 10), (char) ('0' + count % 10) };
        return new StringBuilder(21).append(current.text()).append(digits).toString();
    }

    /** Another instance generates with this node: take another, at random so that the two part ways. */
    void reseed() {
        this.node = Math.floorMod(this.node + 1 + ThreadLocalRandom.current().nextInt(NODES - 1), NODES);
    }

    int node() {
        return this.node;
    }

    private record Prefix(long second, String text) {
    }
}
