package io.jitpay.alipay.autoconfigure;

import org.springframework.test.context.DynamicPropertyRegistry;

import io.jitpay.alipay.sandbox.AliPaySandboxExtension;

/** Points a test application at a running sandbox, with the notification endpoint on. */
final class SandboxProperties {

    private SandboxProperties() {
    }

    static void register(DynamicPropertyRegistry registry, AliPaySandboxExtension sandbox) {
        registry.add("spring.datasource.generate-unique-name", () -> "true");
        sandbox.springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("jitpay.alipay.notify.enabled", () -> "true");
    }
}
