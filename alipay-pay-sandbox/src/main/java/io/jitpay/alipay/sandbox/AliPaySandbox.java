package io.jitpay.alipay.sandbox;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded Alipay gateway that speaks the real OpenAPI protocol, for tests, demos and offline development.
 *
 * <ul>
 * <li>{@code /gateway.do} serves {@code alipay.trade.precreate}, {@code pay} (in-store, the buyer's payment code
 * deciding the outcome: {@link SandboxAuthCodes}), {@code query}, {@code close}, {@code cancel}, {@code refund} and
 * {@code fastpay.refund.query}, and the {@code wap.pay} and {@code page.pay} page requests (link or form), which go on
 * to the cashier; {@code /app} plays Alipay's app for an {@code app.pay} order string ({@link #appPayUrl}). Requests
 * are verified with the app's public key (a bad signature gets a signed {@code 40002 isv.invalid-signature}, or
 * Alipay's error page), responses are signed with a separate "Alipay" key over the exact bytes of the response
 * object, with {@code /} escaped as {@code \/}.</li>
 * <li>A trade does not exist ({@code ACQ.TRADE_NOT_EXIST}) until the buyer scans the QR code or opens the cashier,
 * as at Alipay; {@link #scan}, {@link #pay} and {@link #confirm} play the buyer, and so does the cashier page.</li>
 * <li>Each state change is notified to the trade's {@code notify_url}, signed by the V1 rule, and retried on
 * anything but {@code success} on Alipay's ladder (4m, 10m, 10m, 1h, 2h, 6h, 15h) times
 * {@link Builder#notifyRetryScale(double)}.</li>
 * <li>Refunds follow Alipay's rules: once per {@code out_request_no}, never more than what is left, a full refund
 * closes the trade; each is notified. {@link #refundFromConsole} plays the merchant refunding by hand.</li>
 * <li>{@link #failNext} makes the next call of a method fail, before or after carrying it out.</li>
 * <li>It serves each day's trade bill; {@link #billAdjustments()} makes bills disagree, to test reconciliation.</li>
 * <li>{@link Builder#certificateMode()} plays an app in certificate mode: {@link #certificates()} issues the three
 * files, checks every request's SNs, names its certificate in every answer, and rotates it on demand.</li>
 * </ul>
 *
 * <pre>
 * try (AliPaySandbox sandbox = AliPaySandbox.builder().build().start()) {
 *     AliPayConfig config = AliPayConfig.builder()
 *         .appId(sandbox.appId()).privateKey(sandbox.appPrivateKey()).publicKey(sandbox.alipayPublicKey())
 *         .gatewayUrl(sandbox.gatewayUrl()).build();
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class AliPaySandbox implements AutoCloseable {

    /** The default app id of the sandbox. */
    public static final String DEFAULT_APP_ID = "9021000000000001";

    /** The default seller (merchant) id of the sandbox. */
    public static final String DEFAULT_SELLER_ID = "2088000000000001";

    private static final Logger logger = LoggerFactory.getLogger(AliPaySandbox.class);

    private final SandboxSettings settings;

    private final TradeBook trades;

    private final PendingFaults faults = new PendingFaults();

    private final SandboxLifecycle lifecycle;

    private final BuyerActions buyer;

    AliPaySandbox(SandboxSettings settings) {
        this.settings = settings;
        this.trades = new TradeBook(settings.closeBeforeScanVoidsTrade());
        this.lifecycle = new SandboxLifecycle(settings, this.trades, this.faults);
        this.buyer = new BuyerActions(this.trades, settings.clock(), this.lifecycle);
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
    public AliPaySandbox start() {
        if (this.lifecycle.start()) {
            logger.info("Alipay sandbox gateway at {} (app id {})", gatewayUrl(), appId());
        }
        return this;
    }

    /** Stops serving and stops every pending notification retry. */
    @Override
    public void close() {
        this.lifecycle.close();
    }

    /**
     * The gateway URL to configure the application with. When the sandbox listens on every interface ({@code 0.0.0.0}
     * or {@code ::}), it names the loopback address: the application runs on this machine, a wildcard address is no
     * destination, and a plain-http gateway should be a loopback one.
     * @return for example {@code http://127.0.0.1:43121/gateway.do}
     */
    public String gatewayUrl() {
        InetSocketAddress bound = this.lifecycle.address();
        String host = bound.getAddress().isAnyLocalAddress() ? "127.0.0.1" : this.settings.host();
        return "http://" + host + ":" + bound.getPort() + "/gateway.do";
    }

    /** {@return the base URL of QR codes, cashier links and bill links, for example {@code http://127.0.0.1:43121}} */
    public String baseUrl() {
        return "http://" + this.settings.host() + ":" + port();
    }

    /** {@return the port the sandbox listens on} */
    public int port() {
        return this.lifecycle.address().getPort();
    }

    /** {@return the app id the sandbox accepts} */
    public String appId() {
        return this.settings.appId();
    }

    /** {@return the seller id the sandbox reports} */
    public String sellerId() {
        return this.settings.sellerId();
    }

    /** {@return the application's private key, to sign requests with (PKCS#8, base64)} */
    public String appPrivateKey() {
        return context().keys().appPrivateKey();
    }

    /** {@return the application's public key, the one the sandbox verifies requests with (X.509, base64)} */
    public String appPublicKey() {
        return context().keys().appPublicKey();
    }

    /** {@return the sandbox's "Alipay" public key, to verify its answers and notifications with (X.509, base64)} */
    public String alipayPublicKey() {
        return context().keys().alipayPublicKey();
    }

    /** {@return whether the sandbox plays an application in certificate mode (see {@link Builder#certificateMode()})} */
    public boolean isCertificateMode() {
        return this.settings.certificateMode();
    }

    /**
     * The certificates of certificate mode: the three files to configure, their SNs, and Alipay's rotation.
     * @return the certificates
     * @throws IllegalStateException when the sandbox plays key mode (see {@link Builder#certificateMode()})
     */
    public SandboxCertificates certificates() {
        SandboxCertificates certificates = context().certificates();
        if (certificates == null) {
            throw new IllegalStateException("The sandbox plays key mode; build it with certificateMode()");
        }
        return certificates;
    }

    /**
     * The buyer scans the QR code (or opens the cashier) without paying: the trade now exists, waiting.
     * @param orderId the order id
     * @return the trade
     * @throws IllegalArgumentException when the order was never sent to the sandbox
     */
    public SandboxTrade scan(String orderId) {
        return this.buyer.scan(orderId);
    }

    /**
     * The buyer pays: the trade becomes {@code TRADE_SUCCESS} and the notification is sent.
     * @param orderId the order id
     * @return the trade
     * @throws IllegalArgumentException when the order was never sent to the sandbox
     * @throws IllegalStateException when the trade is closed or expired
     */
    public SandboxTrade pay(String orderId) {
        return this.buyer.pay(orderId);
    }

    /**
     * The buyer confirms on the phone an in-store payment ({@code alipay.trade.pay}) that answered {@code 10003},
     * as {@link SandboxAuthCodes#NEEDS_CONFIRMATION} makes it: the trade becomes {@code TRADE_SUCCESS} and the
     * notification is sent.
     * @param orderId the order id
     * @throws IllegalArgumentException when the order was never sent to the sandbox
     * @throws IllegalStateException when nothing awaits confirmation: the trade is paid, closed, cancelled or expired,
     * or is no in-store payment the buyer had to confirm
     */
    public void confirm(String orderId) {
        this.buyer.confirm(orderId);
    }

    /**
     * The merchant refunds in Alipay's console, which nobody asked for through the API: the refund gets a request
     * number "Alipay" chose ({@code HZ...}) and is notified like any other, so a test can prove the application
     * learns of refunds it did not make.
     * @param orderId the order id
     * @param amount  the amount, greater than 0, at most two decimals, at most what is left to refund
     * @return the refund made
     * @throws IllegalArgumentException when the order was never sent to the sandbox or the amount is not one
     * @throws IllegalStateException when the trade does not exist yet, is not paid, or has less left than the amount
     */
    public SandboxRefund refundFromConsole(String orderId, BigDecimal amount) {
        return this.buyer.refundFromConsole(orderId, amount);
    }

    /**
     * The refunds of an order's trade, made through {@code alipay.trade.refund} or {@link #refundFromConsole}.
     * @param orderId the order id
     * @return the refunds, oldest first; empty when there are none or the order was never sent to the sandbox
     */
    public List<SandboxRefund> refunds(String orderId) {
        Trade trade = this.trades.byOrderId(orderId);
        return (trade != null) ? trade.refunds() : List.of();
    }

    /**
     * The trade of an order as the sandbox holds it.
     * @param orderId the order id
     * @return the trade, or empty when the order was never sent to the sandbox
     */
    public Optional<SandboxTrade> trade(String orderId) {
        return Optional.ofNullable(this.trades.byOrderId(orderId))
            .map((trade) -> trade.snapshot(this.settings.clock().instant()));
    }

    /**
     * The page of Alipay's app for an order string, as a mobile app opens it: {@code /app?orderString=...}, the
     * {@code sdkExecute(AlipayTradeAppPayRequest)} output url-encoded once more ({@code POST /app} with the same form
     * field works too). It checks the order string like the gateway checks a request, then shows the cashier.
     * @param orderString the signed order string, as the merchant's server made it
     * @return the URL
     */
    public URI appPayUrl(String orderString) {
        return URI.create(baseUrl() + "/app?" + AppPayHandler.ORDER_STRING + "="
                + URLEncoder.encode(orderString, StandardCharsets.UTF_8));
    }

    /**
     * The cashier page of an order, as the QR code and the mobile-web form open it.
     * @param orderId the order id
     * @return the URL
     */
    public String cashierUrl(String orderId) {
        return context().cashierUrl(this.trades.require(orderId));
    }

    /**
     * Makes the next call of a gateway method fail; several faults for one method play one per call, in order. For a
     * refund, the fault decides whether the money moves: see {@link SandboxFault}.
     * @param method for example {@code alipay.trade.query} or {@code alipay.trade.refund}
     * @param fault  the failure
     */
    public void failNext(String method, SandboxFault fault) {
        this.faults.add(method, fault);
    }

    /**
     * How many verified calls of a gateway method named an order, whatever the answer: for tests that must prove an
     * order was, for example, closed at most once.
     * @param method  for example {@code alipay.trade.close}
     * @param orderId the order id ({@code out_trade_no})
     * @return the number of calls
     */
    public int calls(String method, String orderId) {
        return this.trades.calls(method, orderId);
    }

    /** Forgets every pending fault. */
    public void clearFaults() {
        this.faults.clear();
    }

    /** {@return changes to the trade bills it serves, applied until cleared: see {@link BillAdjustments}} */
    public BillAdjustments billAdjustments() {
        return this.lifecycle.billAdjustments();
    }

    /** {@return every notification delivery attempted so far, oldest first} */
    public List<NotificationDelivery> deliveries() {
        return context().notifications().deliveries();
    }

    /**
     * The notification deliveries of one order, oldest first.
     * @param orderId the order id
     * @return the deliveries
     */
    public List<NotificationDelivery> deliveries(String orderId) {
        return context().notifications().deliveries(orderId);
    }

    /**
     * The signed notification Alipay would send now for an order's trade, without sending it; once refunded, it
     * carries the refunded total and the latest refund's time and request number.
     * @param orderId the order id
     * @return the parameters, {@code sign} included
     * @throws IllegalArgumentException when the order was never sent to the sandbox
     * @throws IllegalStateException when the trade does not exist yet at "Alipay"
     */
    public Map<String, String> notification(String orderId) {
        Trade trade = this.buyer.existing(orderId);
        return context().notifications().signed(trade, trade.charset);
    }

    /**
     * Sends the notification of an order's current trade state again, as a new notification with its own retries.
     * @param orderId the order id
     */
    public void renotify(String orderId) {
        context().notifications().announce(this.trades.require(orderId));
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
        context().notifications().sendTo(this.buyer.existing(orderId), url, charset);
    }

    /**
     * Signs parameters with the sandbox's "Alipay" key by the V1 rule, as Alipay signs notifications.
     * @param params  the parameters, without {@code sign}
     * @param charset the charset the signature covers
     * @return a copy with {@code sign} and {@code sign_type} added
     */
    public Map<String, String> sign(Map<String, String> params, Charset charset) {
        return context().keys().signV1(params, charset);
    }

    @Override
    public String toString() {
        return "AliPaySandbox[" + (this.lifecycle.isRunning() ? gatewayUrl() : "stopped") + ", appId=" + appId() + "]";
    }

    private SandboxContext context() {
        return this.lifecycle.context();
    }

    /**
     * Configures an {@link AliPaySandbox}: 127.0.0.1, a free port, generated keys and real retry intervals unless
     * told otherwise.
     */
    public static final class Builder extends SandboxBuilder<Builder> {

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }
    }
}
