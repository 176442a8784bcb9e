package io.jitpay.sample;

/**
 * {@code shop.admin.*} is set but cannot be used safely: an empty user name or password, a plain-text password outside
 * the dev profile, or a password whose encoding is not a bcrypt hash. The parts are kept apart for
 * {@link AdminPasswordFailureAnalyzer}'s report.
 */
final class AdminPasswordException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    static final String ACTION = "Set shop.admin.password (SHOP_ADMIN_PASSWORD) to a bcrypt hash prefixed with "
            + "{bcrypt}, for example the output of: echo \"{bcrypt}$(htpasswd -bnBC 10 '' 'your-password' | tr -d "
            + "':\\n')\". Or leave it unset to turn the admin page off.";

    private final String description;

    AdminPasswordException(String description) {
        super(description + " " + ACTION);
        this.description = description;
    }

    /** What is wrong, for the failure report. */
    String description() {
        return this.description;
    }

    /** What to do, for the failure report. */
    String action() {
        return ACTION;
    }
}
