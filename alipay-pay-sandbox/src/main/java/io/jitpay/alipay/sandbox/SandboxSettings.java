package io.jitpay.alipay.sandbox;

import java.security.KeyPair;
import java.time.Clock;

import org.jspecify.annotations.Nullable;

/**
 * How a sandbox was configured, as {@link AliPaySandbox.Builder} collected it.
 *
 * @param host             the address to listen on, also the host of buyer-facing links
 * @param port             the port, 0 for a free one
 * @param appId            the app id the gateway accepts
 * @param sellerId         the seller id it reports
 * @param notifyRetryScale the factor on Alipay's notification retry ladder
 * @param clock            the clock of trade times and expiry
 * @param appKeyPair       the app's key pair, or {@code null} to generate one
 * @param alipayKeyPair    the "Alipay" key pair, or {@code null} to generate one
 * @param closeBeforeScanVoidsTrade whether closing or cancelling a trade the buyer has not scanned yet keeps it from
 *                         ever being paid
 * @param certificateMode  whether the app signs in certificate mode (公钥证书): the sandbox issues certificates for
 *                         both keys, checks the SNs of every request and names its certificate in every answer
 */
record SandboxSettings(String host, int port, String appId, String sellerId, double notifyRetryScale, Clock clock,
        @Nullable KeyPair appKeyPair, @Nullable KeyPair alipayKeyPair, boolean closeBeforeScanVoidsTrade,
        boolean certificateMode) {

    /** The configured key pairs, or new ones (always two different pairs, as the SDK requires). */
    SandboxKeys keys() {
        KeyPair app = (this.appKeyPair != null) ? this.appKeyPair : TestRsaKeys.generate();
        KeyPair alipay = (this.alipayKeyPair != null) ? this.alipayKeyPair : TestRsaKeys.generate();
        return new SandboxKeys(app, alipay);
    }
}
