package io.jitpay.alipay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

import com.alipay.api.internal.util.json.ExceptionErrorListener;
import com.alipay.api.internal.util.json.JSONValidatingReader;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real Alipay-signed data from the team's shared {@code alipay-vectors} folder, read at run time, never copied into
 * the repository. Found beside an ancestor of the working directory ({@code ../shared/alipay-vectors} from the
 * project) or at {@code $JITPAY_VECTORS_DIR}; tests using it are skipped with a message where it is absent.
 */
final class AlipayVectors {

    private AlipayVectors() {
    }

    static Path dir() {
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

    static String text(String file) {
        try {
            return Files.readString(dir().resolve(file), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A JSON file of string fields, in file order. */
    static Map<String, String> params(String file) {
        Object parsed = new JSONValidatingReader(new ExceptionErrorListener()).read(text(file));
        Map<String, String> params = new LinkedHashMap<>();
        ((Map<?, ?>) parsed).forEach((name, value) -> params.put((String) name, (String) value));
        return params;
    }
}
