package io.jitpay.alipay;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.jitpay.pay.NotifyJournal;
import io.jitpay.pay.PayStatusListener;
import io.jitpay.pay.ReconciliationStore;
import io.jitpay.pay.RefundLogStore;
import io.jitpay.pay.RefundStatusListener;

/**
 * What an {@link AliPayment} is built from: the settings of {@link AliPayment.Builder}, which inherits these methods.
 */
abstract class PaymentSettings {

    final AliPayConfig config;

    final AliPayLogStore store;

    @Nullable AliPayGateway gateway;

    Clock clock = Clock.systemUTC();

    final List<PayStatusListener> listeners = new ArrayList<>();

    @Nullable NotifyJournal journal;

    @Nullable RefundLogStore refundStore;

    final List<RefundStatusListener> refundListeners = new ArrayList<>();

    PaymentObserver observer = PaymentObserver.NONE;

    @Nullable ReconciliationStore reconciliationStore;

    PaymentSettings(AliPayConfig config, AliPayLogStore store) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
    }

    abstract AliPayment.Builder self();

    /**
     * Sets the gateway; by default an {@link SdkAliPayGateway} over the configuration.
     * @param gateway the gateway
     * @return this builder
     */
    public AliPayment.Builder gateway(AliPayGateway gateway) {
        this.gateway = gateway;
        return self();
    }

    /**
     * Sets the clock of order times and ids.
     * @param clock the clock; the system UTC clock by default
     * @return this builder
     */
    public AliPayment.Builder clock(Clock clock) {
        this.clock = clock;
        return self();
    }

    /**
     * Adds a listener for status changes; it runs in the transition's transaction.
     * @param listener the listener
     * @return this builder
     */
    public AliPayment.Builder listener(PayStatusListener listener) {
        this.listeners.add(listener);
        return self();
    }

    /**
     * Sets where received notifications are journaled, for example a
     * {@link io.jitpay.alipay.jdbc.JdbcNotifyJournal}; none by default.
     * @param journal the journal
     * @return this builder
     */
    public AliPayment.Builder journal(NotifyJournal journal) {
        this.journal = journal;
        return self();
    }

    /**
     * Sets where refunds are kept, for example a {@link io.jitpay.alipay.jdbc.JdbcRefundLogStore} on the order
     * store's database; without one, this instance cannot refund.
     * @param refundStore the refund store
     * @return this builder
     */
    public AliPayment.Builder refundStore(RefundLogStore refundStore) {
        this.refundStore = refundStore;
        return self();
    }

    /**
     * Adds a listener for refund outcomes; it runs in the transaction of the change.
     * @param listener the listener
     * @return this builder
     */
    public AliPayment.Builder refundListener(RefundStatusListener listener) {
        this.refundListeners.add(listener);
        return self();
    }

    /**
     * Reports notifications, gateway calls, refunds and sweeps for metrics and traces, for example to a
     * {@link io.jitpay.alipay.micrometer.MicrometerPaymentObserver}.
     * @param observer the observer
     * @return this builder
     */
    public AliPayment.Builder observer(PaymentObserver observer) {
        this.observer = observer;
        return self();
    }

    /**
     * Sets the queries of a reconciliation, for example a {@link io.jitpay.alipay.jdbc.JdbcReconciliationStore} on
     * the order store's database; without one, this instance cannot {@link AliPayment#reconcile reconcile}.
     * @param reconciliationStore the reconciliation store
     * @return this builder
     */
    public AliPayment.Builder reconciliationStore(ReconciliationStore reconciliationStore) {
        this.reconciliationStore = reconciliationStore;
        return self();
    }
}
