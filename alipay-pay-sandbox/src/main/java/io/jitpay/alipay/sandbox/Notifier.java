package io.jitpay.alipay.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts signed notifications and retries every one that is not answered with exactly {@code success}, on Alipay's
 * ladder (4m, 10m, 10m, 1h, 2h, 6h, 15h: eight deliveries within 25 hours), scaled for tests.
 */
final class Notifier implements AutoCloseable {

    static final List<Duration> LADDER = List.of(Duration.ofMinutes(4), Duration.ofMinutes(10),
            Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6),
            Duration.ofHours(15));

    private static final Logger logger = LoggerFactory.getLogger(Notifier.class);

    private final double scale;

    private final Clock clock;

    private final HttpClient http;

    private final ScheduledExecutorService scheduler;

    private final List<NotificationDelivery> deliveries = new CopyOnWriteArrayList<>();

    Notifier(double scale, Clock clock) {
        this.scale = scale;
        this.clock = clock;
        this.scheduler = Executors.newScheduledThreadPool(4, (task) -> {
            Thread thread = new Thread(task, "alipay-sandbox-notify");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    }

    /** Delivers a notification now, then again on the ladder until it is acknowledged. */
    void send(String url, String orderId, Map<String, String> params, Charset charset) {
        this.scheduler.execute(() -> attempt(url, orderId, params, charset, 1));
    }

    /** Every attempt so far, oldest first. */
    List<NotificationDelivery> deliveries() {
        return new ArrayList<>(this.deliveries);
    }

    private void attempt(String url, String orderId, Map<String, String> params, Charset charset, int attempt) {
        int status = 0;
        String response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(15))
                // Alipay's own header and agent, as captured from real notifications.
                .header("Content-Type", "application/x-www-form-urlencoded; charset=" + charset.name().toLowerCase(Locale.ROOT))
                .header("User-Agent", "Mozilla/4.0")
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.encode(params, charset), charset))
                .build();
            HttpResponse<String> answer = this.http.send(request, HttpResponse.BodyHandlers.ofString());
            status = answer.statusCode();
            response = answer.body();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return;
        }
        catch (Exception ex) {
            response = ex.toString();
        }
        NotificationDelivery delivery = new NotificationDelivery(orderId, params.get("notify_id"),
                params.get("trade_status"), attempt, this.clock.instant(), status, response, params);
        this.deliveries.add(delivery);
        if (delivery.acknowledged() || attempt > LADDER.size()) {
            return;
        }
        long delayMillis = Math.max(1, (long) (LADDER.get(attempt - 1).toMillis() * this.scale));
        logger.debug("Notification {} for order {} not acknowledged ({} {}); retry {} in {} ms",
                params.get("notify_id"), orderId, status, response, attempt, delayMillis);
        if (!this.scheduler.isShutdown()) {
            this.scheduler.schedule(() -> attempt(url, orderId, params, charset, attempt + 1), delayMillis,
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        this.scheduler.shutdownNow();
    }
}
