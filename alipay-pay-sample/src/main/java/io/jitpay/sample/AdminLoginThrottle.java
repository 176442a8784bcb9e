package io.jitpay.sample;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Slows down password guessing at the admin sign-in: after {@value #MAX_FAILURES} failed sign-ins in a row from one
 * address, that address is refused for {@link #LOCKOUT} without its password being checked; a successful sign-in clears
 * its count. Counted per address, not per account: locking the one admin account would let anybody keep the admin out.
 * Behind a reverse proxy, set {@code server.forward-headers-strategy} so that the address is the client's, not the
 * proxy's.
 */
final class AdminLoginThrottle implements AuthenticationProvider {

    /** Failed sign-ins in a row after which an address is refused. */
    static final int MAX_FAILURES = 5;

    /** How long an address is refused, from its last failure. */
    static final Duration LOCKOUT = Duration.ofMinutes(15);

    /** Addresses remembered at most; beyond, those whose failures are older than the lockout are forgotten first. */
    static final int MAX_ADDRESSES = 10_000;

    private final AuthenticationProvider delegate;

    private final Clock clock;

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    AdminLoginThrottle(AuthenticationProvider delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    /** {@return the delegate's answer: {@code null} when it does not handle this kind of sign-in} */
    @Override
    public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String address = addressOf(authentication);
        Instant now = this.clock.instant();
        Failures seen = this.failures.get(address);
        if (seen != null && seen.lockedAt(now)) {
            throw new LockedException("Too many failed sign-ins from this address: try again in "
                    + LOCKOUT.toMinutes() + " minutes");
        }
        try {
            Authentication authenticated = this.delegate.authenticate(authentication);
            if (authenticated != null) {
                this.failures.remove(address);
            }
            return authenticated;
        }
        catch (AuthenticationException ex) {
            recordFailure(address, now);
            throw ex;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return this.delegate.supports(authentication);
    }

    private void recordFailure(String address, Instant now) {
        if (this.failures.size() >= MAX_ADDRESSES && !this.failures.containsKey(address)) {
            this.failures.values().removeIf((failed) -> failed.expiredAt(now));
        }
        this.failures.compute(address, (key, seen) -> (seen == null || seen.expiredAt(now)) ? new Failures(1, now)
                : new Failures(seen.count() + 1, now));
    }

    private static String addressOf(Authentication authentication) {
        if (authentication.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null) {
            return details.getRemoteAddress();
        }
        return "unknown";
    }

    /**
     * The failed sign-ins in a row from one address.
     * @param count how many
     * @param last  when the last one was
     */
    private record Failures(int count, Instant last) {

        boolean lockedAt(Instant now) {
            return this.count >= MAX_FAILURES && !expiredAt(now);
        }

        /** Older than the lockout: the next failure counts from one again. */
        boolean expiredAt(Instant now) {
            return !now.isBefore(this.last.plus(LOCKOUT));
        }
    }
}
