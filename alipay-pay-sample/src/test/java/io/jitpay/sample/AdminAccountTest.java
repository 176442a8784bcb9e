package io.jitpay.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The admin of {@code shop.admin.*}: a bcrypt hash anywhere, a plain-text {@code {noop}} password in the dev profile
 * only, no password no admin page; anything else stops start-up saying what to set.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminAccountTest {

    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void withoutAPasswordTheAdminPageIsOff() {
        AdminAccount account = new AdminAccount(new ShopAdminProperties(), new MockEnvironment());
        assertThat(account.enabled()).isFalse();
        assertThat(account.admin()).isEmpty();
        assertThat(account.devPassword()).isEmpty();
    }

    @Test
    void aBcryptHashIsTheAdminsPasswordAndIsNeverShown() {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode("s3cret-admin");
        AdminAccount account = new AdminAccount(properties("boss", hash), new MockEnvironment());
        assertThat(account.enabled()).isTrue();
        assertThat(account.admin()).get().satisfies((admin) -> {
            assertThat(admin.getUsername()).isEqualTo("boss");
            assertThat(ENCODER.matches("s3cret-admin", admin.getPassword())).isTrue();
            assertThat(ENCODER.matches("wrong", admin.getPassword())).isFalse();
            assertThat(admin.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ADMIN");
        });
        assertThat(account.devPassword()).isEmpty();
    }

    @Test
    void aHashFromHtpasswdIsAccepted() {
        // htpasswd -bnBC 10 '' 'admin' writes the $2y$ form of the same hash: BCryptPasswordEncoder reads it.
        String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode("admin").replaceFirst("^\\$2a\\$", "\\$2y\\$");
        assertThat(hash).startsWith("{bcrypt}$2y$10$");
        AdminAccount account = new AdminAccount(properties("admin", hash), new MockEnvironment());
        assertThat(ENCODER.matches("admin", account.admin().orElseThrow().getPassword())).isTrue();
    }

    @Test
    void aPlainTextPasswordIsTheDevProfilesOnly() {
        MockEnvironment dev = new MockEnvironment();
        dev.setActiveProfiles("dev");
        AdminAccount account = new AdminAccount(properties("admin", "{noop}admin"), dev);
        assertThat(account.devPassword()).contains("admin");
        assertThat(ENCODER.matches("admin", account.admin().orElseThrow().getPassword())).isTrue();

        assertThatExceptionOfType(AdminPasswordException.class)
            .isThrownBy(() -> new AdminAccount(properties("admin", "{noop}admin"), new MockEnvironment()))
            .withMessageContaining("plain-text {noop} password, which the shop accepts in the dev profile only")
            .withMessageContaining("{bcrypt}");
    }

    @Test
    void aPasswordThatNamesNoEncodingOrAnotherOneIsRefused() {
        assertThatExceptionOfType(AdminPasswordException.class)
            .isThrownBy(() -> new AdminAccount(properties("admin", "s3cret"), new MockEnvironment()))
            .withMessageContaining("is not a {bcrypt} hash");
        assertThatExceptionOfType(AdminPasswordException.class)
            .isThrownBy(() -> new AdminAccount(properties("admin", "{MD5}5f4dcc3b5aa765d61d8327deb882cf99"),
                    new MockEnvironment()))
            .withMessageContaining("is not a {bcrypt} hash");
        assertThatExceptionOfType(AdminPasswordException.class)
            .isThrownBy(() -> new AdminAccount(properties("admin", "{bcrypt}s3cret"), new MockEnvironment()))
            .withMessageContaining("what follows is not a bcrypt hash");
    }

    @Test
    void anEmptyPasswordOrUserNameIsRefused() {
        assertThatExceptionOfType(AdminPasswordException.class)
            .isThrownBy(() -> new AdminAccount(properties("admin", " "), new MockEnvironment()))
            .withMessageContaining("shop.admin.password is empty");
        String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode("s3cret-admin");
        assertThatExceptionOfType(AdminPasswordException.class)
            .isThrownBy(() -> new AdminAccount(properties(" ", hash), new MockEnvironment()))
            .withMessageContaining("shop.admin.username is empty");
    }

    @Test
    void anUnusablePasswordStopsStartUpSayingWhatToSet(CapturedOutput output) {
        assumeTrue(System.getenv("JITPAY_ALIPAY_APP_ID") == null, "JITPAY_ALIPAY_APP_ID is set in this environment");
        assertThatExceptionOfType(RuntimeException.class)
            .isThrownBy(() -> new SpringApplicationBuilder(SampleShopApplication.class).profiles("dev")
                .run("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:admin-password-shop",
                        "--shop.admin.password=s3cret"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("shop.admin.password is not a {bcrypt} hash")
            .contains("htpasswd -bnBC 10")
            .doesNotContain("s3cret");
    }

    private static ShopAdminProperties properties(String username, String password) {
        ShopAdminProperties properties = new ShopAdminProperties();
        properties.setUsername(username);
        properties.setPassword(password);
        return properties;
    }
}
