package io.jitpay.alipay.sandbox;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** {@code application/x-www-form-urlencoded} in a given charset, as the gateway and notifications use it. */
final class Form {

    private Form() {
    }

    /** Decodes {@code a=1&b=2}; the first of repeated names wins. */
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
            String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), charset);
            String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    static String encode(Map<String, String> params, Charset charset) {
        StringBuilder out = new StringBuilder();
        params.forEach((name, value) -> {
            if (value != null) {
                out.append((out.length() > 0) ? "&" : "").append(URLEncoder.encode(name, charset)).append('=')
                    .append(URLEncoder.encode(value, charset));
            }
        });
        return out.toString();
    }

    /**
     * The charset a request names in its {@code charset} parameter (looked up undecoded: the name is ASCII).
     * @return the charset, UTF-8 when none is named, or {@code null} when the name is not a charset
     */
    static @Nullable Charset charsetOf(@Nullable String... raws) {
        for (String raw : raws) {
            if (raw == null) {
                continue;
            }
            for (String pair : raw.split("&")) {
                if (pair.startsWith("charset=")) {
                    String name = URLDecoder.decode(pair.substring("charset=".length()), StandardCharsets.ISO_8859_1);
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
}
