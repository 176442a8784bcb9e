package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jitpay.pay.NotifyJournal;
import io.jitpay.pay.NotifyRecord;
import io.jitpay.pay.NotifyResult;
import io.jitpay.pay.NotifyResult.Outcome;
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
 * <p>Every status change is a conditional update on the status read before it, so concurrent notifications, checks
 * and cancels change an order at most once, and only the caller that changed it fires the
 * {@link PayStatusChangedEvent}. No database transaction is open while the gateway is called. Money received is never
 * ignored: a payment reported for a closed or timed-out order makes it {@link PayStatus#SUCCESS}.
 *
 * <pre>
 * AliPayment aliPayment = AliPayment.builder(config, new JdbcPayLogStore(dataSource)).build();
 * PayLog order = aliPayment.create("Coffee", new BigDecimal("9.90"));
 * String qrLink = aliPayment.getPayUrl(order.orderId(), PayType.PRE_PAY).payUrl();
 * </pre>
 */
public final class AliPayment implements Payment {

    /** The answer that tells Alipay a notification was handled. */
    public static final String SUCCESS_RETURN = NotifyResult.SUCCESS;

    /** The largest amount of one order, in yuan. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("100000000.00");

    /** The longest subject, in characters. */
    public static final int MAX_SUBJECT_LENGTH = 256;

    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final int MAX_ID_ATTEMPTS = 5;

    /** A status can change at most WAIT -> CLOSE -> SUCCESS, so a few re-reads always settle a lost race. */
    private static final int MAX_TRANSITION_ATTEMPTS = 4;

    private static final Logger logger = LoggerFactory.getLogger(AliPayment.class);

    private final AliPayConfig config;

    private final AliPayLogStore store;

    private final AliPayGateway gateway;

    private final NotifyVerifier verifier;

    private final Clock clock;

    private final OrderIdGenerator orderIds;

    private final List<PayStatusListener> listeners;

    private final @Nullable NotifyJournal journal;

    private final String fullName;

    private AliPayment(Builder builder) {
        this.config = builder.config;
        this.store = builder.store;
        this.gateway = (builder.gateway != null) ? builder.gateway : new SdkAliPayGateway(builder.config);
        this.verifier = new NotifyVerifier(builder.config);
        this.clock = builder.clock;
        this.orderIds = new OrderIdGenerator(builder.clock);
        this.listeners = List.copyOf(builder.listeners);
        this.journal = (builder.journal != null) ? builder.journal
                : (builder.store instanceof NotifyJournal storeJournal) ? storeJournal : null;
        this.fullName = "pays." + builder.config.name();
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
        String checkedSubject = checkSubject(subject);
        BigDecimal checkedAmount = checkAmount(amount);
        if (orderId == null || orderId.isBlank()) {
            for (int attempt = 1;; attempt++) {
                try {
                    return insert(generateOrderId(), checkedSubject, checkedAmount);
                }
                catch (PayException ex) {
                    // Another instance generated the same id in the same second: take the next one.
                    if (ex.code() != PayErrorCode.ORDER_EXISTS_ERROR || attempt == MAX_ID_ATTEMPTS) {
                        throw ex;
                    }
                }
            }
        }
        return insert(checkOrderId(orderId), checkedSubject, checkedAmount);
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
        Instant expiresAt = order.createdAt().plus(this.config.orderTimeout());
        if (!now().isBefore(expiresAt)) {
            throw new PayException(PayErrorCode.ORDER_STATUS_ERROR, "Order " + orderId + " expired at " + expiresAt
                    + " (order timeout " + this.config.orderTimeout() + "); create a new order");
        }
        AliPayGateway.TradeOrder trade = new AliPayGateway.TradeOrder(order.orderId(), order.subject(),
                order.amount(), expiresAt);
        PayUrl payUrl = switch (payType) {
            case PRE_PAY -> new PayUrl(this.gateway.precreate(trade), null);
            case WAP_PAY -> this.gateway.wapPay(trade);
        };
        if (order.payType() != payType) {
            this.store.updatePayType(orderId, payType, now());
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
        Optional<AliPayLog> view = this.gateway.query(payLog.orderId());
        if (view.isPresent()) {
            AliPayLog trade = view.get();
            if (trade.totalAmount() != null && trade.totalAmount().compareTo(payLog.amount()) != 0) {
                throw new PayException(PayErrorCode.THIRD_PARTY_ERROR, "Alipay reports total_amount "
                        + trade.totalAmount() + " for order " + payLog.orderId() + " of " + payLog.amount()
                        + "; the order is left unchanged");
            }
            apply(payLog, trade);
        }
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
        cancelThird(orderId);
        for (int attempt = 0; attempt < MAX_TRANSITION_ATTEMPTS; attempt++) {
            Optional<PayLog> closed = transition(order, PayStatus.CLOSE, null, null);
            if (closed.isPresent()) {
                return closed.get();
            }
            order = require(orderId);
            if (order.status() == PayStatus.SUCCESS) {
                throw paidCannotClose(order);
            }
            if (order.status() != PayStatus.WAIT) {
                return order;
            }
        }
        throw new IllegalStateException("Order " + orderId + " kept changing while being cancelled");
    }

    @Override
    public void cancelThird(String orderId) {
        Optional<AliPayLog> paid = closeUnlessPaid(orderId);
        if (paid.isPresent()) {
            find(orderId).ifPresent((order) -> apply(order, paid.get()));
            throw new PayException(PayErrorCode.ORDER_STATUS_ERROR, "Alipay reports order " + orderId
                    + " paid (trade_no " + paid.get().tradeNo() + "); it is recorded as paid, refund it instead");
        }
    }

    /**
     * Times out waiting orders past the order timeout: for each, asks Alipay; a paid one becomes
     * {@link PayStatus#SUCCESS}, any other is closed at Alipay ({@code ACQ.TRADE_NOT_EXIST} counts as closed) and becomes
     * {@link PayStatus#TIMEOUT}. Each order is claimed first, so several instances sweeping at once handle each order
     * once. A gateway or database failure leaves the order waiting for the next round.
     * @param batchSize the most orders to look at
     * @return what the sweep did
     */
    public SweepReport sweep(int batchSize) {
        Instant now = now();
        List<PayLog> overdue = this.store.findOverdue(now.minus(this.config.orderTimeout()), now, batchSize);
        int claimed = 0;
        int paid = 0;
        int timedOut = 0;
        int failed = 0;
        for (PayLog order : overdue) {
            Instant start = now();
            if (!this.store.claim(order.orderId(), start, start.plus(sweepLease()))) {
                continue;
            }
            claimed++;
            try {
                PayStatus status = sweep(order);
                paid += (status == PayStatus.SUCCESS) ? 1 : 0;
                timedOut += (status == PayStatus.TIMEOUT) ? 1 : 0;
            }
            catch (RuntimeException ex) {
                failed++;
                logger.warn("Sweeping order {} failed; it stays waiting for the next round: {}", order.orderId(),
                        ex.toString());
                releaseQuietly(order.orderId());
            }
        }
        return new SweepReport(overdue.size(), claimed, paid, timedOut, failed);
    }

    /**
     * Deletes journaled notifications received before a time.
     * @param before the oldest time to keep
     * @return how many were deleted; 0 without a journal
     */
    public int purgeNotifications(Instant before) {
        return (this.journal != null) ? this.journal.purgeNotifications(before) : 0;
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
        return notify(record.params(), "replay of notification " + journalId);
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
        Instant receivedAt = now();
        Map<String, String> notification = new HashMap<>(params);
        boolean signatureValid = this.verifier.verify(notification);
        NotifyResult result = handle(notification, signatureValid);
        if (this.journal != null) {
            try {
                this.journal.record(new NotifyRecord(0, receivedAt, remoteAddress, notification.get("out_trade_no"),
                        notification.get("notify_id"), notification, signatureValid,
                        result.outcome(), result.reason()));
            }
            catch (RuntimeException ex) {
                logger.warn("Could not journal the Alipay notification for order {}: {}",
                        notification.get("out_trade_no"), ex.toString());
            }
        }
        return result;
    }

    private NotifyResult handle(Map<String, String> notification, boolean signatureValid) {
        String orderId = notification.get("out_trade_no");
        try {
            if (!signatureValid) {
                return rejected(orderId, "the signature does not verify with the configured Alipay public key");
            }
            String appId = notification.get("app_id");
            if (!this.config.appId().equals(appId)) {
                return rejected(orderId, "app_id " + appId + " is not this application's");
            }
            if (orderId == null || orderId.isBlank()) {
                return rejected(null, "out_trade_no is missing");
            }
            Optional<PayLog> order = this.store.find(orderId);
            if (order.isEmpty()) {
                return rejected(orderId, "no such order");
            }
            BigDecimal total = Amounts.parse(notification.get("total_amount"));
            if (total == null || total.compareTo(order.get().amount()) != 0) {
                return rejected(orderId, "total_amount " + notification.get("total_amount")
                        + " differs from the order amount " + order.get().amount());
            }
            String sellerId = this.config.sellerId();
            if (sellerId != null && !sellerId.equals(notification.get("seller_id"))) {
                return rejected(orderId, "seller_id " + notification.get("seller_id") + " is not the configured one");
            }
            Optional<AliPayStatus> status = AliPayStatus.find(notification.get("trade_status"));
            if (status.isEmpty()) {
                return rejected(orderId, "unknown trade_status " + notification.get("trade_status"));
            }
            AliPayLog view = new AliPayLog(orderId, notification.get("trade_no"), status.get(), total,
                    Amounts.parse(notification.get("receipt_amount")),
                    Amounts.parse(notification.get("buyer_pay_amount")), notification.get("buyer_logon_id"),
                    notification.get("buyer_id"), BeijingTime.parse(notification.get("gmt_payment")), now());
            boolean changed = apply(order.get(), view).isPresent();
            return new NotifyResult(changed ? Outcome.APPLIED : Outcome.DUPLICATE, orderId, null);
        }
        catch (RuntimeException ex) {
            logger.warn("Alipay notification for order {} could not be applied; answering failure so that Alipay "
                    + "delivers it again", orderId, ex);
            return new NotifyResult(Outcome.ERROR, orderId, ex.toString());
        }
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
    public Optional<PayLog> find(String orderId) {
        return (orderId == null) ? Optional.empty() : this.store.find(orderId);
    }

    /**
     * The latest Alipay-side view recorded for an order.
     * @param orderId the order id
     * @return the view, or empty when Alipay has not reported the trade
     */
    public Optional<AliPayLog> findAliPayLog(String orderId) {
        return this.store.findAliPayLog(orderId);
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

    private PayLog insert(String orderId, String subject, BigDecimal amount) {
        Instant now = now();
        PayLog order = new PayLog(orderId, this.fullName, subject, amount, PayStatus.WAIT, null, null, now, now,
                null);
        this.store.insert(order);
        return order;
    }

    /**
     * Applies Alipay's view of a trade to an order: records the view and moves the order when the view calls for it,
     * re-reading the order after a lost race.
     * @return the changed order when this caller made a transition
     */
    private Optional<PayLog> apply(PayLog observed, AliPayLog view) {
        PayLog current = observed;
        for (int attempt = 0; attempt < MAX_TRANSITION_ATTEMPTS; attempt++) {
            PayStatus target = targetStatus(current.status(), view.tradeStatus());
            if (target == null) {
                recordView(view);
                return Optional.empty();
            }
            Instant paidAt = (target == PayStatus.SUCCESS) ? Objects.requireNonNullElseGet(view.gmtPayment(),
                    this::now) : null;
            Optional<PayLog> changed = transition(current, target, view.tradeNo(), paidAt, view);
            if (changed.isPresent()) {
                return changed;
            }
            current = require(current.orderId());
        }
        throw new IllegalStateException("Order " + observed.orderId() + " kept changing while being updated");
    }

    /** Sweeps one claimed order; returns its status afterwards. */
    private PayStatus sweep(PayLog order) {
        Optional<AliPayLog> view = this.gateway.query(order.orderId());
        if (view.isPresent() && view.get().tradeStatus().isPaid()) {
            return apply(order, view.get()).map(PayLog::status).orElseGet(() -> require(order.orderId()).status());
        }
        AliPayLog closed = view.map((trade) -> trade.withTradeStatus(AliPayStatus.TRADE_CLOSED, now())).orElse(null);
        if (view.isEmpty() || view.get().tradeStatus() == AliPayStatus.WAIT_BUYER_PAY) {
            Optional<AliPayLog> paid = closeUnlessPaid(order.orderId());
            if (paid.isPresent()) {
                return apply(order, paid.get()).map(PayLog::status)
                    .orElseGet(() -> require(order.orderId()).status());
            }
        }
        PayLog current = order;
        for (int attempt = 0; attempt < MAX_TRANSITION_ATTEMPTS && current.status() == PayStatus.WAIT; attempt++) {
            Optional<PayLog> timedOut = transition(current, PayStatus.TIMEOUT, null, null, closed);
            if (timedOut.isPresent()) {
                return PayStatus.TIMEOUT;
            }
            current = require(order.orderId());
        }
        return current.status();
    }

    /**
     * Closes the trade at Alipay. A trade Alipay will not close is either closed already or paid.
     * @return Alipay's view of the trade when it is paid, otherwise empty (closed, or never created)
     */
    private Optional<AliPayLog> closeUnlessPaid(String orderId) {
        if (this.gateway.close(orderId) != AliPayGateway.CloseOutcome.NOT_CLOSABLE) {
            return Optional.empty();
        }
        return this.gateway.query(orderId).filter((trade) -> trade.tradeStatus().isPaid());
    }

    /** Long enough for the gateway calls of one order, each bounded by the connect and read timeouts. */
    private Duration sweepLease() {
        return this.config.connectTimeout().plus(this.config.readTimeout()).multipliedBy(3).plusMinutes(1);
    }

    private void releaseQuietly(String orderId) {
        try {
            this.store.release(orderId);
        }
        catch (RuntimeException ex) {
            logger.debug("Could not release the sweeper's claim on order {}; it runs out by itself", orderId, ex);
        }
    }

    private static @Nullable PayStatus targetStatus(PayStatus local, AliPayStatus remote) {
        if (remote.isPaid() && local != PayStatus.SUCCESS) {
            return PayStatus.SUCCESS;
        }
        if (remote == AliPayStatus.TRADE_CLOSED && local == PayStatus.WAIT) {
            return PayStatus.CLOSE;
        }
        return null;
    }

    private Optional<PayLog> transition(PayLog current, PayStatus target, @Nullable String tradeNo,
            @Nullable Instant paidAt) {
        return transition(current, target, tradeNo, paidAt, null);
    }

    private Optional<PayLog> transition(PayLog current, PayStatus target, @Nullable String tradeNo,
            @Nullable Instant paidAt, @Nullable AliPayLog view) {
        return this.store.transition(current, target, tradeNo, paidAt, now(), (changed) -> {
            if (view != null) {
                this.store.saveAliPayLog(view);
            }
            PayStatusChangedEvent event = new PayStatusChangedEvent(changed, current.status());
            for (PayStatusListener listener : this.listeners) {
                listener.onPayStatusChanged(event);
            }
        });
    }

    /** Records a view that changes no status; a replay of the recorded state writes nothing. */
    private void recordView(AliPayLog view) {
        Optional<AliPayLog> recorded = this.store.findAliPayLog(view.orderId());
        if (recorded.isEmpty() || !recorded.get().sameStateAs(view)) {
            this.store.saveAliPayLog(view);
        }
    }

    private PayLog require(String orderId) {
        return find(orderId).orElseThrow(() -> new PayException(PayErrorCode.ORDER_NOT_EXIST_ERROR,
                "Order " + orderId + " does not exist"));
    }

    private static PayException paidCannotClose(PayLog order) {
        return new PayException(PayErrorCode.ORDER_STATUS_ERROR, "Order " + order.orderId()
                + " is paid and cannot be cancelled; refund it instead");
    }

    private NotifyResult rejected(@Nullable String orderId, String reason) {
        logger.warn("Rejected Alipay notification for order {}: {}", orderId, reason);
        return new NotifyResult(Outcome.REJECTED, orderId, reason);
    }

    private Instant now() {
        return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String checkSubject(@Nullable String subject) {
        if (subject == null || subject.isBlank()) {
            throw invalid("subject is empty; give the order a title the buyer will see");
        }
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            throw invalid("subject has " + subject.length() + " characters; at most " + MAX_SUBJECT_LENGTH
                    + " are allowed");
        }
        if (subject.chars().anyMatch(Character::isISOControl)) {
            throw invalid("subject contains control characters; use plain text");
        }
        return subject;
    }

    private static BigDecimal checkAmount(@Nullable BigDecimal amount) {
        if (amount == null) {
            throw invalid("amount is missing; give the amount in yuan, for example 9.90");
        }
        if (amount.signum() <= 0) {
            throw invalid("amount " + amount.toPlainString() + " must be greater than 0");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw invalid("amount " + amount.toPlainString() + " has more than 2 decimals; amounts are in yuan "
                    + "with at most 2 decimals (fen)");
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            throw invalid("amount " + amount.toPlainString() + " exceeds the maximum of " + MAX_AMOUNT);
        }
        return amount.setScale(2);
    }

    private static String checkOrderId(String orderId) {
        if (!ORDER_ID.matcher(orderId).matches()) {
            throw invalid("orderId must be 1 to 64 letters, digits, '_' or '-' (got " + orderId.length()
                    + " characters" + (orderId.length() <= 64 ? ", some not allowed" : "") + ")");
        }
        return orderId;
    }

    private static PayException invalid(String message) {
        return new PayException(PayErrorCode.INVALID_PARAM_ERROR, message);
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
         * Sets where received notifications are journaled; by default the store, when it is a journal too.
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
