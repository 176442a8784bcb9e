package io.jitpay.alipay.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded Alipay gateway that speaks the real OpenAPI protocol, for tests, demos and offline development.
 *
 * <ul>
 * <li>{@code /gateway.do} serves {@code alipay.trade.precreate}, {@code query}, {@code close} and {@code cancel}, and
 * the {@code alipay.trade.wap.pay} page request: requests are verified with the app's public key (a bad signature gets
 * a signed {@code 40002 isv.invalid-signature}), responses are signed with a separate "Alipay" key over the exact
 * bytes of the response object, with {@code /} escaped as {@code \/}.</li>
 * <li>A trade does not exist ({@code ACQ.TRADE_NOT_EXIST}) until the buyer scans the QR code or opens the cashier,
 * as at Alipay; {@link #scan} and {@link #pay} play the buyer, and so does the cashier page in a browser.</li>
 * <li>Each state change is notified to the trade's {@code notify_url}, signed by the V1 rule, and retried on
 * anything but {@code success} on Alipay's ladder (4m, 10m, 10m, 1h, 2h, 6h, 15h) times
 * {@link Builder#notifyRetryScale(double)}.</li>
 * <li>{@link #failNext} makes the next call of a method fail.</li>
 * </ul>
 *
 * <pre>
 * try (AliPaySandbox sandbox = AliPaySandbox.builder().build().start()) {
 *     AliPayConfig config = AliPayConfig.builder()
 *         .appId(sandbox.appId()).privateKey(sandbox.appPrivateKey()).publicKey(sandbox.alipayPublicKey())
 *         .gatewayUrl(sandbox.gatewayUrl()).build();
 * }
 * </pre>
 */
public final class AliPaySandbox implements AutoCloseable {

    /** The default app id of the sandbox. */
    public static final String DEFAULT_APP_ID = "9021000000000001";

    /** The default seller (merchant) id of the sandbox. */
    public static final String DEFAULT_SELLER_ID = "2088000000000001";

    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private static final DateTimeFormatter WIRE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
        .withZone(BEIJING);

    private static final Logger logger = LoggerFactory.getLogger(AliPaySandbox.class);

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and the client's
        // delayed ACK add about 40 ms to every answer. The property is read once, by the first server in the JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String host;

    private final int requestedPort;

    private final String appId;

    private final String sellerId;

    private final double notifyRetryScale;

    private final Clock clock;

    private final @Nullable KeyPair appKeyPair;

    private final @Nullable KeyPair alipayKeyPair;

    private final Map<String, Trade> trades = new ConcurrentHashMap<>();

    private final Map<String, Trade> tokens = new ConcurrentHashMap<>();

    private final Map<String, Deque<SandboxFault>> faults = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private final SecureRandom random = new SecureRandom();

    private final AtomicInteger sequence = new AtomicInteger();

    private volatile @Nullable HttpServer server;

    private volatile @Nullable ExecutorService executor;

    private volatile @Nullable SandboxKeys keys;

    private volatile @Nullable Notifier notifier;

    private AliPaySandbox(Builder builder) {
        this.host = builder.host;
        this.requestedPort = builder.port;
        this.appId = builder.appId;
        this.sellerId = builder.sellerId;
        this.notifyRetryScale = builder.notifyRetryScale;
        this.clock = builder.clock;
        this.appKeyPair = builder.appKeyPair;
        this.alipayKeyPair = builder.alipayKeyPair;
    }

    /**
     * Starts configuring a sandbox.
     * @return a builder: 127.0.0.1, a free port, real retry intervals
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Generates the key pairs (unless given) and starts serving.
     * @return this sandbox
     * @throws UncheckedIOException when the port cannot be bound
     */
    public synchronized AliPaySandbox start() {
        if (this.server != null) {
            return this;
        }
        KeyPair app = (this.appKeyPair != null) ? this.appKeyPair : TestRsaKeys.generate();
        KeyPair alipay = (this.alipayKeyPair != null) ? this.alipayKeyPair : TestRsaKeys.generate();
        this.keys = new SandboxKeys(app, alipay);
        this.notifier = new Notifier(this.notifyRetryScale, this.clock);
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(this.host, this.requestedPort), 256);
            http.createContext("/gateway.do", new GatewayHandler(this));
            CashierHandler cashier = new CashierHandler(this);
            http.createContext("/qr/", cashier);
            http.createContext("/cashier/", cashier);
            ExecutorService threads = Executors.newCachedThreadPool((task) -> {
                Thread thread = new Thread(task, "alipay-sandbox-http");
                thread.setDaemon(true);
                return thread;
            });
            http.setExecutor(threads);
            startAsDaemon(http);
            this.executor = threads;
            this.server = http;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot bind the Alipay sandbox to " + this.host + ":" + this.requestedPort,
                    ex);
        }
        logger.info("Alipay sandbox gateway at {} (app id {})", gatewayUrl(), this.appId);
        return this;
    }

    /**
     * The JDK server's dispatcher thread inherits the daemon flag of the thread that starts it; started from a daemon
     * thread, a sandbox that is never closed does not keep the JVM alive.
     */
    private static void startAsDaemon(HttpServer http) {
        Thread starter = new Thread(http::start, "alipay-sandbox-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the Alipay sandbox", ex);
        }
    }

    /** Stops serving and stops every pending notification retry. */
    @Override
    public synchronized void close() {
        HttpServer http = this.server;
        if (http != null) {
            http.stop(0);
            this.server = null;
        }
        ExecutorService threads = this.executor;
        if (threads != null) {
            threads.shutdownNow();
        }
        Notifier sender = this.notifier;
        if (sender != null) {
            sender.close();
        }
    }

    /**
     * The gateway URL to configure the application with.
     * @return for example {@code http://127.0.0.1:43121/gateway.do}
     */
    public String gatewayUrl() {
        return baseUrl() + "/gateway.do";
    }

    /**
     * The base URL of the sandbox.
     * @return for example {@code http://127.0.0.1:43121}
     */
    public String baseUrl() {
        return "http://" + this.host + ":" + port();
    }

    /**
     * The port the sandbox listens on.
     * @return the port
     */
    public int port() {
        return running().getAddress().getPort();
    }

    /**
     * The app id the sandbox accepts.
     * @return the app id
     */
    public String appId() {
        return this.appId;
    }

    /**
     * The seller id the sandbox reports.
     * @return the seller id
     */
    public String sellerId() {
        return this.sellerId;
    }

    /**
     * The application's private key, to sign requests with (PKCS#8, base64).
     * @return the key
     */
    public String appPrivateKey() {
        return keys().appPrivateKey();
    }

    /**
     * The application's public key, the one the sandbox verifies requests with (X.509, base64).
     * @return the key
     */
    public String appPublicKey() {
        return keys().appPublicKey();
    }

    /**
     * The sandbox's "Alipay" public key, to verify its responses and notifications with (X.509, base64).
     * @return the key
     */
    public String alipayPublicKey() {
        return keys().alipayPublicKey();
    }

    /**
     * The buyer scans the QR code (or opens the cashier) without paying: the trade now exists, waiting.
     * @param orderId the order id
     * @return the trade
     * @throws IllegalArgumentException when the order was never sent to the sandbox
     */
    public SandboxTrade scan(String orderId) {
        Trade trade = require(orderId);
        trade.engage(now());
        return trade.snapshot(now());
    }

    /**
     * The buyer pays: the trade becomes {@code TRADE_SUCCESS} and the notification is sent.
     * @param orderId the order id
     * @return the trade
     * @throws IllegalArgumentException when the order was never sent to the sandbox
     * @throws IllegalStateException when the trade is closed or expired
     */
    public SandboxTrade pay(String orderId) {
        Trade trade = require(orderId);
        if (!payTrade(trade) && !trade.snapshot(now()).isPaid()) {
            throw new IllegalStateException("Trade " + orderId + " is closed or expired and cannot be paid");
        }
        return trade.snapshot(now());
    }

    /**
     * The trade of an order as the sandbox holds it.
     * @param orderId the order id
     * @return the trade, or empty when the order was never sent to the sandbox
     */
    public Optional<SandboxTrade> trade(String orderId) {
        Trade trade = this.trades.get(orderId);
        return (trade != null) ? Optional.of(trade.snapshot(now())) : Optional.empty();
    }

    /**
     * The cashier page of an order, as the QR code and the mobile-web form open it.
     * @param orderId the order id
     * @return the URL
     */
    public String cashierUrl(String orderId) {
        return baseUrl() + "/cashier/" + require(orderId).token;
    }

    /**
     * Makes the next call of a gateway method fail.
     * @param method for example {@code alipay.trade.query}
     * @param fault  the failure
     */
    public void failNext(String method, SandboxFault fault) {
        this.faults.computeIfAbsent(method, (m) -> new ArrayDeque<>()).add(fault);
    }

    /**
     * How many verified calls of a gateway method named an order, whatever the answer: for tests that must prove an
     * order was, for example, closed at most once.
     * @param method  for example {@code alipay.trade.close}
     * @param orderId the order id ({@code out_trade_no})
     * @return the number of calls
     */
    public int calls(String method, String orderId) {
        AtomicInteger count = this.calls.get(method + " " + orderId);
        return (count != null) ? count.get() : 0;
    }

    /** Forgets every pending fault. */
    public void clearFaults() {
        this.faults.clear();
    }

    /**
     * Every notification delivery attempted so far, oldest first.
     * @return the deliveries
     */
    public List<NotificationDelivery> deliveries() {
        return notifier().deliveries();
    }

    /**
     * The notification deliveries of one order, oldest first.
     * @param orderId the order id
     * @return the deliveries
     */
    public List<NotificationDelivery> deliveries(String orderId) {
        List<NotificationDelivery> mine = new ArrayList<>();
        for (NotificationDelivery delivery : deliveries()) {
            if (delivery.orderId().equals(orderId)) {
                mine.add(delivery);
            }
        }
        return mine;
    }

    /**
     * The signed notification Alipay would send now for an order's trade, without sending it.
     * @param orderId the order id
     * @return the parameters, {@code sign} included
     * @throws IllegalArgumentException when the order was never sent to the sandbox
     * @throws IllegalStateException when the trade does not exist yet at "Alipay"
     */
    public Map<String, String> notification(String orderId) {
        Trade trade = require(orderId);
        if (trade.status(now()) == null) {
            throw new IllegalStateException("Trade " + orderId + " does not exist yet: scan or pay it first");
        }
        return notificationOf(trade, trade.charset);
    }

    /**
     * Sends the notification of an order's current trade state again, as a new notification with its own retries.
     * @param orderId the order id
     */
    public void renotify(String orderId) {
        notifyTrade(require(orderId));
    }

    /**
     * Sends the notification of an order's current trade state to a given URL, with Alipay's retries: for receivers
     * whose address is known only once they run, such as a test server on a random port.
     * @param orderId the order id
     * @param url     the receiver
     * @param charset the charset of the notification: its {@code charset} parameter, signature and body encoding
     * @throws IllegalStateException when the trade does not exist yet at "Alipay"
     */
    public void notifyTo(String orderId, String url, Charset charset) {
        Trade trade = require(orderId);
        if (trade.status(now()) == null) {
            throw new IllegalStateException("Trade " + orderId + " does not exist yet: scan or pay it first");
        }
        notifier().send(url, orderId, notificationOf(trade, charset), charset);
    }

    /**
     * Signs parameters with the sandbox's "Alipay" key by the V1 rule, as Alipay signs notifications.
     * @param params  the parameters, without {@code sign}
     * @param charset the charset the signature covers
     * @return a copy with {@code sign} and {@code sign_type} added
     */
    public Map<String, String> sign(Map<String, String> params, Charset charset) {
        return keys().signV1(params, charset);
    }

    @Override
    public String toString() {
        HttpServer http = this.server;
        return "AliPaySandbox[" + ((http != null) ? gatewayUrl() : "stopped") + ", appId=" + this.appId + "]";
    }

    // Package-private plumbing for the handlers.

    Instant now() {
        return this.clock.instant();
    }

    String beijing(Instant instant) {
        return WIRE_TIME.format(instant);
    }

    SandboxKeys keys() {
        SandboxKeys current = this.keys;
        if (current == null) {
            throw new IllegalStateException("The sandbox is not started; call start() first");
        }
        return current;
    }

    Map<String, Trade> trades() {
        return this.trades;
    }

    void countCall(String method, String orderId) {
        this.calls.computeIfAbsent(method + " " + orderId, (key) -> new AtomicInteger()).incrementAndGet();
    }

    @Nullable Trade tradeByToken(String token) {
        return this.tokens.get(token);
    }

    @Nullable SandboxFault takeFault(String method) {
        Deque<SandboxFault> queue = this.faults.get(method);
        if (queue == null) {
            return null;
        }
        synchronized (queue) {
            return queue.poll();
        }
    }

    Trade newTrade(String orderId, String method, String subject, BigDecimal amount, Charset charset,
            Instant expiresAt, @Nullable String notifyUrl, @Nullable String returnUrl) {
        Instant now = now();
        String tradeNo = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(BEIJING).format(now) + "22001"
                + digits(15);
        String token = "bax" + Long.toString(this.random.nextLong() & Long.MAX_VALUE, 36)
                + this.sequence.incrementAndGet();
        Trade trade = new Trade(orderId, tradeNo, token, method, subject, amount, charset, now, expiresAt, notifyUrl,
                returnUrl, "2088" + digits(12), "jit***@sandbox.test");
        this.tokens.put(token, trade);
        return trade;
    }

    boolean payTrade(Trade trade) {
        boolean paid = trade.pay(now());
        if (paid) {
            notifyTrade(trade);
        }
        return paid;
    }

    void notifyTrade(Trade trade) {
        if (trade.notifyUrl == null) {
            return;
        }
        notifier().send(trade.notifyUrl, trade.orderId, notificationOf(trade, trade.charset), trade.charset);
    }

    private Map<String, String> notificationOf(Trade trade, Charset charset) {
        Instant now = now();
        String status = trade.status(now);
        Instant paidAt = trade.paidAt();
        String paid = (paidAt != null) ? trade.amount.toPlainString() : "0.00";
        Map<String, String> params = new LinkedHashMap<>();
        params.put("gmt_create", beijing(trade.createdAt));
        params.put("charset", charset.name().toLowerCase(java.util.Locale.ROOT));
        params.put("seller_email", "merchant@sandbox.test");
        params.put("subject", trade.subject);
        params.put("buyer_id", trade.buyerId);
        params.put("invoice_amount", paid);
        params.put("notify_id", digits(34));
        params.put("fund_bill_list", "[{\"amount\":\"" + paid + "\",\"fundChannel\":\"ALIPAYACCOUNT\"}]");
        params.put("notify_type", "trade_status_sync");
        params.put("trade_status", status);
        params.put("receipt_amount", paid);
        params.put("app_id", this.appId);
        params.put("buyer_pay_amount", paid);
        params.put("seller_id", this.sellerId);
        if (paidAt != null) {
            params.put("gmt_payment", beijing(paidAt));
        }
        if (Trade.TRADE_CLOSED.equals(status)) {
            params.put("gmt_close", beijing(now));
        }
        params.put("notify_time", beijing(now));
        params.put("version", "1.0");
        params.put("out_trade_no", trade.orderId);
        params.put("total_amount", trade.amount.toPlainString());
        params.put("trade_no", trade.tradeNo);
        params.put("auth_app_id", this.appId);
        params.put("buyer_logon_id", trade.buyerLogonId);
        params.put("point_amount", "0.00");
        return keys().signV1(params, charset);
    }

    private Trade require(String orderId) {
        Trade trade = this.trades.get(orderId);
        if (trade == null) {
            throw new IllegalArgumentException("The sandbox has no trade for order " + orderId
                    + ": request a payment link first");
        }
        return trade;
    }

    private HttpServer running() {
        HttpServer http = this.server;
        if (http == null) {
            throw new IllegalStateException("The sandbox is not started; call start() first");
        }
        return http;
    }

    private Notifier notifier() {
        Notifier current = this.notifier;
        if (current == null) {
            throw new IllegalStateException("The sandbox is not started; call start() first");
        }
        return current;
    }

    private String digits(int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + this.random.nextInt(10)));
        }
        return out.toString();
    }

    /** Configures an {@link AliPaySandbox}. */
    public static final class Builder {

        private String host = "127.0.0.1";

        private int port;

        private String appId = DEFAULT_APP_ID;

        private String sellerId = DEFAULT_SELLER_ID;

        private double notifyRetryScale = 1.0;

        private Clock clock = Clock.systemUTC();

        private @Nullable KeyPair appKeyPair;

        private @Nullable KeyPair alipayKeyPair;

        private Builder() {
        }

        /**
         * Sets the address to listen on.
         * @param host an address of this machine; {@code 127.0.0.1} by default
         * @return this builder
         */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /**
         * Sets the port.
         * @param port the port, or 0 (the default) for a free one
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Sets the app id the sandbox accepts.
         * @param appId the app id
         * @return this builder
         */
        public Builder appId(String appId) {
            this.appId = appId;
            return this;
        }

        /**
         * Sets the seller id the sandbox reports.
         * @param sellerId the seller id
         * @return this builder
         */
        public Builder sellerId(String sellerId) {
            this.sellerId = sellerId;
            return this;
        }

        /**
         * Scales Alipay's notification retry ladder: 1 is real time (4 minutes to the first retry), 0.001 makes
         * the first retry come after 240 ms.
         * @param scale the factor, greater than 0
         * @return this builder
         */
        public Builder notifyRetryScale(double scale) {
            if (!(scale > 0)) {
                throw new IllegalArgumentException("notifyRetryScale must be greater than 0");
            }
            this.notifyRetryScale = scale;
            return this;
        }

        /**
         * Shortcut for a retry ladder where each step takes {@code first / 4 minutes} of its real length.
         * @param first the wait before the first retry
         * @return this builder
         */
        public Builder firstNotifyRetryAfter(Duration first) {
            return notifyRetryScale(first.toNanos() / (double) Notifier.LADDER.get(0).toNanos());
        }

        /**
         * Sets the clock of trade times and expiry.
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Uses a given application key pair instead of a generated one.
         * @param keyPair a 2048-bit RSA key pair
         * @return this builder
         */
        public Builder appKeyPair(KeyPair keyPair) {
            this.appKeyPair = keyPair;
            return this;
        }

        /**
         * Uses a given "Alipay" key pair instead of a generated one.
         * @param keyPair a 2048-bit RSA key pair, different from the app's
         * @return this builder
         */
        public Builder alipayKeyPair(KeyPair keyPair) {
            this.alipayKeyPair = keyPair;
            return this;
        }

        /**
         * Creates the sandbox, not yet started.
         * @return the sandbox
         */
        public AliPaySandbox build() {
            return new AliPaySandbox(this);
        }

        /**
         * Creates and starts the sandbox.
         * @return the running sandbox
         */
        public AliPaySandbox start() {
            return build().start();
        }
    }
}
