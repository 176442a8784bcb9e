package io.jitpay.alipay.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import io.jitpay.pay.PayException;

/**
 * A key property's text: the key itself (PEM, or base64 as the Alipay key tool prints it) or, as with Spring Boot's
 * PEM properties, the location of a resource that holds it.
 */
final class KeyText {

    /** Base64 of a 2048-bit RSA key is hundreds of characters; a location never looks like that. */
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\s]{64,}");

    private KeyText() {
    }

    static @Nullable String resolve(@Nullable String value, String field, ResourceLoader resourceLoader) {
        if (value == null || value.isBlank() || value.contains("-----BEGIN") || BASE64.matcher(value).matches()) {
            return value;
        }
        String location = value.trim();
        Resource resource = resourceLoader.getResource(location);
        if (!resource.exists()) {
            throw PayException.config(field, field + " names the resource '" + location + "', which does not exist; "
                    + "put the key's PEM or base64 text there, or a classpath: or file: location of it");
        }
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        catch (IOException ex) {
            throw PayException.config(field, field + " names the resource '" + location + "', which cannot be read ("
                    + ex.getMessage() + "); check its permissions", ex);
        }
    }
}
