package io.jitpay.sample;

/**
 * The shop was started with no Alipay credentials and without the dev profile, so nothing could take its payments.
 * The parts are kept apart for {@link NoAliPayCredentialsFailureAnalyzer}'s report.
 */
final class NoAliPayCredentialsException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    static final String DESCRIPTION = "The shop has no Alipay credentials: jitpay.alipay.app-id is not set, and the "
            + "embedded Alipay sandbox, which plays Alipay for offline development, is on only with the dev profile.";

    static final String ACTION = "To take payments, set JITPAY_ALIPAY_APP_ID, JITPAY_ALIPAY_PRIVATE_KEY and "
            + "JITPAY_ALIPAY_PUBLIC_KEY (and JITPAY_ALIPAY_SANDBOX=true for Alipay's own sandbox). To try the shop "
            + "offline, run it with the dev profile: ./mvnw -pl alipay-pay-sample -am spring-boot:run "
            + "-Dspring-boot.run.profiles=dev (or --spring.profiles.active=dev).";

    NoAliPayCredentialsException() {
        super(DESCRIPTION + " " + ACTION);
    }

    /** What is wrong, for the failure report. */
    String description() {
        return DESCRIPTION;
    }

    /** What to do, for the failure report. */
    String action() {
        return ACTION;
    }
}
