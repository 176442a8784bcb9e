package io.jitpay.sample;

import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;

/**
 * The administrator of {@code shop.admin.*}, checked once at start-up: a bcrypt hash ({@code {bcrypt}$2a$10$...}), or
 * a plain-text {@code {noop}} password in the dev profile only, which the sign-in page then shows. Without a password
 * the admin page is off, and the log says so; a password that is set but unsafe stops start-up with
 * {@link AdminPasswordException}, rather than fall back to anything.
 */
@Component
class AdminAccount {

    /** The role the admin page requires. */
    static final String ROLE = "ADMIN";

    private static final Log logger = LogFactory.getLog(AdminAccount.class);

    private static final String BCRYPT = "{bcrypt}";

    private static final String NOOP = "{noop}";

    /** What BCryptPasswordEncoder can read: a malformed hash would only make every sign-in fail, silently. */
    private static final Pattern BCRYPT_HASH = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./0-9A-Za-z]{53}");

    private final @Nullable UserDetails admin;

    private final @Nullable String devPassword;

    AdminAccount(ShopAdminProperties properties, Environment environment) {
        String password = properties.getPassword();
        if (password == null) {
            logger.info("The admin page (/admin) is off: shop.admin.password is not set. Set it to a {bcrypt} hash to "
                    + "turn it on.");
            this.admin = null;
            this.devPassword = null;
            return;
        }
        String username = properties.getUsername().trim();
        if (username.isEmpty()) {
            throw new AdminPasswordException("shop.admin.username is empty.");
        }
        boolean dev = environment.matchesProfiles("dev");
        this.devPassword = checked(password, dev);
        this.admin = User.withUsername(username).password(password).roles(ROLE).build();
    }

    /**
     * Whether the admin page is on: a password is set. Public for the templates, which link the page only then.
     * @return {@code true} when {@code shop.admin.password} is set
     */
    public boolean enabled() {
        return this.admin != null;
    }

    /** {@return the administrator, with the encoded password; empty when the admin page is off} */
    Optional<UserDetails> admin() {
        return Optional.ofNullable(this.admin);
    }

    /** {@return the dev profile's plain-text password, to show on the sign-in page; empty otherwise} */
    Optional<String> devPassword() {
        return Optional.ofNullable(this.devPassword);
    }

    /** {@return the user name to sign in with, or empty when the admin page is off} */
    Optional<String> username() {
        return admin().map(UserDetails::getUsername);
    }

    /**
     * Checks an encoded password.
     * @return the plain text of a {@code {noop}} password, which only the dev profile accepts; else {@code null}
     * @throws AdminPasswordException when the password cannot be used here
     */
    private static @Nullable String checked(String password, boolean dev) {
        if (password.isBlank()) {
            throw new AdminPasswordException("shop.admin.password is empty.");
        }
        if (password.startsWith(NOOP)) {
            if (!dev) {
                throw new AdminPasswordException("shop.admin.password is a plain-text {noop} password, which the shop "
                        + "accepts in the dev profile only.");
            }
            String plain = password.substring(NOOP.length());
            if (plain.isBlank()) {
                throw new AdminPasswordException("shop.admin.password is empty after {noop}.");
            }
            return plain;
        }
        if (!password.startsWith(BCRYPT)) {
            throw new AdminPasswordException("shop.admin.password is not a {bcrypt} hash: it must name its encoding, "
                    + "and the shop accepts bcrypt (or {noop} in the dev profile).");
        }
        if (!BCRYPT_HASH.matcher(password.substring(BCRYPT.length())).matches()) {
            throw new AdminPasswordException("shop.admin.password starts with {bcrypt} but what follows is not a bcrypt "
                    + "hash ($2a$10$ and 53 more characters).");
        }
        return null;
    }
}
