package io.jitpay.alipay;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderIdGeneratorTest {

    @Test
    void idIsDThenBeijingTimeThenSixDigits() {
        Clock clock = Clock.fixed(Instant.parse("2024-12-20T08:16:15Z"), ZoneOffset.UTC);
        String id = new OrderIdGenerator(clock).next();
        assertThat(id).hasSize(21).startsWith("D20241220161615").matches("D\\d{20}");
    }

    @Test
    void hundredThousandIdsFromEightThreadsAreAllDistinct() throws Exception {
        OrderIdGenerator generator = new OrderIdGenerator(Clock.systemUTC());
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<String>>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> {
                    List<String> ids = new ArrayList<>(12_500);
                    for (int i = 0; i < 12_500; i++) {
                        ids.add(generator.next());
                    }
                    return ids;
                });
            }
            Set<String> distinct = new HashSet<>();
            int total = 0;
            for (Future<List<String>> result : threads.invokeAll(tasks)) {
                for (String id : result.get()) {
                    assertThat(id).matches("D\\d{20}");
                    distinct.add(id);
                    total++;
                }
            }
            assertThat(total).isEqualTo(100_000);
            assertThat(distinct).hasSize(100_000);
        }
        finally {
            threads.shutdownNow();
        }
    }

    /** Two application instances creating 20,000 orders each within the same second: not one id in common. */
    @Test
    void generatorsOfTwoInstancesNeverCollideWithinOneSecond() {
        Clock frozen = Clock.fixed(Instant.parse("2024-12-20T08:16:15Z"), ZoneOffset.UTC);
        OrderIdGenerator a = new OrderIdGenerator(frozen);
        OrderIdGenerator b = new OrderIdGenerator(frozen);
        assertThat(a.node()).isNotEqualTo(b.node());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(a.next());
            ids.add(b.next());
        }
        assertThat(ids).hasSize(40_000);
    }

    @Test
    void aGeneratorThatMetAnotherInstancesIdMovesToAnotherNode() {
        Clock frozen = Clock.fixed(Instant.parse("2024-12-20T08:16:15Z"), ZoneOffset.UTC);
        OrderIdGenerator generator = new OrderIdGenerator(frozen);
        int before = generator.node();
        String id = generator.next();
        generator.reseed();
        assertThat(generator.node()).isNotEqualTo(before);
        assertThat(generator.next()).startsWith("D20241220161615").isNotEqualTo(id)
            .satisfies((next) -> assertThat(next.substring(15, 17)).isEqualTo("%02d".formatted(generator.node())));
    }

    @Test
    void aSecondThatRunsOutOfDigitsBorrowsTheNextOneInsteadOfRepeating() {
        Clock frozen = Clock.fixed(Instant.parse("2024-12-20T08:16:15Z"), ZoneOffset.UTC);
        OrderIdGenerator generator = new OrderIdGenerator(frozen);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_001; i++) {
            ids.add(generator.next());
        }
        assertThat(ids).hasSize(10_001);
        assertThat(ids).anyMatch((id) -> id.startsWith("D20241220161616"));
    }
}
