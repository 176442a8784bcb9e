package io.jitpay.pay;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * How the buyer pays an order. The first four are links {@link Payment#getPayUrl} returns; the in-store barcode is
 * paid with {@code barcodePay}.
 *
 * @since 0.1.0
 */
public enum PayType {

    /** Scan a QR code ({@code alipay.trade.precreate}); the link is in {@link PayUrl#payUrl()}. */
    PRE_PAY("QR code"),

    /** Mobile web cashier ({@code alipay.trade.wap.pay}); the auto-submitting form is in {@link PayUrl#form()}. */
    WAP_PAY("mobile web"),

    /**
     * PC web cashier ({@code alipay.trade.page.pay}, {@code FAST_INSTANT_TRADE_PAY}): the auto-submitting form is in
     * {@link PayUrl#form()}, the GET link of the same signed request in {@link PayUrl#payUrl()}.
     */
    PAGE_PAY("PC web"),

    /**
     * App pay ({@code alipay.trade.app.pay}, {@code QUICK_MSECURITY_PAY}): the signed order string for the Alipay
     * client SDK is in {@link PayUrl#orderString()}.
     */
    APP_PAY("app"),

    /**
     * In store: the merchant scans the buyer's payment code ({@code alipay.trade.pay}, {@code bar_code}) with
     * {@code barcodePay(orderId, authCode)}; there is no link to get.
     */
    BARCODE_PAY("in-store barcode");

    private final String description;

    PayType(String description) {
        this.description = description;
    }

    /**
     * Reads a pay type by name, ignoring case and surrounding blanks.
     * @param value the name, for example {@code "PRE_PAY"}
     * @return the pay type
     * @throws PayException with {@link PayErrorCode#UNKNOWN_PAY_TYPE} for any other value, listing the known ones
     */
    public static PayType of(@Nullable String value) {
        if (value != null) {
            String name = value.trim().toUpperCase(Locale.ROOT);
            for (PayType type : values()) {
                if (type.name().equals(name)) {
                    return type;
                }
            }
        }
        throw new PayException(PayErrorCode.UNKNOWN_PAY_TYPE, "Unknown pay type '" + value + "'; use " + known());
    }

    /**
     * Every pay type with what it is, for messages.
     * @return for example {@code PRE_PAY (QR code), WAP_PAY (mobile web), ...}
     */
    static String known() {
        return Arrays.stream(values()).map((type) -> type.name() + " (" + type.description + ")")
            .collect(Collectors.joining(", "));
    }
}
