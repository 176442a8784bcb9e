package io.jitpay.alipay.sandbox;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;

/** The unmodified official SDK client, set up against a sandbox with response verification on. */
final class SdkClients {

    private SdkClients() {
    }

    /** The app's client: its own private key, the sandbox's Alipay public key. */
    static AlipayClient of(AliPaySandbox sandbox) throws AlipayApiException {
        return of(sandbox, sandbox.appPrivateKey());
    }

    /** A client signing with another key, as a forger or a misconfigured app would. */
    static AlipayClient of(AliPaySandbox sandbox, String privateKey) throws AlipayApiException {
        return of(sandbox, sandbox.appId(), privateKey);
    }

    /** A client of another app id, or signing with another key. */
    static AlipayClient of(AliPaySandbox sandbox, String appId, String privateKey) throws AlipayApiException {
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(sandbox.gatewayUrl());
        config.setAppId(appId);
        config.setPrivateKey(privateKey);
        config.setAlipayPublicKey(sandbox.alipayPublicKey());
        config.setFormat("json");
        config.setCharset("UTF-8");
        config.setSignType("RSA2");
        return new DefaultAlipayClient(config);
    }
}
