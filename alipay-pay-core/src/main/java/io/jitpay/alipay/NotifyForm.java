package io.jitpay.alipay;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The {@code application/x-www-form-urlencoded} codec of Alipay's notifications, the one form codec of the project.
 *
 * <p>A notification names its own charset in its {@code charset} parameter, and Alipay may send GBK whatever the
 * servlet container assumes, so the body is decoded from its bytes with that charset. {@code +} is a space and
 * {@code %2B} a plus, as in any form. A repeated parameter is refused: the signature covers one value per name, and a
 * second one could be read by other code. Only the charsets Alipay uses are accepted (UTF-8, GBK, GB2312, GB18030):
 * another charset could decode into text that cannot be encoded back for the signature check.
 *
 * <pre>
 * Map&lt;String, String&gt; params = NotifyForm.decode(requestBodyBytes);
 * </pre>
 *
 * @since 0.1.0
 */
public final class NotifyForm {

    /** The largest body accepted: real notifications are about 2 KiB. */
    public static final int MAX_BYTES = 64 * 1024;

    /** The charsets Alipay sends notifications in. */
    public static final Set<String> CHARSETS = Set.of("UTF-8", "GBK", "GB2312", "GB18030");

    private NotifyForm() {
    }

    /**
     * Decodes a notification body.
     * @param body the raw bytes of the request body
     * @return the parameters, in the order they came
     * @throws IllegalArgumentException naming the problem: a body over {@value #MAX_BYTES} bytes, a charset Alipay does
     *                                  not use, a malformed escape or a repeated parameter
     */
    public static Map<String, String> decode(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw new IllegalArgumentException("the body has more than " + MAX_BYTES + " bytes");
        }
        String raw = new String(body, StandardCharsets.ISO_8859_1);
        Charset charset = charsetOf(raw);
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decodeComponent((eq < 0) ? pair : pair.substring(0, eq), charset);
            String value = (eq < 0) ? "" : decodeComponent(pair.substring(eq + 1), charset);
            if (params.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("parameter '" + LogSafe.quote(name) + "' is repeated");
            }
        }
        return params;
    }

    /**
     * Rebuilds the parameters from what a servlet container decoded itself, when a filter made it read the body before
     * the endpoint could. The container decoded the bytes with its own charset; the values are turned back into those
     * bytes and decoded again with the charset the form names. That is exact when the container used ISO-8859-1, or
     * the same charset as the form; otherwise the text may differ and the signature then does not verify.
     * @param parameters  the container's parameter map
     * @param decodedWith the charset the container decoded with
     * @return the parameters
     * @throws IllegalArgumentException for a repeated parameter or a charset Alipay does not use
     */
    public static Map<String, String> fromDecoded(Map<String, String[]> parameters, Charset decodedWith) {
        String[] named = parameters.get("charset");
        Charset charset = (named != null && named.length > 0) ? charsetNamed(named[0]) : StandardCharsets.UTF_8;
        Map<String, String> params = new LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            if (values.length > 1) {
                throw new IllegalArgumentException("parameter '" + LogSafe.quote(name) + "' is repeated");
            }
            params.put(recode(name, decodedWith, charset), recode((values.length == 1) ? values[0] : "",
                    decodedWith, charset));
        });
        return params;
    }

    /**
     * Encodes parameters as a form in the charset they name (UTF-8 when they name none or one Java does not know).
     * @param params the parameters
     * @return the form text, ASCII only
     */
    public static String encode(Map<String, String> params) {
        Charset charset;
        try {
            charset = charsetNamed(params.getOrDefault("charset", "UTF-8"));
        }
        catch (IllegalArgumentException ex) {
            charset = StandardCharsets.UTF_8;
        }
        return encode(params, charset);
    }

    /**
     * Encodes parameters as a form in a given charset, whatever charset they name: to send a notification, or a
     * deliberately broken one in a test.
     * @param params  the parameters
     * @param charset the charset of the percent-escapes
     * @return the form text, ASCII only
     */
    public static String encode(Map<String, String> params, Charset charset) {
        StringBuilder form = new StringBuilder(2048);
        for (Map.Entry<String, String> param : params.entrySet()) {
            form.append((form.length() > 0) ? "&" : "").append(URLEncoder.encode(param.getKey(), charset)).append('=')
                .append(URLEncoder.encode((param.getValue() != null) ? param.getValue() : "", charset));
        }
        return form.toString();
    }

    /**
     * The charset a notification names, when it is one Alipay uses.
     * @param name the value of its {@code charset} parameter
     * @return the charset
     * @throws IllegalArgumentException for any other name
     */
    static Charset charsetNamed(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            Charset charset = Charset.forName(name.trim());
            if (CHARSETS.contains(charset.name().toUpperCase(Locale.ROOT))) {
                return charset;
            }
        }
        catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
            // Refused below with the same message as a known charset Alipay does not use.
        }
        throw new IllegalArgumentException("charset '" + LogSafe.quote(name) + "' is not one Alipay uses ("
                + String.join(", ", CHARSETS) + ")");
    }

    private static Charset charsetOf(String raw) {
        for (String pair : raw.split("&")) {
            if (pair.startsWith("charset=")) {
                return charsetNamed(decodeComponent(pair.substring("charset=".length()), StandardCharsets.ISO_8859_1));
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** URL-decodes strictly: bytes that are not valid in the charset are refused, not turned into U+FFFD. */
    private static String decodeComponent(String text, Charset charset) {
        String bytes;
        try {
            bytes = URLDecoder.decode(text, StandardCharsets.ISO_8859_1);
        }
        catch (IllegalArgumentException ex) {
            // The decoder's message quotes the input; the caller's log must not.
            throw new IllegalArgumentException("a parameter has a malformed %-escape");
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.ISO_8859_1))).toString();
        }
        catch (CharacterCodingException ex) {
            throw new IllegalArgumentException("a value is not valid " + charset.name());
        }
    }

    private static String recode(String text, Charset decodedWith, Charset charset) {
        if (decodedWith.equals(charset)) {
            return text;
        }
        try {
            ByteBuffer bytes = decodedWith.newEncoder().onUnmappableCharacter(CodingErrorAction.REPORT)
                .encode(CharBuffer.wrap(text));
            return charset.decode(bytes).toString();
        }
        catch (CharacterCodingException ex) {
            return text;
        }
    }
}
