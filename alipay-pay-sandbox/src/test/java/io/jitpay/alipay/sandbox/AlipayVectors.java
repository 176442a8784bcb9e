package io.jitpay.alipay.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real Alipay-signed data from the team's shared {@code alipay-vectors} folder, read at run time, never copied into
 * the repository: {@code ../shared/alipay-vectors} beside an ancestor of the working directory, or
 * {@code $JITPAY_VECTORS_DIR}. Tests using it are skipped with a message where it is absent.
 */
final class AlipayVectors {

    private static final Pattern FIELD = Pattern.compile("\"([a-z_]+)\":");

    private AlipayVectors() {
    }

    static String text(String file) {
        try {
            return Files.readString(dir().resolve(file), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The field names of a flat response document, root and {@code sign} included, in the order they appear. */
    static List<String> fieldsInOrder(String json) {
        List<String> names = new ArrayList<>();
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Path dir() {
        String configured = System.getenv("JITPAY_VECTORS_DIR");
        if (configured != null && Files.isDirectory(Paths.get(configured))) {
            return Paths.get(configured);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("alipay-vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "Skipped: the alipay-vectors folder (../shared/alipay-vectors) is not on this machine; "
                + "set JITPAY_VECTORS_DIR to run these tests");
        throw new IllegalStateException("unreachable");
    }
}
