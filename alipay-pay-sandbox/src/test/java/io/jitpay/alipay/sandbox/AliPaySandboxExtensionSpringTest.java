package io.jitpay.alipay.sandbox;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/** The extension's usage example, for real: its Spring properties reach the context and suffice to call the gateway. */
@SpringJUnitConfig(AliPaySandboxExtensionSpringTest.Empty.class)
class AliPaySandboxExtensionSpringTest {

    @RegisterExtension
    static AliPaySandboxExtension sandbox = new AliPaySandboxExtension(
            (builder) -> builder.sellerId("2088000000000077"));

    @DynamicPropertySource
    static void alipay(DynamicPropertyRegistry registry) {
        sandbox.springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @Test
    void theContextIsPointedAtTheRunningSandbox(@Autowired Environment environment) throws AlipayApiException {
        assertThat(sandbox.springProperties()).containsOnlyKeys("jitpay.alipay.app-id", "jitpay.alipay.private-key",
                "jitpay.alipay.public-key", "jitpay.alipay.gateway-url", "jitpay.alipay.seller-id");
        assertThat(environment.getProperty("jitpay.alipay.gateway-url")).isEqualTo(sandbox.get().gatewayUrl());
        assertThat(environment.getProperty("jitpay.alipay.seller-id")).isEqualTo("2088000000000077");

        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(environment.getProperty("jitpay.alipay.gateway-url"));
        config.setAppId(environment.getProperty("jitpay.alipay.app-id"));
        config.setPrivateKey(environment.getProperty("jitpay.alipay.private-key"));
        config.setAlipayPublicKey(environment.getProperty("jitpay.alipay.public-key"));
        AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
        request.setBizContent("{\"out_trade_no\":\"EXT1\",\"total_amount\":\"1.00\",\"subject\":\"Tea\"}");
        AlipayTradePrecreateResponse response = new DefaultAlipayClient(config).execute(request);
        assertThat(response.isSuccess()).isTrue();
        assertThat(sandbox.get().trade("EXT1")).isPresent();
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {

    }
}
