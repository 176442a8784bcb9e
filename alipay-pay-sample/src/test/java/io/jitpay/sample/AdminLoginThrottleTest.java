package io.jitpay.sample;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The admin sign-in throttle: per address, five failures in a row, fifteen minutes, cleared by a success. */
class AdminLoginThrottleTest {

    private Instant now = Instant.parse("2026-11-26T02:00:00Z");

    private final AtomicInteger checked = new AtomicInteger();

    /** Accepts the password "right", and counts the passwords it was asked to check. */
    private final AuthenticationProvider passwords = new AuthenticationProvider() {

        @Override
        public Authentication authenticate(Authentication authentication) {
            AdminLoginThrottleTest.this.checked.incrementAndGet();
            if (!"right".equals(authentication.getCredentials())) {
                throw new BadCredentialsException("Bad credentials");
            }
            return UsernamePasswordAuthenticationToken.authenticated("admin", null, List.of());
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }
    };

    private final AdminLoginThrottle throttle = new AdminLoginThrottle(this.passwords, new Clock() {

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return AdminLoginThrottleTest.this.now;
        }
    });

    @Test
    void fiveFailuresInARowLockTheAddressOutWithoutCheckingItsPassword() {
        failTimes("203.0.113.7", AdminLoginThrottle.MAX_FAILURES);
        int checkedBefore = this.checked.get();
        assertThatExceptionOfType(LockedException.class).isThrownBy(() -> signIn("203.0.113.7", "right"))
            .withMessageContaining("try again in 15 minutes");
        assertThat(this.checked).hasValue(checkedBefore);
        // Another address is not locked out.
        assertThat(signIn("198.51.100.2", "right").isAuthenticated()).isTrue();
    }

    @Test
    void theLockoutEndsFifteenMinutesAfterTheLastFailure() {
        failTimes("203.0.113.7", AdminLoginThrottle.MAX_FAILURES);
        this.now = this.now.plus(AdminLoginThrottle.LOCKOUT).minusSeconds(1);
        assertThatExceptionOfType(LockedException.class).isThrownBy(() -> signIn("203.0.113.7", "right"));
        this.now = this.now.plusSeconds(1);
        assertThat(signIn("203.0.113.7", "right").isAuthenticated()).isTrue();
    }

    @Test
    void aSuccessClearsTheCount() {
        failTimes("203.0.113.7", AdminLoginThrottle.MAX_FAILURES - 1);
        signIn("203.0.113.7", "right");
        failTimes("203.0.113.7", AdminLoginThrottle.MAX_FAILURES - 1);
        assertThat(signIn("203.0.113.7", "right").isAuthenticated()).isTrue();
    }

    @Test
    void failuresFurtherApartThanTheLockoutDoNotAddUp() {
        for (int i = 0; i < AdminLoginThrottle.MAX_FAILURES * 2; i++) {
            failTimes("203.0.113.7", 1);
            this.now = this.now.plus(AdminLoginThrottle.LOCKOUT);
        }
        assertThat(signIn("203.0.113.7", "right").isAuthenticated()).isTrue();
    }

    @Test
    void manyAddressesDoNotGrowTheMemoryBeyondItsBound() {
        for (int i = 0; i < AdminLoginThrottle.MAX_ADDRESSES; i++) {
            failTimes("10.0." + (i / 256) + "." + (i % 256), 1);
        }
        this.now = this.now.plus(Duration.ofMinutes(16));
        failTimes("203.0.113.7", AdminLoginThrottle.MAX_FAILURES);
        assertThatExceptionOfType(LockedException.class).isThrownBy(() -> signIn("203.0.113.7", "right"));
    }

    private void failTimes(String address, int times) {
        for (int i = 0; i < times; i++) {
            assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> signIn(address, "wrong"));
        }
    }

    private Authentication signIn(String address, String password) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated("admin",
                password);
        attempt.setDetails(new WebAuthenticationDetails(request));
        return this.throttle.authenticate(attempt);
    }
}
