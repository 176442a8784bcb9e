package io.jitpay.sample;

import java.time.Clock;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;

/**
 * The admin page's web security, on when {@code shop.admin.password} is set: everything under {@code /admin} but its
 * sign-in page needs the {@value AdminAccount#ROLE} role, given by a form login ({@code /admin/login}) against the one
 * {@link AdminAccount}, throttled per address ({@link AdminLoginThrottle}); its forms carry the session's CSRF token,
 * as the shop's do. This chain comes before {@link ShopSecurity}'s, which keeps every other page open; the shop itself
 * has no accounts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "shop.admin", name = "password")
class AdminSecurity {

    /** The admin page's sign-in form, which Spring Security also serves the sign-in on (POST). */
    static final String LOGIN_PAGE = "/admin/login";

    @Bean
    @Order(1)
    SecurityFilterChain adminFilterChain(HttpSecurity http, AdminAccount account) throws Exception {
        // The admin's own authentication manager: the shop's (empty) user store stays the application's.
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(
                new InMemoryUserDetailsManager(account.admin().orElseThrow()));
        // Reads {bcrypt} (and the dev profile's {noop}); AdminAccount has refused anything else.
        provider.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        ExceptionMappingAuthenticationFailureHandler failures = new ExceptionMappingAuthenticationFailureHandler();
        failures.setDefaultFailureUrl(LOGIN_PAGE + "?error");
        failures.setExceptionMappings(Map.of(LockedException.class.getName(), LOGIN_PAGE + "?locked"));
        http.securityMatcher("/admin", "/admin/**")
            .authenticationManager(new ProviderManager(new AdminLoginThrottle(provider, Clock.systemUTC())))
            .authorizeHttpRequests((requests) -> requests.requestMatchers(LOGIN_PAGE).permitAll()
                .anyRequest().hasRole(AdminAccount.ROLE))
            .formLogin((login) -> login.loginPage(LOGIN_PAGE).defaultSuccessUrl("/admin", true)
                .failureHandler(failures))
            .logout((logout) -> logout.logoutUrl("/admin/logout").logoutSuccessUrl(LOGIN_PAGE + "?logout"));
        return http.build();
    }
}
