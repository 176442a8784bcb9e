package io.jitpay.alipay.autoconfigure;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.jitpay.alipay.AliPayConfig;

/**
 * The properties of one Alipay application: under {@code jitpay.alipay.*} for the top-level instance, and under
 * {@code jitpay.alipay.apps.<name>.*} for each further one, where an unset property falls back to the top-level value.
 *
 * @since 0.1.0
 */
public class AliPayAppProperties {

    /**
     * Application id (APPID) from the Alipay open platform console. The top-level instance exists only when it is set.
     */
    private @Nullable String appId;

    /**
     * Application private key that signs requests: PEM or base64 content (PKCS#8 or PKCS#1), or a resource location
     * such as "classpath:alipay/app-private-key.pem" or "file:/run/secrets/alipay-app-key".
     */
    private @Nullable String privateKey;

    /**
     * Alipay public key (not the application's own) that verifies responses and notifications in key mode (the console
     * shows "公钥"): PEM or base64 content, or a resource location. Leave it unset in certificate mode.
     */
    private @Nullable String publicKey;

    /**
     * Application public-key certificate (appCertPublicKey_APPID.crt) for certificate mode (the console shows
     * "公钥证书"), which must certify the private key: PEM content or a resource location such as
     * "classpath:alipay/appCertPublicKey.crt". Certificate mode is on when it, alipay-cert and alipay-root-cert are
     * set, and excludes public-key.
     */
    private @Nullable String appCert;

    /**
     * Alipay public-key certificate (alipayCertPublicKey_RSA2.crt, which may hold the CA that issued it too) that
     * verifies responses and notifications in certificate mode: PEM content or a resource location.
     */
    private @Nullable String alipayCert;

    /**
     * Alipay root certificates (alipayRootCert.crt, the whole bundle) for certificate mode: their serial numbers go
     * with every request, and a certificate Alipay rotates to is trusted only if it chains to one of them. PEM content
     * or a resource location.
     */
    private @Nullable String alipayRootCert;

    /**
     * Gateway URL. Defaults to Alipay's production gateway, or to its sandbox gateway when "sandbox" is true.
     */
    private @Nullable String gatewayUrl;

    /**
     * Whether to use Alipay's sandbox gateway (openapi-sandbox.dl.alipaydev.com) when no gateway URL is set.
     */
    private boolean sandbox;

    /**
     * URL where Alipay posts asynchronous notifications; it must be reachable from the internet.
     */
    private @Nullable String notifyUrl;

    /**
     * URL where the mobile cashier sends the buyer's browser after paying.
     */
    private @Nullable String returnUrl;

    /**
     * URL where the mobile cashier sends a buyer who quits. Defaults to the return URL.
     */
    private @Nullable String quitUrl;

    /**
     * Merchant's Alipay user id (2088...). When set, notifications for another seller are rejected.
     */
    private @Nullable String sellerId;

    /**
     * Charset of requests and signatures: UTF-8, GBK or GB2312.
     */
    private Charset charset = StandardCharsets.UTF_8;

    /**
     * How long an order stays payable after its creation; sent to Alipay as time_expire, at most 15 days.
     */
    private Duration orderTimeout = Duration.ofMinutes(30);

    /**
     * Time allowed to connect to the gateway.
     */
    private Duration connectTimeout = Duration.ofSeconds(3);

    /**
     * Time allowed to read the gateway's answer.
     */
    private Duration readTimeout = Duration.ofSeconds(15);

    private final Refund refund = new Refund();

    private final Page page = new Page();

    private final Barcode barcode = new Barcode();

    public @Nullable String getAppId() {
        return this.appId;
    }

    public void setAppId(@Nullable String appId) {
        this.appId = appId;
    }

    public @Nullable String getPrivateKey() {
        return this.privateKey;
    }

    public void setPrivateKey(@Nullable String privateKey) {
        this.privateKey = privateKey;
    }

    public @Nullable String getPublicKey() {
        return this.publicKey;
    }

    public void setPublicKey(@Nullable String publicKey) {
        this.publicKey = publicKey;
    }

    public @Nullable String getAppCert() {
        return this.appCert;
    }

    public void setAppCert(@Nullable String appCert) {
        this.appCert = appCert;
    }

    public @Nullable String getAlipayCert() {
        return this.alipayCert;
    }

    public void setAlipayCert(@Nullable String alipayCert) {
        this.alipayCert = alipayCert;
    }

    public @Nullable String getAlipayRootCert() {
        return this.alipayRootCert;
    }

    public void setAlipayRootCert(@Nullable String alipayRootCert) {
        this.alipayRootCert = alipayRootCert;
    }

    /**
     * Whether any of the settings that verify Alipay's answers (public-key, or the three certificates) is set.
     * @return {@code true} when this application chose its mode itself
     */
    boolean setsVerification() {
        return hasText(this.publicKey) || hasText(this.appCert) || hasText(this.alipayCert)
                || hasText(this.alipayRootCert);
    }

    /**
     * Takes the settings that verify Alipay's answers from other properties, all four together: an application never
     * mixes its own certificates with a public key it inherited, or the reverse.
     * @param source the properties to take them from
     */
    void setVerificationFrom(AliPayAppProperties source) {
        this.publicKey = source.publicKey;
        this.appCert = source.appCert;
        this.alipayCert = source.alipayCert;
        this.alipayRootCert = source.alipayRootCert;
    }

    private static boolean hasText(@Nullable String value) {
        return value != null && !value.isBlank();
    }

    public @Nullable String getGatewayUrl() {
        return this.gatewayUrl;
    }

    public void setGatewayUrl(@Nullable String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    public boolean isSandbox() {
        return this.sandbox;
    }

    public void setSandbox(boolean sandbox) {
        this.sandbox = sandbox;
    }

    public @Nullable String getNotifyUrl() {
        return this.notifyUrl;
    }

    public void setNotifyUrl(@Nullable String notifyUrl) {
        this.notifyUrl = notifyUrl;
    }

    public @Nullable String getReturnUrl() {
        return this.returnUrl;
    }

    public void setReturnUrl(@Nullable String returnUrl) {
        this.returnUrl = returnUrl;
    }

    public @Nullable String getQuitUrl() {
        return this.quitUrl;
    }

    public void setQuitUrl(@Nullable String quitUrl) {
        this.quitUrl = quitUrl;
    }

    public @Nullable String getSellerId() {
        return this.sellerId;
    }

    public void setSellerId(@Nullable String sellerId) {
        this.sellerId = sellerId;
    }

    public Charset getCharset() {
        return this.charset;
    }

    public void setCharset(Charset charset) {
        this.charset = charset;
    }

    public Duration getOrderTimeout() {
        return this.orderTimeout;
    }

    public void setOrderTimeout(Duration orderTimeout) {
        this.orderTimeout = orderTimeout;
    }

    public Duration getConnectTimeout() {
        return this.connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
        return this.readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public Refund getRefund() {
        return this.refund;
    }

    public Page getPage() {
        return this.page;
    }

    public Barcode getBarcode() {
        return this.barcode;
    }

    /**
     * The gateway to use: the configured URL, else the sandbox or production gateway.
     * @return the gateway URL
     */
    public String determineGatewayUrl() {
        if (this.gatewayUrl != null && !this.gatewayUrl.isBlank()) {
            return this.gatewayUrl;
        }
        return this.sandbox ? AliPayConfig.SANDBOX_GATEWAY_URL : AliPayConfig.PRODUCTION_GATEWAY_URL;
    }

    /** The PC web cashier (PAGE_PAY). */
    public static class Page {

        /**
         * Embedded QR code mode of the PC cashier (qr_pay_mode): 0 to 3 show a QR code of Alipay's sizes inside the
         * merchant's page, 4 one of qrcode-width pixels. Unset shows the full cashier page.
         */
        private @Nullable String qrPayMode;

        /**
         * Width in pixels of the PC cashier's embedded QR code with qr-pay-mode 4.
         */
        private @Nullable Integer qrcodeWidth;

        public @Nullable String getQrPayMode() {
            return this.qrPayMode;
        }

        public void setQrPayMode(@Nullable String qrPayMode) {
            this.qrPayMode = qrPayMode;
        }

        public @Nullable Integer getQrcodeWidth() {
            return this.qrcodeWidth;
        }

        public void setQrcodeWidth(@Nullable Integer qrcodeWidth) {
            this.qrcodeWidth = qrcodeWidth;
        }
    }

    /** In-store payment with the buyer's payment code (barcodePay). */
    public static class Barcode {

        /**
         * How often a payment the buyer must confirm on the phone is queried.
         */
        private Duration pollInterval = Duration.ofSeconds(3);

        /**
         * How long a payment is waited for before it is cancelled at Alipay.
         */
        private Duration pollTimeout = Duration.ofSeconds(60);

        public Duration getPollInterval() {
            return this.pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public Duration getPollTimeout() {
            return this.pollTimeout;
        }

        public void setPollTimeout(Duration pollTimeout) {
            this.pollTimeout = pollTimeout;
        }
    }

    /** Refunds: how their requests are paced and their outcomes confirmed. */
    public static class Refund {

        /**
         * Least time between two refund requests of one trade, which Alipay asks for.
         */
        private Duration interval = Duration.ofSeconds(3);

        /**
         * How long after a refund request with an unknown outcome (a timeout, a system error) its first query waits:
         * Alipay may not know the request sooner. The sweeper confirms such refunds.
         */
        private Duration queryDelay = Duration.ofSeconds(10);

        /**
         * How long a refund may stay processing before it is reported as stuck (an ERROR log at each sweep).
         */
        private Duration processingLimit = Duration.ofHours(24);

        public Duration getInterval() {
            return this.interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public Duration getQueryDelay() {
            return this.queryDelay;
        }

        public void setQueryDelay(Duration queryDelay) {
            this.queryDelay = queryDelay;
        }

        public Duration getProcessingLimit() {
            return this.processingLimit;
        }

        public void setProcessingLimit(Duration processingLimit) {
            this.processingLimit = processingLimit;
        }
    }
}
