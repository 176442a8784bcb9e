package io.jitpay.alipay;

import org.jspecify.annotations.Nullable;

/**
 * Text from a request, made safe to log: control characters (a line break would forge a log line) become {@code ?},
 * and long values are cut.
 */
final class LogSafe {

    private static final int MAX_LENGTH = 80;

    private LogSafe() {
    }

    /**
     * The value, safe to put in a log line or a message.
     * @param value text from outside
     * @return the text without control characters, at most 80 characters and an ellipsis
     */
    static String quote(@Nullable String value) {
        if (value == null) {
            return "null";
        }
        int length = Math.min(value.length(), MAX_LENGTH);
        StringBuilder out = new StringBuilder(length + 3);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        return (value.length() > MAX_LENGTH) ? out.append("...").toString() : out.toString();
    }
}
