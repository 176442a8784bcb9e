package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.jitpay.pay.NotifyResult;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayStatusChangedEvent;
import io.jitpay.pay.PayType;
import io.jitpay.pay.PayUrl;
import io.jitpay.pay.Payment;
import io.jitpay.pay.ReconciliationReport;
import io.jitpay.pay.RefundLog;
import io.jitpay.pay.RefundSweepReport;
import io.jitpay.pay.SweepReport;

/**
 * The Alipay payment Type: orders paid by QR code ({@link PayType#PRE_PAY}) or the mobile web cashier
 * ({@link PayType#WAP_PAY}), checked and cancelled through the gateway, and settled by Alipay's signed notifications.
 *
 * <p>This class is the table of contents; each concept lives in a class of its own: the orders of this instance
 * ({@code Orders}, with the input rules of {@code OrderRequest}), the ways of paying ({@code PayLinks}), the state
 * machine every status change goes through ({@code OrderTransitions}), cancels ({@code Cancellations}), the sweep of
 * due orders ({@code OrderSweep}), the notification intake ({@code NotificationIntake}), refunds
 * ({@code RefundLedger}), in-store payment ({@code BarcodePayments}), health ({@code HealthCheck}) and the gateway port
 * ({@link AliPayGateway}), wired once by {@code PaymentParts}. An instance sees and changes only its own orders (those stored with its
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
    public static final BigDecimal MAX_AMOUNT = OrderRequest.MAX_AMOUNT;

    /** The longest subject, in characters. */
    public static final int MAX_SUBJECT_LENGTH = OrderRequest.MAX_SUBJECT_LENGTH;

    private final PaymentParts parts;

    private AliPayment(PaymentParts parts) {
        this.parts = parts;
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
        return this.parts.orders.create(new OrderRequest(subject, amount, orderId));
    }

    @Override
    public PayUrl getPayUrl(String orderId, PayType payType) {
        return this.parts.payLinks.payUrl(orderId, payType);
    }

    /**
     * Takes payment in store: the merchant scans the buyer's payment code ({@code alipay.trade.pay}). Returns once the
     * outcome is known: paid at once, or after the buyer confirmed on the phone (queried every
     * {@code barcodePollInterval} for up to {@code barcodePollTimeout}); a payment not confirmed in time is cancelled
     * at Alipay and the order closed.
     * @param orderId  a waiting order
     * @param authCode the 16 to 24 digits of the buyer's payment code; never logged whole
     * @return the order afterwards: {@link PayStatus#SUCCESS} or {@link PayStatus#CLOSE}
     * @throws PayException {@link PayErrorCode#INVALID_PARAM_ERROR} for a code that is not 16 to 24 digits (nothing is
     *                      sent), {@link PayErrorCode#THIRD_PARTY_ERROR} with Alipay's codes when it refused the code
     *                      (the order stays waiting, so the buyer can show another), and as {@link #getPayUrl}
     */
    public PayLog barcodePay(String orderId, String authCode) {
        return this.parts.barcodes.pay(orderId, authCode);
    }

    @Override
    public PayLog check(String orderId) {
        checkThird(this.parts.orders.require(orderId));
        return this.parts.orders.require(orderId);
    }

    @Override
    public Optional<AliPayLog> checkThird(PayLog payLog) {
        PayLog order = this.parts.orders.require(payLog.orderId());
        Optional<AliPayLog> view = this.parts.gateway.query(order.orderId());
        view.ifPresent((trade) -> this.parts.transitions.applyOrThrow(order, trade));
        return view;
    }

    @Override
    public PayLog cancel(String orderId) {
        return this.parts.cancellations.cancel(orderId);
    }

    @Override
    public void cancelThird(String orderId) {
        this.parts.cancellations.cancelThird(orderId);
    }

    @Override
    public RefundLog refund(String orderId, BigDecimal amount, @Nullable String reason) {
        return this.parts.refunds().refund(orderId, new RefundRequest(amount, reason, null));
    }

    @Override
    public RefundLog refund(String orderId, BigDecimal amount, @Nullable String reason, String refundId) {
        if (refundId == null || refundId.isBlank()) {
            throw new PayException(PayErrorCode.INVALID_PARAM_ERROR, "refundId is empty; give the refund an id "
                    + "(the same id again is the same refund), or use refund(orderId, amount, reason)");
        }
        return this.parts.refunds().refund(orderId, new RefundRequest(amount, reason, refundId));
    }

    @Override
    public RefundLog checkRefund(String refundId) {
        return this.parts.refunds().check(refundId);
    }

    @Override
    public Optional<RefundLog> findRefund(String refundId) {
        return this.parts.refunds().find(refundId);
    }

    @Override
    public List<RefundLog> findRefunds(String orderId) {
        return this.parts.refunds().findByOrder(orderId);
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
        return observed(this.parts.notifications.handle(params, remoteAddress));
    }

    /**
     * Handles one HTTP request that should hold a notification: checks its content type and size, decodes the form
     * with the charset it names, then handles it as {@link #notify(Map)}. Any endpoint (servlet, Spring MVC, WebFlux)
     * answers with {@link NotifyResult#httpStatus()} and {@link NotifyResult#body()}.
     * @param request the request
     * @return the outcome, the status and the body to answer with
     */
    public NotifyResult notify(NotifyRequest request) {
        return observed(this.parts.notifications.handle(request));
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
        if (!this.parts.verifier.verify(params) || !this.parts.config.appId().equals(params.get("app_id"))) {
            throw new PayException(PayErrorCode.SIGN_ERROR, "The return parameters are not signed by Alipay for app "
                    + this.parts.config.appId() + "; do not trust them");
        }
        return this.parts.orders.require(params.get("out_trade_no"));
    }

    @Override
    public String generateOrderId() {
        return this.parts.orders.nextId();
    }

    @Override
    public String fullName() {
        return this.parts.orders.fullName();
    }

    @Override
    public Optional<PayLog> find(@Nullable String orderId) {
        return this.parts.orders.find(orderId);
    }

    /**
     * The latest Alipay-side view recorded for an order of this instance.
     * @param orderId the order id
     * @return the view, or empty when Alipay has not reported the trade
     */
    public Optional<AliPayLog> findAliPayLog(String orderId) {
        return this.parts.store.findAliPayLog(fullName(), orderId);
    }

    // Administration: the sweep and the journal.

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
        long start = System.nanoTime();
        SweepReport report = this.parts.sweep.sweep(batchSize);
        this.parts.observer.sweep(fullName(), report, Duration.ofNanos(System.nanoTime() - start));
        this.parts.health.recordSweep(report);
        return report;
    }

    /**
     * The health of this instance, for a health endpoint: whether its order store answers, its last sweep, the refunds
     * stuck in processing past their limit and, when asked, whether Alipay answers a probe (a query of an order that
     * cannot exist, at most once a minute).
     * @param probeGateway whether to ask Alipay
     * @return the health; never a key in it. It does not throw: what cannot be checked is reported as down.
     */
    public AliPayHealth health(boolean probeGateway) {
        return this.parts.health.check(probeGateway);
    }

    /**
     * Confirms the processing refunds due for a check: each is asked about at Alipay, and sent again with its own number
     * and amount when Alipay never received it. Refunds processing longer than the configured limit are counted and
     * logged at ERROR.
     * @param batchSize the most refunds to look at
     * @return what the sweep did; {@link RefundSweepReport#NONE} without a refund store
     */
    public RefundSweepReport sweepRefunds(int batchSize) {
        return (this.parts.refunds != null) ? this.parts.refunds.sweep(batchSize) : RefundSweepReport.NONE;
    }

    /**
     * Reconciles a day: downloads Alipay's trade bill of the day (Beijing time) and compares it with this instance's
     * orders and refunds. A payment of the bill matches its order by id and amount, a refund the ledger's refund of
     * its request number; an order paid here that day, or a refund made here that day, must be in the bill. An order
     * the bill lists as paid that is waiting, closed or timed out here ({@code UNPAID_LOCALLY}) is asked about at
     * Alipay and recorded as paid by the state machine, as {@link #check} would (one {@link PayStatusChangedEvent});
     * every other discrepancy is only reported. Entries of orders another instance owns are left to it. Safe to run
     * again, and on several instances at once.
     * @param day the day, Beijing time; its bill is ready by about 09:00 Beijing time the next day
     * @return what the comparison found; empty when Alipay has no bill of a past day and nothing was paid or
     *         refunded here that day (a day without trades has no bill)
     * @throws PayException {@link PayErrorCode#THIRD_PARTY_ERROR} with Alipay's sub_code
     *                      {@value io.jitpay.alipay.bill.TradeBill#NOT_READY} while the bill is not ready (try again
     *                      later), or when the bill cannot be had or read; {@link PayErrorCode#INVALID_PARAM_ERROR}
     *                      for a day to come; {@link PayErrorCode#CONFIG_ERROR} without a reconciliation store
     */
    public ReconciliationReport reconcile(LocalDate day) {
        BillReconciliation reconciliation = this.parts.reconciliation;
        if (reconciliation == null) {
            throw PayException.config("reconciliationStore", "is not set, so this payment instance cannot reconcile",
                    "build it with AliPayment.builder(...)"
                            + ".reconciliationStore(new JdbcReconciliationStore(dataSource))");
        }
        return reconciliation.reconcile(Objects.requireNonNull(day, "day"));
    }

    /**
     * Deletes this instance's journaled notifications (and those no instance handled) received before a time.
     * @param before the oldest time to keep
     * @return how many were deleted; 0 without a journal
     */
    public int purgeNotifications(Instant before) {
        return (this.parts.journal != null) ? this.parts.journal.purgeNotifications(fullName(), before) : 0;
    }

    /**
     * Handles a journaled notification again, as if Alipay had delivered it now: for a notification that failed
     * while the database or a listener was down and that Alipay no longer retries.
     * @param journalId the id of the notification in the journal
     * @return the outcome
     * @throws PayException {@link PayErrorCode#INVALID_PARAM_ERROR} when there is no such notification
     */
    public NotifyResult replayNotification(long journalId) {
        return observed(this.parts.notifications.replay(journalId));
    }

    private NotifyResult observed(NotifyResult result) {
        this.parts.observer.notification(fullName(), result);
        return result;
    }

    // The configuration, as the seed's element exposes it.

    /**
     * The configuration.
     * @return the configuration of this instance
     */
    public AliPayConfig config() {
        return this.parts.config;
    }

    /**
     * The application id.
     * @return the app id
     */
    public String appId() {
        return this.parts.config.appId();
    }

    /**
     * Alipay's public key, which verifies notifications.
     * @return the key as X.509 base64, as the Alipay console shows it
     */
    public String publicKey() {
        return this.parts.config.publicKeyBase64();
    }

    /**
     * The application's private key, which signs requests. Handle it as a secret.
     * @return the key as PKCS#8 base64
     */
    public String privateKey() {
        return this.parts.config.privateKeyBase64();
    }

    @Override
    public String toString() {
        return "AliPayment[" + fullName() + ", appId=" + this.parts.config.appId() + "]";
    }

    /** Builds an {@link AliPayment}: its settings are those of {@link PaymentSettings}. */
    public static final class Builder extends PaymentSettings {

        private Builder(AliPayConfig config, AliPayLogStore store) {
            super(config, store);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Builds the payment instance.
         * @return the instance
         */
        public AliPayment build() {
            return new AliPayment(new PaymentParts(this));
        }
    }
}
