package io.jitpay.alipay;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import io.jitpay.pay.PayException;

/**
 * The configuration of one Alipay payment instance: the application's identity and keys, the gateway, and the
 * behaviour of orders. Immutable; built with {@link #builder()}, which parses and checks every key once and refuses an
 * unusable configuration with a {@link io.jitpay.pay.PayErrorCode#CONFIG_ERROR} naming the field and the fix.
 *
 * <p>Alipay's answers are verified in one of two modes, as the application's console page shows it: key mode (公钥),
 * with {@link Builder#publicKey Alipay's public key}, or certificate mode (公钥证书), with the application's, Alipay's and
 * Alipay's root certificates ({@link #certificates()}), which alone learn, while the instance runs, the certificates
 * Alipay rotates to. {@link #toString()} masks both keys.
 *
 * @since 0.1.0
 */
public final class AliPayConfig {

    /** Alipay's production gateway. */
    public static final String PRODUCTION_GATEWAY_URL = "https://openapi.alipay.com/gateway.do";

    /** Alipay's sandbox gateway for developer accounts. */
    public static final String SANDBOX_GATEWAY_URL = "https://openapi-sandbox.dl.alipaydev.com/gateway.do";

    /** The host of the retired sandbox gateway; it answers every app with {@code isv.invalid-app-id}. */
    public static final String RETIRED_SANDBOX_HOST = "openapi.alipaydev.com";

    /** The default time an order stays payable. */
    public static final Duration DEFAULT_ORDER_TIMEOUT = Duration.ofMinutes(30);

    /** Alipay refuses orders that stay open longer than 15 days. */
    public static final Duration MAX_ORDER_TIMEOUT = Duration.ofDays(15);

    /** The default payment instance name; the full name is {@code pays.aliPayment}. */
    public static final String DEFAULT_NAME = "aliPayment";

    private final String appId;

    private final PrivateKey privateKey;

    private final PublicKey publicKey;

    private final @Nullable AliPayCertificates certificates;

    private final String gatewayUrl;

    private final @Nullable String notifyUrl;

    private final @Nullable String returnUrl;

    private final @Nullable String quitUrl;

    private final @Nullable String sellerId;

    private final Charset charset;

    private final Duration orderTimeout;

    private final Duration connectTimeout;

    private final Duration readTimeout;

    private final String name;

    private final Refunds refunds;

    private final @Nullable String pageQrPayMode;

    private final @Nullable Integer pageQrcodeWidth;

    private final Duration barcodePollInterval;

    private final Duration barcodePollTimeout;

    private AliPayConfig(Builder builder) {
        this.appId = AliPayConfigChecks.appId(builder.appId);
        this.name = AliPayConfigChecks.name(builder.name);
        this.privateKey = RsaKeys.parsePrivateKey(builder.privateKey, "privateKey");
        this.certificates = AliPayConfigChecks.certificates(builder.publicKey, builder.appCert, builder.alipayCert,
                builder.alipayRootCert, this.privateKey, "pays." + this.name);
        this.publicKey = (this.certificates != null) ? this.certificates.alipayCertificate().getPublicKey()
                : AliPayConfigChecks.alipayPublicKey(builder.publicKey, this.privateKey);
        this.gatewayUrl = AliPayConfigChecks.gatewayUrl(builder.gatewayUrl);
        this.notifyUrl = AliPayConfigChecks.url(builder.notifyUrl, "notifyUrl", false);
        this.returnUrl = AliPayConfigChecks.url(builder.returnUrl, "returnUrl", false);
        this.quitUrl = AliPayConfigChecks.url(builder.quitUrl, "quitUrl", false);
        this.sellerId = AliPayConfigChecks.blankToNull(builder.sellerId);
        this.charset = AliPayConfigChecks.charset(builder.charset);
        this.orderTimeout = AliPayConfigChecks.duration(builder.orderTimeout, "orderTimeout", MAX_ORDER_TIMEOUT);
        this.connectTimeout = AliPayConfigChecks.duration(builder.connectTimeout, "connectTimeout",
                Duration.ofMinutes(10));
        this.readTimeout = AliPayConfigChecks.duration(builder.readTimeout, "readTimeout", Duration.ofMinutes(10));
        this.refunds = new Refunds(
                AliPayConfigChecks.duration(builder.refundInterval, "refundInterval", Duration.ofMinutes(1)),
                AliPayConfigChecks.duration(builder.refundQueryDelay, "refundQueryDelay", Duration.ofHours(1)),
                AliPayConfigChecks.duration(builder.refundProcessingLimit, "refundProcessingLimit",
                        Duration.ofDays(30)));
        this.pageQrPayMode = AliPayConfigChecks.pageQrPayMode(builder.pageQrPayMode);
        this.pageQrcodeWidth = AliPayConfigChecks.pageQrcodeWidth(builder.pageQrcodeWidth);
        this.barcodePollInterval = AliPayConfigChecks.duration(builder.barcodePollInterval, "barcodePollInterval",
                Duration.ofMinutes(1));
        this.barcodePollTimeout = AliPayConfigChecks.duration(builder.barcodePollTimeout, "barcodePollTimeout",
                Duration.ofMinutes(10));
    }

    /**
     * Starts a configuration.
     * @return a builder with the defaults: production gateway, UTF-8, RSA2, 30 minute orders
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The application id (APPID).
     * @return the app id
     */
    public String appId() {
        return this.appId;
    }

    /**
     * The application's private key, which signs requests.
     * @return the parsed key
     */
    public PrivateKey privateKey() {
        return this.privateKey;
    }

    /**
     * Alipay's public key, which verifies responses and notifications: the configured key in key mode, the key of the
     * configured Alipay certificate in certificate mode.
     * @return the parsed key
     */
    public PublicKey publicKey() {
        return this.publicKey;
    }

    /**
     * The certificates of certificate mode (公钥证书), with their serial numbers and the Alipay certificates learned
     * since start.
     * @return the certificates, or {@code null} in key mode
     */
    public @Nullable AliPayCertificates certificates() {
        return this.certificates;
    }

    /**
     * The gateway URL.
     * @return for example {@value #PRODUCTION_GATEWAY_URL}
     */
    public String gatewayUrl() {
        return this.gatewayUrl;
    }

    /**
     * Where Alipay posts asynchronous notifications ({@code notify_url}).
     * @return the URL, or {@code null} when payments are only learned by checking
     */
    public @Nullable String notifyUrl() {
        return this.notifyUrl;
    }

    /**
     * Where the mobile cashier sends the buyer's browser after paying ({@code return_url}).
     * @return the URL, or {@code null}
     */
    public @Nullable String returnUrl() {
        return this.returnUrl;
    }

    /**
     * Where the mobile cashier sends the buyer who quits ({@code quit_url}); defaults to the return URL.
     * @return the URL, or {@code null}
     */
    public @Nullable String quitUrl() {
        return (this.quitUrl != null) ? this.quitUrl : this.returnUrl;
    }

    /**
     * The merchant's Alipay user id ({@code seller_id}); when set, notifications for another seller are rejected.
     * @return the seller id, or {@code null}
     */
    public @Nullable String sellerId() {
        return this.sellerId;
    }

    /**
     * The charset of requests and signatures.
     * @return UTF-8 unless configured otherwise
     */
    public Charset charset() {
        return this.charset;
    }

    /**
     * The signature type: always {@code RSA2} (SHA256withRSA), the only type Alipay issues for new applications; RSA
     * (SHA1withRSA) keys are refused by the gateway for them, so there is nothing to configure.
     * @return {@code RSA2}
     */
    public String signType() {
        return Rsa2Signature.SIGN_TYPE;
    }

    /**
     * How long an order stays payable after its creation; sent to Alipay as {@code time_expire}.
     * @return the timeout
     */
    public Duration orderTimeout() {
        return this.orderTimeout;
    }

    /**
     * The time allowed to connect to the gateway.
     * @return the connect timeout
     */
    public Duration connectTimeout() {
        return this.connectTimeout;
    }

    /**
     * The time allowed to read the gateway's answer.
     * @return the read timeout
     */
    public Duration readTimeout() {
        return this.readTimeout;
    }

    /**
     * The PC cashier's embedded QR code mode ({@code qr_pay_mode}).
     * @return {@code 0} to {@code 4}, or {@code null} for the full cashier page
     */
    public @Nullable String pageQrPayMode() {
        return this.pageQrPayMode;
    }

    /**
     * The width of the PC cashier's embedded QR code with mode 4 ({@code qrcode_width}).
     * @return pixels, or {@code null}
     */
    public @Nullable Integer pageQrcodeWidth() {
        return this.pageQrcodeWidth;
    }

    /**
     * How often an in-store payment the buyer must confirm is queried.
     * @return the interval
     */
    public Duration barcodePollInterval() {
        return this.barcodePollInterval;
    }

    /**
     * How long an in-store payment is waited for before it is cancelled.
     * @return the timeout
     */
    public Duration barcodePollTimeout() {
        return this.barcodePollTimeout;
    }

    /**
     * How refunds are paced and confirmed.
     * @return the refund settings
     */
    public Refunds refunds() {
        return this.refunds;
    }

    /**
     * The instance name; the payment's full name is {@code pays.} followed by it.
     * @return for example {@value #DEFAULT_NAME}
     */
    public String name() {
        return this.name;
    }

    /**
     * The private key as the SDK expects it: PKCS#8, base64.
     * @return the encoded key; handle as a secret
     */
    String privateKeyBase64() {
        return Base64.getEncoder().encodeToString(this.privateKey.getEncoded());
    }

    /**
     * The Alipay public key as the console shows it: X.509, base64.
     * @return the encoded key
     */
    String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(this.publicKey.getEncoded());
    }

    @Override
    public String toString() {
        return "AliPayConfig[name=" + this.name + ", appId=" + this.appId + ", gatewayUrl=" + this.gatewayUrl
                + ", privateKey=******, " + ((this.certificates != null) ? "certificates=" + this.certificates
                        : "publicKey=******") + ", notifyUrl=" + this.notifyUrl + ", returnUrl="
                + this.returnUrl + ", sellerId=" + this.sellerId + ", charset=" + this.charset + ", orderTimeout=" + this.orderTimeout + ", connectTimeout=" + this.connectTimeout
                + ", readTimeout=" + this.readTimeout + ", refunds=" + this.refunds + "]";
    }

    /**
     * How refunds are paced and confirmed.
     *
     * @param interval        the least time between two refund requests of one trade (Alipay asks for 3 seconds)
     * @param queryDelay      how long after a request with an unknown outcome its first query waits
     * @param processingLimit how long a refund may stay processing before it is reported as stuck
     */
    public record Refunds(Duration interval, Duration queryDelay, Duration processingLimit) {

        /** 3 seconds, 10 seconds, 24 hours. */
        public static final Refunds DEFAULTS = new Refunds(Duration.ofSeconds(3), Duration.ofSeconds(10),
                Duration.ofHours(24));
    }

    /**
     * Builds an {@link AliPayConfig}; the required fields are the app id, the private key and either Alipay's public
     * key (key mode) or the three certificates (certificate mode).
     */
    public static final class Builder {

        private @Nullable String appId;

        private @Nullable String privateKey;

        private @Nullable String publicKey;

        private @Nullable String appCert;

        private @Nullable String alipayCert;

        private @Nullable String alipayRootCert;

        private String gatewayUrl = PRODUCTION_GATEWAY_URL;

        private @Nullable String notifyUrl;

        private @Nullable String returnUrl;

        private @Nullable String quitUrl;

        private @Nullable String sellerId;

        private Charset charset = StandardCharsets.UTF_8;

        private @Nullable Duration orderTimeout = DEFAULT_ORDER_TIMEOUT;

        private @Nullable Duration connectTimeout = Duration.ofSeconds(3);

        private @Nullable Duration readTimeout = Duration.ofSeconds(15);

        private @Nullable String pageQrPayMode;

        private @Nullable Integer pageQrcodeWidth;

        private @Nullable Duration barcodePollInterval = Duration.ofSeconds(3);

        private @Nullable Duration barcodePollTimeout = Duration.ofSeconds(60);

        private @Nullable Duration refundInterval = Refunds.DEFAULTS.interval();

        private @Nullable Duration refundQueryDelay = Refunds.DEFAULTS.queryDelay();

        private @Nullable Duration refundProcessingLimit = Refunds.DEFAULTS.processingLimit();

        private @Nullable String name = DEFAULT_NAME;

        private Builder() {
        }

        /**
         * Sets the application id (APPID) from the Alipay open platform console. Required.
         * @param appId the app id
         * @return this builder
         */
        public Builder appId(@Nullable String appId) {
            this.appId = appId;
            return this;
        }

        /**
         * Sets the application's RSA private key: PKCS#8 or PKCS#1, PEM or bare base64. Required.
         * @param privateKey the key text
         * @return this builder
         */
        public Builder privateKey(@Nullable String privateKey) {
            this.privateKey = privateKey;
            return this;
        }

        /**
         * Sets Alipay's public key (not the application's): X.509 or PKCS#1, PEM or bare base64. Required in key mode
         * (公钥); leave it unset in certificate mode.
         * @param publicKey the key text
         * @return this builder
         */
        public Builder publicKey(@Nullable String publicKey) {
            this.publicKey = publicKey;
            return this;
        }

        /**
         * Sets the application's public-key certificate ({@code appCertPublicKey_<appid>.crt}), which must certify the
         * private key. With {@link #alipayCert} and {@link #alipayRootCert}, it selects certificate mode (公钥证书).
         * @param appCert the PEM text
         * @return this builder
         */
        public Builder appCert(@Nullable String appCert) {
            this.appCert = appCert;
            return this;
        }

        /**
         * Sets Alipay's public-key certificate ({@code alipayCertPublicKey_RSA2.crt}, possibly followed by the CA that
         * issued it), which verifies answers and notifications in certificate mode.
         * @param alipayCert the PEM text
         * @return this builder
         */
        public Builder alipayCert(@Nullable String alipayCert) {
            this.alipayCert = alipayCert;
            return this;
        }

        /**
         * Sets Alipay's root certificates ({@code alipayRootCert.crt}): their SN goes with every request, and a
         * certificate Alipay rotates to is trusted only if it chains to one of them.
         * @param alipayRootCert the PEM text of the whole bundle
         * @return this builder
         */
        public Builder alipayRootCert(@Nullable String alipayRootCert) {
            this.alipayRootCert = alipayRootCert;
            return this;
        }

        /**
         * Sets the gateway URL.
         * @param gatewayUrl the URL; defaults to {@value AliPayConfig#PRODUCTION_GATEWAY_URL}
         * @return this builder
         */
        public Builder gatewayUrl(String gatewayUrl) {
            this.gatewayUrl = gatewayUrl;
            return this;
        }

        /**
         * Sets where Alipay posts asynchronous notifications; it must be reachable from the internet.
         * @param notifyUrl the URL, or {@code null}
         * @return this builder
         */
        public Builder notifyUrl(@Nullable String notifyUrl) {
            this.notifyUrl = notifyUrl;
            return this;
        }

        /**
         * Sets where the mobile cashier sends the buyer's browser after paying.
         * @param returnUrl the URL, or {@code null}
         * @return this builder
         */
        public Builder returnUrl(@Nullable String returnUrl) {
            this.returnUrl = returnUrl;
            return this;
        }

        /**
         * Sets where the mobile cashier sends a buyer who quits; defaults to the return URL.
         * @param quitUrl the URL, or {@code null}
         * @return this builder
         */
        public Builder quitUrl(@Nullable String quitUrl) {
            this.quitUrl = quitUrl;
            return this;
        }

        /**
         * Sets the merchant's Alipay user id ({@code 2088...}); notifications for another seller are then rejected.
         * @param sellerId the seller id, or {@code null} not to check it
         * @return this builder
         */
        public Builder sellerId(@Nullable String sellerId) {
            this.sellerId = sellerId;
            return this;
        }

        /**
         * Sets the charset of requests and signatures.
         * @param charset UTF-8 (the default), GBK or GB2312
         * @return this builder
         */
        public Builder charset(Charset charset) {
            this.charset = charset;
            return this;
        }

        /**
         * Sets how long an order stays payable after its creation.
         * @param orderTimeout the timeout, at most 15 days; defaults to 30 minutes
         * @return this builder
         */
        public Builder orderTimeout(@Nullable Duration orderTimeout) {
            this.orderTimeout = orderTimeout;
            return this;
        }

        /**
         * Sets the time allowed to connect to the gateway.
         * @param connectTimeout the timeout; defaults to 3 seconds
         * @return this builder
         */
        public Builder connectTimeout(@Nullable Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /**
         * Sets the time allowed to read the gateway's answer.
         * @param readTimeout the timeout; defaults to 15 seconds
         * @return this builder
         */
        public Builder readTimeout(@Nullable Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        /**
         * Sets the PC cashier's embedded QR code mode ({@code qr_pay_mode}): {@code 0} to {@code 3} for QR codes of
         * Alipay's sizes inside the merchant's page, {@code 4} for one of {@link #pageQrcodeWidth} pixels.
         * @param mode the mode, or {@code null} (the default) for the full cashier page
         * @return this builder
         */
        public Builder pageQrPayMode(@Nullable String mode) {
            this.pageQrPayMode = mode;
            return this;
        }

        /**
         * Sets the width of the PC cashier's embedded QR code with mode 4 ({@code qrcode_width}).
         * @param width pixels, or {@code null}
         * @return this builder
         */
        public Builder pageQrcodeWidth(@Nullable Integer width) {
            this.pageQrcodeWidth = width;
            return this;
        }

        /**
         * Sets how often an in-store payment the buyer must confirm on the phone is queried.
         * @param interval the interval; defaults to 3 seconds
         * @return this builder
         */
        public Builder barcodePollInterval(@Nullable Duration interval) {
            this.barcodePollInterval = interval;
            return this;
        }

        /**
         * Sets how long an in-store payment is waited for before it is cancelled.
         * @param timeout the timeout; defaults to 60 seconds
         * @return this builder
         */
        public Builder barcodePollTimeout(@Nullable Duration timeout) {
            this.barcodePollTimeout = timeout;
            return this;
        }

        /**
         * Sets the least time between two refund requests of one trade, which Alipay asks for.
         * @param interval the interval; defaults to 3 seconds
         * @return this builder
         */
        public Builder refundInterval(@Nullable Duration interval) {
            this.refundInterval = interval;
            return this;
        }

        /**
         * Sets how long after a refund request with an unknown outcome its first query waits: Alipay may not know the
         * request sooner.
         * @param queryDelay the delay; defaults to 10 seconds
         * @return this builder
         */
        public Builder refundQueryDelay(@Nullable Duration queryDelay) {
            this.refundQueryDelay = queryDelay;
            return this;
        }

        /**
         * Sets how long a refund may stay processing before it is reported as stuck (an ERROR log at each sweep).
         * @param processingLimit the limit; defaults to 24 hours
         * @return this builder
         */
        public Builder refundProcessingLimit(@Nullable Duration processingLimit) {
            this.refundProcessingLimit = processingLimit;
            return this;
        }

        /**
         * Sets the instance name; the full name is {@code pays.} followed by it.
         * @param name a Java identifier; defaults to {@value AliPayConfig#DEFAULT_NAME}
         * @return this builder
         */
        public Builder name(@Nullable String name) {
            this.name = name;
            return this;
        }

        /**
         * Parses the keys and checks everything.
         * @return the configuration
         * @throws PayException {@link io.jitpay.pay.PayErrorCode#CONFIG_ERROR} naming the field to fix
         */
        public AliPayConfig build() {
            return new AliPayConfig(this);
        }
    }
}
