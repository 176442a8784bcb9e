package io.jitpay.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.jitpay.alipay.AliPayConfig;
import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.boot.AliPaySandboxes;
import io.jitpay.pay.Payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How the shop starts without credentials: the embedded sandbox is a development mode that only the {@code dev} profile
 * turns on, so a deployment whose credentials failed to load refuses to start instead of taking free "payments".
 * (With credentials, see {@link OnlineModeTest}.)
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupModesTest {

    @Test
    void withoutCredentialsOrTheDevProfileStartupFailsSayingWhatToSet(CapturedOutput output) {
        assumeTrue(System.getenv("JITPAY_ALIPAY_APP_ID") == null, "JITPAY_ALIPAY_APP_ID is set in this environment");
        assertThatExceptionOfType(NoAliPayCredentialsException.class)
            .isThrownBy(() -> new SpringApplicationBuilder(SampleShopApplication.class)
                .run("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:no-credentials-shop"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("jitpay.alipay.app-id is not set")
            .contains("set JITPAY_ALIPAY_APP_ID, JITPAY_ALIPAY_PRIVATE_KEY and JITPAY_ALIPAY_PUBLIC_KEY")
            .contains("-Dspring-boot.run.profiles=dev")
            .doesNotContain("required a bean of type")
            .doesNotContain("embedded Alipay sandbox at");
    }

    @Test
    void theDevProfileStartsOfflineAgainstTheEmbeddedSandbox() {
        assumeTrue(System.getenv("JITPAY_ALIPAY_APP_ID") == null, "JITPAY_ALIPAY_APP_ID is set in this environment");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleShopApplication.class)
            .profiles("dev")
            .run("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:dev-shop")) {
            assertThat(context.getBeansOfType(AliPaySandbox.class)).hasSize(1);
            AliPaySandbox sandbox = context.getBean(AliPaySandbox.class);
            AliPayConfig config = context.getBean("aliPayment", AliPayment.class).config();
            assertThat(config.appId()).isEqualTo(sandbox.appId());
            assertThat(config.gatewayUrl()).isEqualTo(sandbox.gatewayUrl());

            // Shop B, the second Alipay app, is played by a sandbox of its own.
            AliPaySandbox shopBSandbox = context.getBean(AliPaySandboxes.class).get("shopB");
            AliPayConfig shopB = ((AliPayment) context.getBean(Payments.class).get("pays.shopB")).config();
            assertThat(shopB.appId()).isEqualTo(shopBSandbox.appId()).isNotEqualTo(config.appId());
            assertThat(shopB.gatewayUrl()).isEqualTo(shopBSandbox.gatewayUrl()).isNotEqualTo(config.gatewayUrl());
            assertThat(shopB.sellerId()).isEqualTo(shopBSandbox.sellerId());
            assertThat(shopB.notifyUrl()).isEqualTo(config.notifyUrl());
            assertThat(shopB.returnUrl()).isEqualTo(config.returnUrl());
        }
    }
}
