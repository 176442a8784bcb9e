package io.jitpay.alipay.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.alipay.api.internal.util.WebUtils;
import org.jspecify.annotations.Nullable;

/**
 * {@code application/x-www-form-urlencoded} in a given charset, with the official SDK's own encoder and decoder
 * ({@link WebUtils#buildQuery}, {@link WebUtils#decode(String, String)}), so the sandbox writes and reads forms as the
 * SDK does. Only the splitting is ours: the SDK's {@code splitUrlQuery} lets the last of repeated names win and drops
 * names without {@code =}.
 */
final class FormEncoding {

    private FormEncoding() {
    }

    /**
     * Decodes {@code a=1&b=2}; the first of repeated names wins, as the gateway reads a request.
     * @throws IllegalArgumentException on a malformed {@code %} escape
     */
    static Map<String, String> parse(@Nullable String raw, Charset charset) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode((eq < 0) ? pair : pair.substring(0, eq), charset);
            String value = (eq < 0) ? "" : decode(pair.substring(eq + 1), charset);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    /** Encodes the values (names are ASCII protocol names); the SDK's encoder leaves out empty values. */
    static String encode(Map<String, String> params, Charset charset) {
        try {
            String query = WebUtils.buildQuery(params, charset.name());
            return (query != null) ? query : "";
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot encode a form in " + charset, ex);
        }
    }

    /**
     * The charset a request names in its {@code charset} parameter, looked up before decoding anything because the
     * rest of the request is decoded with it (the name itself is ASCII).
     * @return the charset, UTF-8 when none is named, or {@code null} when the name is not a charset
     */
    static @Nullable Charset charsetOf(@Nullable String... raws) {
        for (String raw : raws) {
            if (raw == null) {
                continue;
            }
            for (String pair : raw.split("&")) {
                if (pair.startsWith("charset=")) {
                    String name = decode(pair.substring("charset=".length()), StandardCharsets.ISO_8859_1);
                    try {
                        return Charset.forName(name.trim());
                    }
                    catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
                        return null;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** The SDK answers {@code null} for an empty text; a form's empty name or value is {@code ""}. */
    private static String decode(String text, Charset charset) {
        String decoded = WebUtils.decode(text, charset.name());
        return (decoded != null) ? decoded : "";
    }
}
