package io.jitpay.alipay.autoconfigure;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

import io.jitpay.alipay.AliPayConfig;

/**
 * Configuration of the Alipay payment instance ({@code jitpay.alipay.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("jitpay.alipay")
public class AliPayProperties {

    /**
     * Name of the payment instance: its bean name, and with "pays." in front its full name.
     */
    private String name = "aliPayment";

    /**
     * Application id (APPID) from the Alipay open platform console. Auto-configuration activates only when it is set.
     */
    private @Nullable String appId;

    /**
     * Application private key that signs requests: PEM or base64 content (PKCS#8 or PKCS#1), or a resource location
     * such as "classpath:alipay/app-private-key.pem" or "file:/run/secrets/alipay-app-key".
     */
    private @Nullable String privateKey;

    /**
     * Alipay public key (not the application's own) that verifies responses and notifications: PEM or base64 content,
     * or a resource location.
     */
    private @Nullable String publicKey;

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

    private final Notify notify = new Notify();

    private final Store store = new Store();

    private final Sweeper sweeper = new Sweeper();

    private final Journal journal = new Journal();

    private final Refund refund = new Refund();

    private final Page page = new Page();

    private final Barcode barcode = new Barcode();

    public String getName() {
        return this.name;
    }

    public void setName(String name) {
        this.name = name;
    }

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

    public Notify getNotify() {
        return this.notify;
    }

    public Store getStore() {
        return this.store;
    }

    public Sweeper getSweeper() {
        return this.sweeper;
    }

    public Journal getJournal() {
        return this.journal;
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

    /** The endpoint that receives Alipay's asynchronous notifications. */
    public static class Notify {

        /**
         * Whether to serve the notification endpoint (servlet web applications with Spring MVC).
         */
        private boolean enabled;

        /**
         * Path of the notification endpoint. It accepts only POST.
         */
        private String path = "/jitpay/alipay/notify";

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return this.path;
        }

        public void setPath(String path) {
            this.path = path;
        }
    }

    /** The JDBC order store. */
    public static class Store {

        /**
         * When to create the order tables at start-up: "embedded" databases only, "always" or "never". The scripts
         * are idempotent.
         */
        private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

        public DatabaseInitializationMode getInitializeSchema() {
            return this.initializeSchema;
        }

        public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
            this.initializeSchema = initializeSchema;
        }
    }

    /** The journal of received notifications (table jitpay_notify_log). */
    public static class Journal {

        /**
         * How long received notifications are kept in the journal for audit and replay.
         */
        private Duration retention = Duration.ofDays(30);

        /**
         * Time between two purges of notifications older than the retention. The purge runs whether or not the
         * sweeper does.
         */
        private Duration purgeInterval = Duration.ofHours(1);

        public Duration getRetention() {
            return this.retention;
        }

        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        public Duration getPurgeInterval() {
            return this.purgeInterval;
        }

        public void setPurgeInterval(Duration purgeInterval) {
            this.purgeInterval = purgeInterval;
        }
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

    /** The sweeper that settles orders past their deadline. */
    public static class Sweeper {

        /**
         * Whether to sweep orders past their deadline (ask Alipay, record the paid ones, close the rest and mark them
         * timeout) and to confirm processing refunds. Safe with many application instances.
         */
        private boolean enabled = true;

        /**
         * Time between two sweeps.
         */
        private Duration interval = Duration.ofMinutes(1);

        /**
         * Most orders handled in one batch; a sweep runs batches until no due order is left.
         */
        private int batchSize = 100;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return this.interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public int getBatchSize() {
            return this.batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }
    }
}
