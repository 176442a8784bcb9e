package io.jitpay.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample shop. With no {@code JITPAY_ALIPAY_APP_ID} it runs offline against the embedded Alipay sandbox
 * ({@code jitpay.sandbox.enabled=true} in application.properties).
 *
 * @since 0.1.0
 */
@SpringBootApplication
public class SampleShopApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleShopApplication.class, args);
    }
}
