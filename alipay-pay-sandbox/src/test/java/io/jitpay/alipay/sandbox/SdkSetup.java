package io.jitpay.alipay.sandbox;

import com.alipay.api.AlipayClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One sandbox for a test class, with the app's SDK client and a merchant that acknowledges notifications; register it
 * as a static {@code @RegisterExtension} field.
 */
final class SdkSetup implements BeforeAllCallback, AfterAllCallback {

    private AliPaySandbox sandbox;

    private AlipayClient client;

    private TestMerchant merchant;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        this.sandbox = AliPaySandbox.builder().start();
        this.client = SdkClients.of(this.sandbox);
        this.merchant = new TestMerchant();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        this.sandbox.close();
        this.merchant.close();
    }

    AliPaySandbox sandbox() {
        return this.sandbox;
    }

    AlipayClient client() {
        return this.client;
    }

    TestMerchant merchant() {
        return this.merchant;
    }
}
