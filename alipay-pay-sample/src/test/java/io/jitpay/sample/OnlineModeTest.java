package io.jitpay.sample;

import java.security.KeyPairGenerator;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.jitpay.alipay.AliPayConfig;
import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.sandbox.AliPaySandbox;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With credentials (given here as the JITPAY_ALIPAY_* environment variables would give them) and no profile, the shop
 * starts as it is deployed, a web application, and talks to Alipay's own sandbox gateway; the embedded one does not
 * start.
 */
class OnlineModeTest {

    @Test
    void credentialsTargetAlipaysSandboxAndTheEmbeddedSandboxStaysOff() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String privateKey = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        String publicKey = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleShopApplication.class)
            .run("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:online-shop",
                    "--jitpay.alipay.app-id=2021000000000001", "--jitpay.alipay.private-key=" + privateKey, "--jitpay.alipay.public-key=" + publicKey,
                    "--jitpay.alipay.sandbox=true",
                    "--jitpay.alipay.notify-url=https://shop.example.com/jitpay/alipay/notify")) {
            assertThat(context.getBeansOfType(AliPaySandbox.class)).isEmpty();
            AliPayConfig config = context.getBean(AliPayment.class).config();
            assertThat(config.appId()).isEqualTo("2021000000000001");
            assertThat(config.gatewayUrl()).isEqualTo(AliPayConfig.SANDBOX_GATEWAY_URL);
            assertThat(config.notifyUrl()).isEqualTo("https://shop.example.com/jitpay/alipay/notify");
        }
    }
}
