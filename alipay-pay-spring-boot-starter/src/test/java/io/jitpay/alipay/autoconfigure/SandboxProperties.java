package io.jitpay.alipay.autoconfigure;

import org.springframework.test.context.DynamicPropertyRegistry;

import io.jitpay.alipay.sandbox.AliPaySandbox;

/** Points a test application at a running sandbox, with the notification endpoint on. */
final class SandboxProperties {

    private SandboxProperties() {
    }

    static void register(DynamicPropertyRegistry registry, AliPaySandbox sandbox) {
        registry.add("spring.datasource.generate-unique-name", () -> "true");
        registry.add("jitpay.alipay.app-id", sandbox::appId);
        registry.add("jitpay.alipay.private-key", sandbox::appPrivateKey);
        registry.add("jitpay.alipay.public-key", sandbox::alipayPublicKey);
        registry.add("jitpay.alipay.gateway-url", sandbox::gatewayUrl);
        registry.add("jitpay.alipay.seller-id", sandbox::sellerId);
        registry.add("jitpay.alipay.notify.enabled", () -> "true");
    }
}
