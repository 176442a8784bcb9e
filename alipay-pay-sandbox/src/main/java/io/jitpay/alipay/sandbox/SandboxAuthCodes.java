package io.jitpay.alipay.sandbox;

import java.util.regex.Pattern;

/**
 * Buyers' payment codes for the sandbox's in-store payment ({@code alipay.trade.pay} with {@code scene=bar_code}): the
 * code the merchant scans decides what "Alipay" answers, as the buyer's account would at Alipay.
 *
 * <p>A payment code is 16 to 24 digits starting with 25 to 30, as Alipay's are; anything else is refused as an invalid
 * code. Its first four digits choose the outcome and the rest are free, so a test can make as many different codes as
 * it needs:
 * <table>
 * <caption>Outcomes by the first four digits</caption>
 * <tr><th>prefix</th><th>answer</th><th>trade afterwards</th></tr>
 * <tr><td>{@code 2813}</td><td>{@code 10003} " order success pay inprocess"</td><td>{@code WAIT_BUYER_PAY} until
 * {@link AliPaySandbox#confirm} (then notified), a cancel or a close</td></tr>
 * <tr><td>{@code 2844}</td><td>{@code 40004 ACQ.PAYMENT_AUTH_CODE_INVALID}</td><td>none; the order may pay with
 * another code</td></tr>
 * <tr><td>{@code 2845}</td><td>{@code 40004 ACQ.BUYER_BALANCE_NOT_ENOUGH}</td><td>none</td></tr>
 * <tr><td>{@code 2820}</td><td>{@code 20000 ACQ.SYSTEM_ERROR}</td><td>{@code TRADE_SUCCESS}, notified: the payment
 * went through, only the answer says nothing</td></tr>
 * <tr><td>{@code 2821}</td><td>{@code 20000 ACQ.SYSTEM_ERROR}</td><td>none: nothing happened</td></tr>
 * <tr><td>any other</td><td>{@code 10000}, paid</td><td>{@code TRADE_SUCCESS}, notified</td></tr>
 * </table>
 * Unlike real codes, these may be used again and never expire (a real one is good for one payment within about a
 * minute).
 *
 * @since 0.1.0
 */
public final class SandboxAuthCodes {

    /** Pays at once: {@code 10000}, the trade {@code TRADE_SUCCESS}, the notification sent. */
    public static final String PAYS = "280000000000000000";

    /**
     * The buyer must confirm on the phone: {@code 10003}, the trade {@code WAIT_BUYER_PAY} until
     * {@link AliPaySandbox#confirm} pays it (and it is notified), or a cancel or close ends it.
     */
    public static final String NEEDS_CONFIRMATION = "281300000000000000";

    /** Not a code Alipay can read: {@code 40004 ACQ.PAYMENT_AUTH_CODE_INVALID}; no trade is created. */
    public static final String INVALID = "284400000000000000";

    /** The buyer cannot pay: {@code 40004 ACQ.BUYER_BALANCE_NOT_ENOUGH}; no trade is created. */
    public static final String NO_BALANCE = "284500000000000000";

    /** {@code 20000 ACQ.SYSTEM_ERROR}, yet the payment went through: {@code TRADE_SUCCESS} and notified. */
    public static final String UNKNOWN_BUT_PAID = "282000000000000000";

    /** {@code 20000 ACQ.SYSTEM_ERROR}, and nothing happened: no trade is created. */
    public static final String UNKNOWN_NOT_PAID = "282100000000000000";

    private static final Pattern PAYMENT_CODE = Pattern.compile("(2[5-9]|30)\\d{14,22}");

    private SandboxAuthCodes() {
    }

    /** What a payment code makes "Alipay" do. */
    static Outcome outcome(String authCode) {
        if (!PAYMENT_CODE.matcher(authCode).matches()) {
            return Outcome.INVALID;
        }
        return switch (authCode.substring(0, 4)) {
            case "2813" -> Outcome.NEEDS_CONFIRMATION;
            case "2844" -> Outcome.INVALID;
            case "2845" -> Outcome.NO_BALANCE;
            case "2820" -> Outcome.UNKNOWN_BUT_PAID;
            case "2821" -> Outcome.UNKNOWN_NOT_PAID;
            default -> Outcome.PAYS;
        };
    }

    /** The outcomes the codes script. */
    enum Outcome {
        PAYS, NEEDS_CONFIRMATION, INVALID, NO_BALANCE, UNKNOWN_BUT_PAID, UNKNOWN_NOT_PAID
    }
}
