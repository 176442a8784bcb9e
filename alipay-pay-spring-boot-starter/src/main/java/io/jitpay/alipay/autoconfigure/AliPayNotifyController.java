package io.jitpay.alipay.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import io.jitpay.alipay.AliPayment;
import io.jitpay.pay.NotifyResult;

/**
 * Receives Alipay's asynchronous notifications: {@code POST} of a form whose bytes are decoded with the charset the
 * form itself names in its {@code charset} parameter (Alipay may send GBK, whatever the servlet container assumes),
 * handed to {@link AliPayment#notify}, and answered {@code text/plain} with exactly {@code success} or
 * {@code failure}. Bodies over 64 KiB, other content types, malformed encodings and repeated parameters are refused
 * with a 4xx status and {@code failure}.
 */
public final class AliPayNotifyController {

    /** The largest body accepted; real notifications are about 2 KiB. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger logger = LoggerFactory.getLogger(AliPayNotifyController.class);

    private final AliPayment payment;

    /**
     * Creates the endpoint for one payment instance.
     * @param payment the instance the notifications are for
     */
    public AliPayNotifyController(AliPayment payment) {
        this.payment = payment;
    }

    /**
     * Handles one notification request.
     * @param request the request
     * @return {@code success} or {@code failure}, as text
     * @throws IOException when the body cannot be read
     */
    public ServerResponse handle(ServerRequest request) throws IOException {
        HttpServletRequest servlet = request.servletRequest();
        MediaType type = request.headers().contentType().orElse(null);
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)) {
            return refuse(HttpStatus.UNSUPPORTED_MEDIA_TYPE, servlet, "content type " + type);
        }
        if (servlet.getContentLengthLong() > MAX_BODY_BYTES) {
            return refuse(HttpStatusCode.valueOf(413), servlet, servlet.getContentLengthLong() + " bytes");
        }
        byte[] body;
        try (InputStream in = servlet.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            return refuse(HttpStatusCode.valueOf(413), servlet, "more than " + MAX_BODY_BYTES + " bytes");
        }
        Map<String, String> params;
        try {
            params = decode(body);
        }
        catch (IllegalArgumentException ex) {
            return refuse(HttpStatus.BAD_REQUEST, servlet, ex.getMessage());
        }
        NotifyResult result = this.payment.notify(params, servlet.getRemoteAddr());
        return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).body(result.body());
    }

    /**
     * A 405 for anything but {@code POST}.
     * @param request the request
     * @return {@code failure}, with the {@code Allow} header
     */
    public ServerResponse methodNotAllowed(ServerRequest request) {
        return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).header("Allow", "POST")
            .contentType(MediaType.TEXT_PLAIN).body(NotifyResult.FAILURE);
    }

    /**
     * Decodes an {@code application/x-www-form-urlencoded} body with the charset named by its own {@code charset}
     * parameter (UTF-8 when it names none).
     * @param body the raw bytes
     * @return the parameters, in order
     * @throws IllegalArgumentException for an unknown charset, a malformed escape or a repeated parameter
     */
    public static Map<String, String> decode(byte[] body) {
        String raw = new String(body, StandardCharsets.ISO_8859_1);
        Charset charset = charsetOf(raw);
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), charset);
            String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
            if (params.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("parameter '" + name + "' is repeated");
            }
        }
        return params;
    }

    private static Charset charsetOf(String raw) {
        for (String pair : raw.split("&")) {
            if (pair.startsWith("charset=")) {
                String name = URLDecoder.decode(pair.substring("charset=".length()), StandardCharsets.ISO_8859_1);
                try {
                    return Charset.forName(name.trim());
                }
                catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
                    throw new IllegalArgumentException("charset '" + name + "' is not supported");
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static ServerResponse refuse(HttpStatusCode status, HttpServletRequest request, String reason) {
        logger.warn("Refused an Alipay notification request from {}: {}", request.getRemoteAddr(), reason);
        return ServerResponse.status(status).contentType(MediaType.TEXT_PLAIN).body(NotifyResult.FAILURE);
    }
}
