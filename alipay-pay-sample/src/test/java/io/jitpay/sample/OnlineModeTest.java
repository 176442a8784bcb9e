package io.jitpay.sample;

import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.jitpay.alipay.AliPayConfig;
import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.SandboxAuthCodes;
import io.jitpay.alipay.sandbox.boot.AliPaySandboxes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With credentials (given here as the JITPAY_ALIPAY_* environment variables would give them) and no profile, the shop
 * starts as it is deployed, a web application, and talks to Alipay's own sandbox gateway; the embedded one does not
 * start, and nothing of it shows. Shop B exists only when its own credentials are configured.
 */
class OnlineModeTest {

    private final String privateKey = generatedKey(true);

    private final String publicKey = generatedKey(false);

    @Test
    void credentialsTargetAlipaysSandboxAndTheEmbeddedSandboxStaysOff() throws Exception {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getBeansOfType(AliPaySandbox.class)).isEmpty();
            assertThat(context.getBeansOfType(AliPaySandboxes.class)).isEmpty();
            AliPayConfig config = context.getBean(AliPayment.class).config();
            assertThat(config.appId()).isEqualTo("2021000000000001");
            assertThat(config.gatewayUrl()).isEqualTo(AliPayConfig.SANDBOX_GATEWAY_URL);
            assertThat(config.notifyUrl()).isEqualTo("https://shop.example.com/jitpay/alipay/notify");

            // One app, so no choice; and no test codes at the till, which real Alipay knows nothing of.
            Shopper shopper = new Shopper(port(context));
            assertThat(shopper.get("/").body()).contains("id=\"pay-qr\"").doesNotContain("id=\"apps\"");
            assertThat(shopper.get("/in-store").body()).contains("id=\"take-payment\"")
                .doesNotContain("id=\"test-codes\"")
                .doesNotContain(SandboxAuthCodes.PAYS);

            // No shop.admin.password: no admin page, and no default one.
            assertThat(shopper.get("/").body()).doesNotContain("id=\"nav-admin\"");
            assertThat(shopper.get("/admin").statusCode()).isEqualTo(404);
            assertThat(shopper.get("/admin/login").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void shopBIsOfferedWhenItsCredentialsAreConfigured() throws Exception {
        try (ConfigurableApplicationContext context = start("--jitpay.alipay.apps.shopB.app-id=2021000000000002",
                "--jitpay.alipay.apps.shopB.private-key=" + this.privateKey)) {
            AliPayConfig shopB = context.getBean("shopB", AliPayment.class).config();
            assertThat(shopB.appId()).isEqualTo("2021000000000002");
            assertThat(shopB.gatewayUrl()).isEqualTo(AliPayConfig.SANDBOX_GATEWAY_URL);
            String home = new Shopper(port(context)).get("/").body();
            assertThat(home).contains("id=\"app-aliPayment\"", "id=\"app-shopB\"", "app id 2021000000000002");
        }
    }

    private ConfigurableApplicationContext start(String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:online-shop", "--jitpay.alipay.app-id=2021000000000001",
                "--jitpay.alipay.private-key=" + this.privateKey, "--jitpay.alipay.public-key=" + this.publicKey,
                "--jitpay.alipay.sandbox=true",
                "--jitpay.alipay.notify-url=https://shop.example.com/jitpay/alipay/notify"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(SampleShopApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static String generatedKey(boolean privatePart) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Base64.getEncoder().encodeToString(privatePart
                    ? generator.generateKeyPair().getPrivate().getEncoded()
                    : generator.generateKeyPair().getPublic().getEncoded());
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
