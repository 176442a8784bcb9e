package io.jitpay.alipay;

import java.nio.charset.Charset;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP request that may hold an Alipay notification, as any web framework sees it: its content type, its raw
 * body and its sender. {@link AliPayment#notify(NotifyRequest)} checks and decodes it, so that a plain servlet, Spring
 * MVC, WebFlux or Vert.x endpoint is a few lines:
 *
 * <pre>
 * NotifyResult result = aliPayment.notify(NotifyRequest.of(request.getContentType(),
 *         request.getInputStream().readNBytes(NotifyForm.MAX_BYTES + 1), request.getRemoteAddr()));
 * response.setStatus(result.httpStatus());
 * response.getWriter().write(result.body());
 * </pre>
 *
 * @param contentType       the {@code Content-Type} header, or {@code null} when absent
 * @param body              the raw body, up to one byte more than {@link NotifyForm#MAX_BYTES}
 * @param remoteAddress     who sent it, for the journal
 * @param decodedParameters the parameters the web framework already decoded itself, for when a filter consumed the
 *                          body before the endpoint could read it; {@code null} when the body is all there is
 * @param decodedWith       the charset the web framework decoded {@code decodedParameters} with
 * @since 0.1.0
 */
public record NotifyRequest(@Nullable String contentType, byte[] body, @Nullable String remoteAddress,
        @Nullable Map<String, String[]> decodedParameters, @Nullable Charset decodedWith) {

    /**
     * A request as read from the wire.
     * @param contentType   the {@code Content-Type} header
     * @param body          the raw body
     * @param remoteAddress who sent it
     * @return the request
     */
    public static NotifyRequest of(@Nullable String contentType, byte[] body, @Nullable String remoteAddress) {
        return new NotifyRequest(contentType, body, remoteAddress, null, null);
    }

    /**
     * This request, with the parameters the web framework decoded: used only when the body turns out empty, as it is
     * when a filter called {@code getParameter} before the endpoint read the body.
     * @param parameters  the framework's parameter map
     * @param charset     the charset it decoded them with
     * @return the request
     */
    public NotifyRequest withDecodedParameters(Map<String, String[]> parameters, Charset charset) {
        return new NotifyRequest(this.contentType, this.body, this.remoteAddress, parameters, charset);
    }
}
