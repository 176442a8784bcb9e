package io.jitpay.alipay.sandbox;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The settings {@link AliPaySandbox.Builder} collects, in a file of their own so that the façade stays a table of
 * contents. The self type lets every setter return the public {@code AliPaySandbox.Builder}.
 *
 * @param <B> the builder type the setters return
 */
abstract class SandboxBuilder<B extends SandboxBuilder<B>> {

    private String host = "127.0.0.1";

    private int port;

    private String appId = AliPaySandbox.DEFAULT_APP_ID;

    private String sellerId = AliPaySandbox.DEFAULT_SELLER_ID;

    private double notifyRetryScale = 1.0;

    private Clock clock = Clock.systemUTC();

    private @Nullable KeyPair appKeyPair;

    private @Nullable KeyPair alipayKeyPair;

    private boolean closeBeforeScanVoidsTrade = true;

    private boolean certificateMode;

    abstract B self();

    /**
     * Sets the address to listen on.
     * @param host an address of this machine; {@code 127.0.0.1} by default
     * @return this builder
     */
    public B host(String host) {
        this.host = host;
        return self();
    }

    /**
     * Sets the port.
     * @param port the port, or 0 (the default) for a free one
     * @return this builder
     */
    public B port(int port) {
        this.port = port;
        return self();
    }

    /**
     * Sets the app id the sandbox accepts.
     * @param appId the app id
     * @return this builder
     */
    public B appId(String appId) {
        this.appId = appId;
        return self();
    }

    /**
     * Sets the seller id the sandbox reports.
     * @param sellerId the seller id
     * @return this builder
     */
    public B sellerId(String sellerId) {
        this.sellerId = sellerId;
        return self();
    }

    /**
     * Scales Alipay's notification retry ladder: 1 is real time (4 minutes to the first retry), 0.001 makes
     * the first retry come after 240 ms.
     * @param scale the factor, greater than 0
     * @return this builder
     */
    public B notifyRetryScale(double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("notifyRetryScale must be greater than 0");
        }
        this.notifyRetryScale = scale;
        return self();
    }

    /**
     * Shortcut for a retry ladder where each step takes {@code first / 4 minutes} of its real length.
     * @param first the wait before the first retry
     * @return this builder
     */
    public B firstNotifyRetryAfter(Duration first) {
        return notifyRetryScale(first.toNanos() / (double) Notifier.LADDER.get(0).toNanos());
    }

    /**
     * Sets the clock of trade times and expiry.
     * @param clock the clock
     * @return this builder
     */
    public B clock(Clock clock) {
        this.clock = clock;
        return self();
    }

    /**
     * Uses a given application key pair instead of a generated one.
     * @param keyPair a 2048-bit RSA key pair
     * @return this builder
     */
    public B appKeyPair(KeyPair keyPair) {
        this.appKeyPair = keyPair;
        return self();
    }

    /**
     * Uses a given "Alipay" key pair instead of a generated one.
     * @param keyPair a 2048-bit RSA key pair, different from the app's
     * @return this builder
     */
    public B alipayKeyPair(KeyPair keyPair) {
        this.alipayKeyPair = keyPair;
        return self();
    }

    /**
     * Sets what closing or cancelling a pre-created trade does before the buyer has scanned its QR code, when the
     * trade does not exist at Alipay yet and the call answers {@code ACQ.TRADE_NOT_EXIST}. By default the sandbox
     * voids it, so a later scan cannot pay; real Alipay is not documented to, so {@code false} keeps the QR code
     * payable until its {@code time_expire}, for tests of what a merchant does when a closed order is paid.
     * @param voids whether such a close voids the trade; {@code true} by default
     * @return this builder
     */
    public B closeBeforeScanVoidsTrade(boolean voids) {
        this.closeBeforeScanVoidsTrade = voids;
        return self();
    }

    /**
     * Plays an application whose signing method is certificate mode (公钥证书) instead of key mode (公钥): at start
     * the sandbox issues a root bundle, a CA, the application's certificate (of the app key pair) and Alipay's (of
     * the "Alipay" key pair), all offered by {@link AliPaySandbox#certificates()}. Every request, page and app
     * requests included, must then carry the right {@code app_cert_sn} and {@code alipay_root_cert_sn}, refused as
     * Alipay refuses them otherwise, and every answer carries {@code alipay_cert_sn} beside its {@code sign}.
     * @return this builder
     */
    public B certificateMode() {
        this.certificateMode = true;
        return self();
    }

    /**
     * Creates the sandbox, not yet started.
     * @return the sandbox
     */
    public AliPaySandbox build() {
        return new AliPaySandbox(new SandboxSettings(this.host, this.port, this.appId, this.sellerId,
                this.notifyRetryScale, this.clock, this.appKeyPair, this.alipayKeyPair,
                this.closeBeforeScanVoidsTrade, this.certificateMode));
    }

    /**
     * Creates and starts the sandbox.
     * @return the running sandbox
     */
    public AliPaySandbox start() {
        return build().start();
    }
}
