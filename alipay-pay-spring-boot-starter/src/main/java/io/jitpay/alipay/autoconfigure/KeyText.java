package io.jitpay.alipay.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import io.jitpay.pay.PayException;

/**
 * A key or certificate property's text: the key itself (PEM, or base64 as the Alipay key tool prints it) or, as with
 * Spring Boot's PEM properties, the location of a resource that holds it. A value is a location only when it starts
 * with a resource scheme ({@code classpath:}, {@code file:}, ...): everything else goes to the key parser, whose errors
 * never repeat the key. So a key pasted with quotes, literal {@code \n} line breaks or a stray character is never
 * printed as "the resource that does not exist".
 */
final class KeyText {

    /** Base64 and PEM have no ':' outside PEM headers, so a key never starts with one of these. */
    private static final Set<String> SCHEMES = Set.of("classpath", "classpath*", "file", "http", "https", "jar",
            "url");

    private KeyText() {
    }

    static @Nullable String resolve(@Nullable String value, String field, ResourceLoader resourceLoader) {
        if (value == null || !isLocation(value)) {
            return value;
        }
        String location = value.trim();
        Resource resource = resourceLoader.getResource(location);
        if (!resource.exists()) {
            throw PayException.config(field, "names the resource '" + location + "', which does not exist",
                    "put the PEM or base64 text there, or a classpath: or file: location of it");
        }
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        catch (IOException ex) {
            throw PayException.config(field, "names the resource '" + location + "', which cannot be read ("
                    + ex.getClass().getSimpleName() + ")", "check that the file exists and may be read", ex);
        }
    }

    static boolean isLocation(String value) {
        String text = value.trim();
        int colon = text.indexOf(':');
        return colon > 0 && SCHEMES.contains(text.substring(0, colon).toLowerCase(Locale.ROOT));
    }
}
