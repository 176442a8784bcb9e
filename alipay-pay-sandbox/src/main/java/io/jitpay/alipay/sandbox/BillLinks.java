package io.jitpay.alipay.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.jspecify.annotations.Nullable;

/**
 * The {@code bill_download_url} links and what they serve: {@code /downloadBillFile.resource} with the query Alipay's
 * links carry ({@code bizType}, {@code userId}, {@code fileType}, {@code bizDates}, {@code downloadFileName},
 * {@code fileId}, {@code timestamp}, {@code token}). A link serves its zip for 30 seconds by the sandbox's clock, as
 * Alipay's documentation says of its links; after that, or for an unknown token, it answers 404.
 */
final class BillLinks implements HttpHandler {

    static final String PATH = "/downloadBillFile.resource";

    /** "获取连接后30秒后未下载，链接地址失效": the link is void 30 seconds after it was handed out. */
    static final Duration LIFETIME = Duration.ofSeconds(30);

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final Clock clock;

    private final String baseUrl;

    private final Map<String, Link> links = new ConcurrentHashMap<>();

    BillLinks(Clock clock, String baseUrl) {
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** Hands out a link to a zip, valid for {@link #LIFETIME} from now. */
    String issue(String account, LocalDate day, byte[] zip) {
        Instant now = this.clock.instant();
        this.links.values().removeIf((link) -> !now.isBefore(link.expiresAt()));
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        String fileName = BillFiles.baseName(account, day) + ".csv.zip";
        this.links.put(token, new Link(fileName, zip, now.plus(LIFETIME)));
        String date = DAY.format(day);
        return this.baseUrl + PATH + "?bizType=trade&userId=" + account + "&fileType=csv.zip&bizDates=" + date
                + "&downloadFileName=" + fileName + "&fileId=%2Ftrade%2F" + account + "%2F" + date + ".csv.zip"
                + "&timestamp=" + now.getEpochSecond() + "&token=" + token;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                Exchanges.send(exchange, 405, "text/plain", "Method Not Allowed", StandardCharsets.UTF_8);
                return;
            }
            Link link = this.links.get(token(exchange.getRequestURI().getRawQuery()));
            if (link == null || !this.clock.instant().isBefore(link.expiresAt())) {
                Exchanges.send(exchange, 404, "text/plain", "The bill download link is unknown or expired: links "
                        + "live 30 seconds", StandardCharsets.UTF_8);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=" + link.fileName());
            exchange.sendResponseHeaders(200, link.zip().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(link.zip());
            }
        }
    }

    private static String token(@Nullable String query) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("token=")) {
                    return pair.substring("token=".length());
                }
            }
        }
        return "";
    }

    /**
     * A link handed out.
     * @param fileName  the zip's name, {@code <account>_<yyyyMMdd>.csv.zip}
     * @param zip       the bill
     * @param expiresAt when the link stops serving it
     */
    private record Link(String fileName, byte[] zip, Instant expiresAt) {
    }
}
