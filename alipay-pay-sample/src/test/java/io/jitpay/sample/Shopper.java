package io.jitpay.sample;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One browser over real HTTP: its own cookies, so its own session, and a browser's {@code Accept} header, so that
 * errors come as pages. It follows no redirects, so that tests see them, and sends a form only with the fields it is
 * given, so that tests choose whether the CSRF token goes along.
 */
final class Shopper {

    /** The hidden field Thymeleaf adds to every {@code th:action} form, as Spring Security's token. */
    static final Pattern CSRF_FIELD = Pattern.compile("<input type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\"");

    private static final String ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";

    private final String base;

    private final HttpClient http = HttpClient.newBuilder()
        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();

    Shopper(int port) {
        this.base = "http://localhost:" + port;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path)).header("Accept", ACCEPT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path)).header("Accept", ACCEPT).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Posts exactly these fields as a form: no token unless it is among them. */
    HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
        String form = fields.entrySet().stream()
            .map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
            .collect(Collectors.joining("&"));
        return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path))
            .header("Accept", ACCEPT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts the fields with this session's CSRF token, as the shop's own forms do. */
    HttpResponse<String> submit(String path, Map<String, String> fields) throws IOException, InterruptedException {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("_csrf", csrfToken());
        return post(path, withToken);
    }

    /** The token the shop page renders in its form for this session. */
    String csrfToken() throws IOException, InterruptedException {
        Matcher field = CSRF_FIELD.matcher(get("/").body());
        assertThat(field.find()).as("the shop's form carries a CSRF token").isTrue();
        return field.group(1);
    }

    /** Orders something to pay by QR code through the shop's form, and returns the order id. */
    String placeOrder(String subject, String amount) throws IOException, InterruptedException {
        return placeOrder(subject, amount, Map.of());
    }

    /** Orders something to pay by QR code with one of the shop's Alipay apps, and returns the order id. */
    String placeOrder(String subject, String amount, String app) throws IOException, InterruptedException {
        return placeOrder(subject, amount, Map.of("app", app));
    }

    private String placeOrder(String subject, String amount, Map<String, String> more)
            throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>(Map.of("subject", subject, "amount", amount, "payType",
                "PRE_PAY"));
        fields.putAll(more);
        HttpResponse<String> placed = submit("/orders", fields);
        assertThat(placed.statusCode()).as("placing an order redirects to its page").isEqualTo(302);
        String location = placed.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/orders/");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /**
     * Takes an in-store payment at the till with a payment code: creates the order, presents the code and returns the
     * order id, once the shop has redirected to the order's till page.
     */
    String payInStore(String subject, String amount, String code) throws IOException, InterruptedException {
        HttpResponse<String> taken = submit("/in-store", Map.of("subject", subject, "amount", amount, "code", code));
        assertThat(taken.statusCode()).as("taking a payment redirects to the order's till page").isEqualTo(302);
        String location = taken.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/in-store/");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
