package io.jitpay.alipay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.jitpay.pay.NotifyJournal;
import io.jitpay.pay.PayException;
import io.jitpay.pay.RefundStatusListener;

/**
 * The concepts one {@link AliPayment} delegates to, wired once from its settings: the façade holds this and nothing
 * else. Each is a class of its own; see {@link AliPayment}.
 */
final class PaymentParts {

    final AliPayConfig config;

    final AliPayLogStore store;

    final PaymentObserver observer;

    final AliPayGateway gateway;

    final NotifyVerifier verifier;

    final @Nullable NotifyJournal journal;

    final Orders orders;

    final PayLinks payLinks;

    final OrderTransitions transitions;

    final Cancellations cancellations;

    final OrderSweep sweep;

    final @Nullable RefundLedger refunds;

    final BarcodePayments barcodes;

    final NotificationIntake notifications;

    final HealthCheck health;

    final @Nullable BillReconciliation reconciliation;

    PaymentParts(PaymentSettings settings) {
        String fullName = "pays." + settings.config.name();
        this.config = settings.config;
        this.store = settings.store;
        this.observer = settings.observer;
        this.gateway = ObservedAliPayGateway.of((settings.gateway != null) ? settings.gateway
                : new SdkAliPayGateway(settings.config), this.observer, fullName);
        this.verifier = new NotifyVerifier(settings.config);
        this.journal = settings.journal;
        this.orders = new Orders(fullName, this.config, this.store, settings.clock);
        this.payLinks = new PayLinks(this.orders, this.store, this.gateway);
        this.transitions = new OrderTransitions(this.store, settings.listeners, settings.clock);
        this.cancellations = new Cancellations(this.orders, this.gateway, this.transitions);
        this.sweep = new OrderSweep(fullName, this.store, this.gateway, this.transitions, sweepLease(this.config));
        List<RefundStatusListener> refundListeners = new ArrayList<>(settings.refundListeners);
        refundListeners.add((event) -> this.observer.refund(event.refund()));
        this.refunds = (settings.refundStore != null) ? new RefundLedger(this.orders, settings.refundStore,
                this.gateway, refundListeners, this.config.refunds(), settings.clock) : null;
        this.barcodes = new BarcodePayments(this.orders, this.store, this.gateway, this.transitions, this.refunds,
                this.config);
        this.notifications = new NotificationIntake(this.config, fullName, this.verifier, this.store,
                this.transitions, this.refunds, this.journal);
        this.health = new HealthCheck(fullName, this.config, this.store, settings.refundStore, this.gateway,
                settings.clock);
        this.reconciliation = (settings.reconciliationStore != null) ? new BillReconciliation(this.orders,
                settings.reconciliationStore, this.gateway, this.transitions, settings.clock) : null;
    }

    /** The refund ledger, or a configuration error naming what is missing. */
    RefundLedger refunds() {
        if (this.refunds == null) {
            throw PayException.config("refundStore", "is not set, so this payment instance cannot refund",
                    "build it with AliPayment.builder(...).refundStore(new JdbcRefundLogStore(dataSource))");
        }
        return this.refunds;
    }

    /** Long enough for the gateway calls of one order, each bounded by the connect and read timeouts. */
    private static Duration sweepLease(AliPayConfig config) {
        return config.connectTimeout().plus(config.readTimeout()).multipliedBy(3).plusMinutes(1);
    }
}
