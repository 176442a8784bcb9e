package io.jitpay.sample;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import io.jitpay.alipay.autoconfigure.AliPayProperties;

/**
 * The shop's web security: every page of the shop is open (shoppers do not sign in; the admin page has a chain of its
 * own, {@link AdminSecurity}, which comes first), and every form that changes something must carry the session's CSRF
 * token, which Thymeleaf adds to each {@code th:action} form by itself. Alipay's notification
 * endpoint alone is exempt, with the paths that name an application ({@code /jitpay/alipay/notify/shopB}): Alipay
 * posts there without a token, and the endpoint verifies Alipay's signature instead.
 */
@Configuration(proxyBeanMethods = false)
class ShopSecurity {

    @Bean
    SecurityFilterChain shopFilterChain(HttpSecurity http, ObjectProvider<AliPayProperties> properties)
            throws Exception {
        // The path the starter serves the endpoint on; AliPayProperties holds its default, so it is not repeated here.
        String notifyPath = properties.getIfAvailable(AliPayProperties::new).getNotify().getPath();
        // The endpoint also answers on {path}/{name}, for notify URLs that name their application.
        http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
            .csrf((csrf) -> csrf.ignoringRequestMatchers(notifyPath, notifyPath + "/*"));
        return http.build();
    }

    /**
     * No accounts: without a user store of its own, Spring Boot would generate a user and log its password. The admin
     * page authenticates against its own {@link AdminAccount}.
     */
    @Bean
    InMemoryUserDetailsManager noAccounts() {
        return new InMemoryUserDetailsManager();
    }
}
