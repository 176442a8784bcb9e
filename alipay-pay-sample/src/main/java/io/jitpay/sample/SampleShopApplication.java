package io.jitpay.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The sample shop. With {@code JITPAY_ALIPAY_APP_ID} and the keys set it takes payments at Alipay; with the
 * {@code dev} profile and no credentials it runs offline against the embedded Alipay sandbox
 * ({@code jitpay.sandbox.enabled=true} in application-dev.properties). With neither it refuses to start.
 *
 * @since 0.1.0
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleShopApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleShopApplication.class, args);
    }
}
