package io.jitpay.alipay;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.jitpay.pay.NotifyJournal;
import io.jitpay.pay.NotifyRecord;
import io.jitpay.pay.NotifyResult;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayStatusChangedEvent;
import io.jitpay.pay.PayStatusListener;
import io.jitpay.pay.PayType;
import io.jitpay.pay.PayUrl;
import io.jitpay.pay.Payment;
import io.jitpay.pay.SweepReport;

/**
 * The Alipay payment Type: orders paid by QR code ({@link PayType#PRE_PAY}) or the mobile web cashier
 * ({@link PayType#WAP_PAY}), checked and cancelled through the gateway, and settled by Alipay's signed notifications.
 *
 * <p>This class is the table of contents; each concept lives in a class of its own: the state machine every status
 * change goes through ({@code OrderTransitions}), the sweep of due orders ({@code OrderSweep}), the notification
 * intake ({@code NotificationIntake}), the input rules ({@code OrderRequest}) and the gateway port
 * ({@link AliPayGateway}). An instance sees and changes only its own orders (those stored with its
 * {@link #fullName()}). Every status change is a conditional update on the status read before it, so concurrent
 * notifications, checks and cancels change an order at most once, and only the caller that changed it fires the
 * {@link PayStatusChangedEvent}. No database transaction is open while the gateway is called. Money received is never
 * ignored: a payment reported for a closed or timed-out order makes it {@link PayStatus#SUCCESS}.
 *
 * <pre>
 * AliPayment aliPayment = AliPayment.builder(config, new JdbcPayLogStore(dataSource))
 *     .journal(new JdbcNotifyJournal(dataSource)).build();
 * PayLog order = aliPayment.create("Coffee", new BigDecimal("9.90"));
 * String qrLink = aliPayment.getPayUrl(order.orderId(), PayType.PRE_PAY).payUrl();
 * </pre>
 *
 * @since 0.1.0
 */
public final class AliPayment implements Payment {

    /** The answer that tells Alipay a notification was handled. */
    public static final String SUCCESS_RETURN = NotifyResult.SUCCESS;

    /** The largest amount of one order, in yuan. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("100000000.00");

    /** The longest subject, in characters. */
    public static final int MAX_SUBJECT_LENGTH = 256;

    private static final String FORM = "application/x-www-form-urlencoded";

    /** Attempts at a generated id before giving up: another instance may generate the same one. */
    private static final int MAX_ID_ATTEMPTS = 5;

    private final AliPayConfig config;

    private final AliPayLogStore store;

    private final AliPayGateway gateway;

    private final NotifyVerifier verifier;

    private final Clock clock;

    private final OrderIdGenerator orderIds;

    private final @Nullable NotifyJournal journal;

    private final String fullName;

    private final OrderTransitions transitions;

    private final OrderSweep sweep;

    private final NotificationIntake notifications;

    private AliPayment(Builder builder) {
        this.config = builder.config;
        this.store = builder.store;
        this.gateway = (builder.gateway != null) ? builder.gateway : new SdkAliPayGateway(builder.config);
        this.verifier = new NotifyVerifier(builder.config);
        this.clock = builder.clock;
        this.orderIds = new OrderIdGenerator(builder.clock);
        this.journal = builder.journal;
        this.fullName = "pays." + builder.config.name();
        this.transitions = new OrderTransitions(this.store, builder.listeners, builder.clock);
        this.sweep = new OrderSweep(this.fullName, this.store, this.gateway, this.transitions, sweepLease(this.config));
        this.notifications = new NotificationIntake(this.config, this.fullName, this.verifier, this.store,
                this.transitions, this.journal);
    }

    /**
     * Starts building a payment instance.
     * @param config the configuration
     * @param store  where orders are kept, for example a {@link io.jitpay.alipay.jdbc.JdbcPayLogStore}
     * @return the builder
     */
    public static Builder builder(AliPayConfig config, AliPayLogStore store) {
        return new Builder(config, store);
    }

    @Override
    public PayLog create(String subject, BigDecimal amount, @Nullable String orderId) {
        OrderRequest request = new OrderRequest(subject, amount, orderId);
        if (request.orderId() != null) {
            return insert(request.orderId(), request);
        }
        for (int attempt = 1;; attempt++) {
            try {
                return insert(generateOrderId(), request);
            }
            catch (PayException ex) {
                if (ex.code() != PayErrorCode.ORDER_EXISTS_ERROR || attempt == MAX_ID_ATTEMPTS) {
                    throw ex;
                }
                // Another instance generates with the same node: move to another one.
                this.orderIds.reseed();
            }
        }
    }

    @Override
    public PayUrl getPayUrl(String orderId, PayType payType) {
        if (payType == null) {
            throw new PayException(PayErrorCode.UNKNOWN_PAY_TYPE, "payType is missing; use PRE_PAY or WAP_PAY");
        }
        PayLog order = require(orderId);
        if (!order.status().isPayable()) {
            throw new PayException(PayErrorCode.ORDER_STATUS_ERROR, "Order " + orderId + " is "
                    + order.status().code() + "; only a waiting order can be paid");
        }
        if (!now().isBefore(order.expiresAt())) {
            throw new PayException(PayErrorCode.ORDER_STATUS_ERROR, "Order " + orderId + " expired at "
                    + order.expiresAt() + "; create a new order");
        }
        AliPayGateway.TradeOrder trade = new AliPayGateway.TradeOrder(order.orderId(), order.subject(),
                order.amount(), order.expiresAt());
        PayUrl payUrl = switch (payType) {
            case PRE_PAY -> new PayUrl(this.gateway.precreate(trade), null);
            case WAP_PAY -> this.gateway.wapPay(trade);
        };
        if (order.payType() != payType) {
            this.store.updatePayType(this.fullName, orderId, payType, now());
        }
        return payUrl;
    }

    @Override
    public PayLog check(String orderId) {
        PayLog order = require(orderId);
        checkThird(order);
        return require(orderId);
    }

    @Override
    public Optional<AliPayLog> checkThird(PayLog payLog) {
        PayLog order = require(payLog.orderId());
        Optional<AliPayLog> view = this.gateway.query(order.orderId());
        view.ifPresent((trade) -> applyOrThrow(order, trade));
        return view;
    }

    @Override
    public PayLog cancel(String orderId) {
        PayLog order = require(orderId);
        if (order.status() == PayStatus.SUCCESS) {
            throw paidCannotClose(order);
        }
        if (order.status() != PayStatus.WAIT) {
            return order;
        }
        AliPayGateway.Closing closing = closeAtAlipay(order);
        // A trade Alipay did not know yet may still be paid until its deadline (nothing says that the QR code is void):
        // the sweeper checks it again then.
        Instant recheck = (closing.outcome() == AliPayGateway.CloseOutcome.NOT_FOUND) ? order.expiresAt() : null;
        PayLog closed = this.transitions.move(order, PayStatus.CLOSE, null, recheck);
        if (closed.status() == PayStatus.SUCCESS) {
            throw paidCannotClose(closed);
        }
        return closed;
    }

    @Override
    public void cancelThird(String orderId) {
        closeAtAlipay(require(orderId));
    }

    /**
     * Checks the orders due for a check: waiting orders past their deadline, and orders closed before Alipay knew
     * their trade, once their deadline has passed. For each, asks Alipay; a paid one becomes {@link PayStatus#SUCCESS};
     * a waiting one is closed at Alipay ({@code ACQ.TRADE_NOT_EXIST} counts as closed) and becomes
     * {@link PayStatus#TIMEOUT}. Each order is claimed first, so several instances sweeping at once handle each order
     * once. A gateway or database failure leaves the order due for the next round.
     * @param batchSize the most orders to look at
     * @return what the sweep did
     */
    public SweepReport sweep(int batchSize) {
        return this.sweep.sweep(batchSize);
    }

    /**
     * Deletes this instance's journaled notifications (and those no instance handled) received before a time.
     * @param before the oldest time to keep
     * @return how many were deleted; 0 without a journal
     */
    public int purgeNotifications(Instant before) {
        return (this.journal != null) ? this.journal.purgeNotifications(this.fullName, before) : 0;
    }

    /**
     * Handles a journaled notification again, as if Alipay had delivered it now: for a notification that failed
     * while the database or a listener was down and that Alipay no longer retries.
     * @param journalId the id of the notification in the journal
     * @return the outcome
     * @throws PayException {@link PayErrorCode#INVALID_PARAM_ERROR} when there is no such notification
     */
    public NotifyResult replayNotification(long journalId) {
        NotifyRecord record = (this.journal != null) ? this.journal.findNotification(journalId).orElse(null) : null;
        if (record == null) {
            throw new PayException(PayErrorCode.INVALID_PARAM_ERROR, "There is no notification " + journalId
                    + " in the journal");
        }
        return this.notifications.handle(NotifyRequest.of(FORM, record.form().getBytes(StandardCharsets.ISO_8859_1),
                "replay of notification " + journalId));
    }

    @Override
    public NotifyResult notify(Map<String, String> params) {
        return notify(params, null);
    }

    /**
     * Handles one asynchronous notification, as {@link #notify(Map)}, and journals it with its sender.
     * @param params        the notification's decoded parameters; not modified
     * @param remoteAddress who sent it, for the journal
     * @return the outcome and the body to answer with
     */
    public NotifyResult notify(Map<String, String> params, @Nullable String remoteAddress) {
        return this.notifications.handle(params, remoteAddress);
    }

    /**
     * Handles one HTTP request that should hold a notification: checks its content type and size, decodes the form
     * with the charset it names, then handles it as {@link #notify(Map)}. Any endpoint (servlet, Spring MVC, WebFlux)
     * answers with {@link NotifyResult#httpStatus()} and {@link NotifyResult#body()}.
     * @param request the request
     * @return the outcome, the status and the body to answer with
     */
    public NotifyResult notify(NotifyRequest request) {
        return this.notifications.handle(request);
    }

    /**
     * Verifies the parameters Alipay appends to the {@code return_url} when the mobile cashier sends the buyer back.
     * They only say which order the buyer returns from: they are not proof of payment (only a notification or a check
     * is), so show the order's stored status.
     * @param params the decoded query parameters of the return request
     * @return the order the buyer returns from
     * @throws PayException {@link PayErrorCode#SIGN_ERROR} when the signature or app id does not match,
     *                      {@link PayErrorCode#ORDER_NOT_EXIST_ERROR} for an order that is not ours
     */
    public PayLog verifyReturn(Map<String, String> params) {
        if (!this.verifier.verify(params) || !this.config.appId().equals(params.get("app_id"))) {
            throw new PayException(PayErrorCode.SIGN_ERROR, "The return parameters are not signed by Alipay for app "
                    + this.config.appId() + "; do not trust them");
        }
        return require(params.get("out_trade_no"));
    }

    @Override
    public String generateOrderId() {
        return this.orderIds.next();
    }

    @Override
    public String fullName() {
        return this.fullName;
    }

    @Override
    public Optional<PayLog> find(@Nullable String orderId) {
        return (orderId == null) ? Optional.empty() : this.store.find(this.fullName, orderId);
    }

    /**
     * The latest Alipay-side view recorded for an order of this instance.
     * @param orderId the order id
     * @return the view, or empty when Alipay has not reported the trade
     */
    public Optional<AliPayLog> findAliPayLog(String orderId) {
        return this.store.findAliPayLog(this.fullName, orderId);
    }

    /**
     * The configuration.
     * @return the configuration of this instance
     */
    public AliPayConfig config() {
        return this.config;
    }

    /**
     * The application id.
     * @return the app id
     */
    public String appId() {
        return this.config.appId();
    }

    /**
     * Alipay's public key, which verifies notifications.
     * @return the key as X.509 base64, as the Alipay console shows it
     */
    public String publicKey() {
        return this.config.publicKeyBase64();
    }

    /**
     * The application's private key, which signs requests. Handle it as a secret.
     * @return the key as PKCS#8 base64
     */
    public String privateKey() {
        return this.config.privateKeyBase64();
    }

    /**
     * The verifier of this instance's notifications, for return-url parameters and custom endpoints.
     * @return the verifier
     */
    public NotifyVerifier verifier() {
        return this.verifier;
    }

    @Override
    public String toString() {
        return "AliPayment[" + this.fullName + ", appId=" + this.config.appId() + "]";
    }

    private PayLog insert(String orderId, OrderRequest request) {
        Instant now = now();
        Instant expiresAt = now.plus(this.config.orderTimeout()).truncatedTo(ChronoUnit.SECONDS);
        PayLog order = new PayLog(orderId, this.fullName, request.subject(), request.amount(), PayStatus.WAIT, null,
                null, now, expiresAt, now, null);
        this.store.insert(order);
        return order;
    }

    /**
     * Closes the order's trade at Alipay; a trade that turns out paid is recorded as paid, and the close refused.
     */
    private AliPayGateway.Closing closeAtAlipay(PayLog order) {
        AliPayGateway.Closing closing = this.gateway.closeOrQuery(order.orderId());
        AliPayLog view = closing.view();
        if (view != null) {
            PayLog after = applyOrThrow(order, view);
            if (view.tradeStatus().isPaid()) {
                throw new PayException(PayErrorCode.ORDER_STATUS_ERROR, "Alipay reports order " + order.orderId()
                        + " paid (trade_no " + view.tradeNo() + "); it is recorded as " + after.status().code()
                        + ", refund it instead");
            }
        }
        return closing;
    }

    private PayLog applyOrThrow(PayLog order, AliPayLog view) {
        OrderTransitions.Result result = this.transitions.apply(order, view);
        if (result.kind() == OrderTransitions.Kind.AMOUNT_MISMATCH) {
            throw new PayException(PayErrorCode.THIRD_PARTY_ERROR, "Alipay reports total_amount "
                    + view.totalAmount() + " for order " + order.orderId() + " of " + order.amount()
                    + "; the order is left unchanged");
        }
        return result.order();
    }

    /** Long enough for the gateway calls of one order, each bounded by the connect and read timeouts. */
    private static Duration sweepLease(AliPayConfig config) {
        return config.connectTimeout().plus(config.readTimeout()).multipliedBy(3).plusMinutes(1);
    }

    private PayLog require(@Nullable String orderId) {
        return find(orderId).orElseThrow(() -> new PayException(PayErrorCode.ORDER_NOT_EXIST_ERROR,
                "Order " + orderId + " does not exist"));
    }

    private static PayException paidCannotClose(PayLog order) {
        return new PayException(PayErrorCode.ORDER_STATUS_ERROR, "Order " + order.orderId()
                + " is paid and cannot be cancelled; refund it instead");
    }

    private Instant now() {
        return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Builds an {@link AliPayment}. */
    public static final class Builder {

        private final AliPayConfig config;

        private final AliPayLogStore store;

        private @Nullable AliPayGateway gateway;

        private Clock clock = Clock.systemUTC();

        private final List<PayStatusListener> listeners = new ArrayList<>();

        private @Nullable NotifyJournal journal;

        private Builder(AliPayConfig config, AliPayLogStore store) {
            this.config = Objects.requireNonNull(config, "config");
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * Sets the gateway; by default an {@link SdkAliPayGateway} over the configuration.
         * @param gateway the gateway
         * @return this builder
         */
        public Builder gateway(AliPayGateway gateway) {
            this.gateway = gateway;
            return this;
        }

        /**
         * Sets the clock of order times and ids.
         * @param clock the clock; the system UTC clock by default
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Adds a listener for status changes; it runs in the transition's transaction.
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(PayStatusListener listener) {
            this.listeners.add(listener);
            return this;
        }

        /**
         * Sets where received notifications are journaled, for example a
         * {@link io.jitpay.alipay.jdbc.JdbcNotifyJournal}; none by default.
         * @param journal the journal
         * @return this builder
         */
        public Builder journal(NotifyJournal journal) {
            this.journal = journal;
            return this;
        }

        /**
         * Builds the payment instance.
         * @return the instance
         */
        public AliPayment build() {
            return new AliPayment(this);
        }
    }
}
