package io.jitpay.alipay;

import java.nio.charset.Charset;

import com.alipay.api.AbstractAlipayClient;
import com.alipay.api.AlipayConstants;
import com.alipay.api.Decryptor;
import com.alipay.api.Encryptor;
import com.alipay.api.SignChecker;
import com.alipay.api.Signer;
import org.jspecify.annotations.Nullable;

/**
 * The official SDK client with keys parsed once. The SDK's {@code DefaultAlipayClient} re-parses the private key for
 * every signature and, on every response, signs and verifies a probe to detect an application key in the Alipay-key
 * slot; {@link AliPayConfig} already refused such a configuration, so this client does neither.
 */
final class KeyedAlipayClient extends AbstractAlipayClient {

    private final Signer signer;

    private final SignChecker signChecker;

    KeyedAlipayClient(AliPayConfig config) {
        super(config.gatewayUrl(), config.appId(), AlipayConstants.FORMAT_JSON, config.charset().name(),
                config.signType());
        setConnectTimeout(Math.toIntExact(config.connectTimeout().toMillis()));
        setReadTimeout(Math.toIntExact(config.readTimeout().toMillis()));
        this.signer = (content, signType, charset) -> Rsa2Signature.sign(content, Charset.forName(charset),
                config.privateKey());
        this.signChecker = new SignChecker() {

            @Override
            public boolean check(String content, String sign, String signType, String charset) {
                return Rsa2Signature.verify(content, sign, Charset.forName(charset), config.publicKey());
            }

            @Override
            public boolean checkCert(String content, String sign, String signType, String charset, String key) {
                // Certificate mode is not used: AliPayConfig refuses certificates.
                return false;
            }
        };
    }

    @Override
    public boolean checkAlipayPublicKey() {
        return false;
    }

    @Override
    public Signer getSigner() {
        return this.signer;
    }

    @Override
    public SignChecker getSignChecker() {
        return this.signChecker;
    }

    @Override
    public @Nullable Encryptor getEncryptor() {
        return null;
    }

    @Override
    public @Nullable Decryptor getDecryptor() {
        return null;
    }
}
