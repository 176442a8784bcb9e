package io.jitpay.alipay.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import io.jitpay.alipay.AliPayNotifyRouter;
import io.jitpay.alipay.NotifyForm;
import io.jitpay.alipay.NotifyRequest;
import io.jitpay.pay.NotifyResult;

/**
 * Receives Alipay's asynchronous notifications for every payment instance: {@code POST} of a form, handed as raw bytes
 * to the instance that owns the order ({@link AliPayNotifyRouter}), or to the one the path names
 * ({@code {path}/{name}}); that instance checks the content type and size, decodes the form with the charset the form
 * itself names, verifies it with its own key, applies and journals it. The answer is {@code text/plain}, exactly {@code success}
 * or {@code failure}, with a 4xx status for a request that is not a notification form.
 *
 * <p>A filter or interceptor that calls {@code request.getParameter(...)} before this endpoint makes the servlet
 * container consume the body; the endpoint then rebuilds the form from the container's parameter map, decoded again
 * with the form's own charset, and when even that is empty the journal says "empty body", not "bad signature".
 *
 * @since 0.1.0
 */
public final class AliPayNotifyEndpoint {

    /** {@code success} and {@code failure} are ASCII, the same bytes in every charset. */
    private static final String PLAIN_TEXT = "text/plain;charset=UTF-8";

    private final AliPayNotifyRouter router;

    /**
     * Creates the endpoint.
     * @param router finds the instance each notification is for
     */
    public AliPayNotifyEndpoint(AliPayNotifyRouter router) {
        this.router = router;
    }

    /**
     * Handles one notification request, routed by its order, or by the {@code name} path variable when there is one.
     * @param request the request
     * @return {@code success} or {@code failure}, as text; {@code 404} for a name that is no payment instance
     * @throws IOException when the body cannot be read
     */
    public ServerResponse handle(ServerRequest request) throws IOException {
        HttpServletRequest servlet = request.servletRequest();
        byte[] body;
        try (InputStream in = servlet.getInputStream()) {
            body = in.readNBytes(NotifyForm.MAX_BYTES + 1);
        }
        // The raw header: a malformed one is the core's to refuse (415), not the framework's to throw on (500).
        NotifyRequest notification = NotifyRequest.of(servlet.getHeader("Content-Type"), body,
                servlet.getRemoteAddr());
        if (body.length == 0) {
            Map<String, String[]> parameters = servlet.getParameterMap();
            notification = notification.withDecodedParameters(parameters, charsetOf(servlet));
        }
        String name = request.pathVariables().get("name");
        NotifyResult result;
        if (name != null) {
            Optional<NotifyResult> named = this.router.notify(name, notification);
            if (named.isEmpty()) {
                return text(ServerResponse.status(HttpStatus.NOT_FOUND), NotifyResult.FAILURE);
            }
            result = named.get();
        }
        else {
            result = this.router.notify(notification);
        }
        return text(ServerResponse.status(result.httpStatus()), result.body());
    }

    /**
     * A 405 for anything but {@code POST}.
     * @param request the request
     * @return {@code failure}, with the {@code Allow} header
     */
    public ServerResponse methodNotAllowed(ServerRequest request) {
        return text(ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).header("Allow", "POST"),
                NotifyResult.FAILURE);
    }

    /**
     * The answer as plain text, written straight to the servlet response: Alipay reads only the word, so it skips
     * the message converters' content negotiation, which cost as much as a tenth of the endpoint's time under load.
     */
    private static ServerResponse text(ServerResponse.BodyBuilder status, String body) {
        return status.build((request, response) -> {
            response.setContentType(PLAIN_TEXT);
            response.getOutputStream().write(body.getBytes(StandardCharsets.US_ASCII));
            return null;
        });
    }

    /** The charset the container decoded parameters with: the request's, else the servlet default ISO-8859-1. */
    private static Charset charsetOf(HttpServletRequest request) {
        String name = request.getCharacterEncoding();
        try {
            return (name != null) ? Charset.forName(name) : StandardCharsets.ISO_8859_1;
        }
        catch (IllegalArgumentException ex) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
