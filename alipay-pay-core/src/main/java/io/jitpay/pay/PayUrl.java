package io.jitpay.pay;

import org.jspecify.annotations.Nullable;

/**
 * What the buyer needs to pay an order; which parts are set depends on the {@link PayType}.
 *
 * @param payUrl      the link to open or to show as a QR code: the QR content for {@link PayType#PRE_PAY}, the
 *                    cashier link (GET) for {@link PayType#WAP_PAY} and {@link PayType#PAGE_PAY}; {@code null} for
 *                    {@link PayType#APP_PAY}
 * @param form        for {@link PayType#WAP_PAY} and {@link PayType#PAGE_PAY}, an HTML form that submits itself to
 *                    the cashier when placed in a page (the same signed request as the link); {@code null} otherwise
 * @param orderString for {@link PayType#APP_PAY}, the signed order string the merchant's mobile app hands to the
 *                    Alipay client SDK; {@code null} otherwise
 * @since 0.1.0
 */
public record PayUrl(@Nullable String payUrl, @Nullable String form, @Nullable String orderString) {

    /**
     * A link only: a QR code's content.
     * @param payUrl the link
     * @return the pay URL
     */
    public static PayUrl link(String payUrl) {
        return new PayUrl(payUrl, null, null);
    }

    /**
     * A cashier page request: its GET link and the auto-submitting form of the same signed request.
     * @param payUrl the link
     * @param form   the form
     * @return the pay URL
     */
    public static PayUrl page(String payUrl, String form) {
        return new PayUrl(payUrl, form, null);
    }

    /**
     * An order string for the Alipay client SDK in a mobile app.
     * @param orderString the signed order string
     * @return the pay URL
     */
    public static PayUrl forApp(String orderString) {
        return new PayUrl(null, null, orderString);
    }
}
