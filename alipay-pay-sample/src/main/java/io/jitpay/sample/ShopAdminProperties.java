package io.jitpay.sample;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The shop's one administrator, who signs in to the admin page ({@code /admin}: health, the last reconciliation,
 * metrics, and reconciling a day). Without {@link #getPassword() a password} the admin page is off; there is no
 * default outside the dev profile.
 */
@ConfigurationProperties("shop.admin")
public class ShopAdminProperties {

    /** The administrator's user name on the admin page's sign-in form. */
    private String username = "admin";

    /**
     * The administrator's password, encoded as Spring Security's DelegatingPasswordEncoder reads it: a bcrypt hash
     * such as "{bcrypt}$2a$10$...". A plain-text "{noop}..." password is accepted in the dev profile only. Unset, the
     * admin page is off.
     */
    private @Nullable String password;

    /**
     * The administrator's user name.
     * @return the user name
     */
    public String getUsername() {
        return this.username;
    }

    /**
     * Sets the administrator's user name.
     * @param username the user name
     */
    public void setUsername(String username) {
        this.username = username;
    }

    /**
     * The administrator's encoded password.
     * @return the password, or {@code null} when the admin page is off
     */
    public @Nullable String getPassword() {
        return this.password;
    }

    /**
     * Sets the administrator's encoded password.
     * @param password for example {@code {bcrypt}$2a$10$...}
     */
    public void setPassword(@Nullable String password) {
        this.password = password;
    }
}
