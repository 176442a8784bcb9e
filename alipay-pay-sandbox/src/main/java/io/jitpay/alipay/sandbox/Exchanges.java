package io.jitpay.alipay.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

/** Reading and answering JDK HTTP server exchanges. */
final class Exchanges {

    /** The gateway refuses larger requests, as a real gateway would. */
    static final int MAX_BODY = 1 << 20;

    private Exchanges() {
    }

    /** The body as ISO-8859-1 text (form bodies are ASCII once URL-encoded), or {@code null} when it is too large. */
    static @Nullable String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                return null;
            }
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** Answers with a body in the given charset, named in the {@code Content-Type}. */
    static void send(HttpExchange exchange, int status, String contentType, String body, Charset charset)
            throws IOException {
        byte[] bytes = body.getBytes(charset);
        exchange.getResponseHeaders().set("Content-Type", contentType + ";charset=" + charset.name().toLowerCase(
                Locale.ROOT));
        exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Answers with a redirect and no body. */
    static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
