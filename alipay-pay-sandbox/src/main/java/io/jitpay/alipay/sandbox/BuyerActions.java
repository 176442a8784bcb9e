package io.jitpay.alipay.sandbox;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;

/**
 * What the buyer and the merchant do by hand at "Alipay", behind the façade's {@code scan}, {@code pay},
 * {@code confirm} and {@code refundFromConsole}: each change is notified as one made through the API would be.
 */
final class BuyerActions {

    private final TradeBook trades;

    private final Clock clock;

    private final SandboxLifecycle lifecycle;

    BuyerActions(TradeBook trades, Clock clock, SandboxLifecycle lifecycle) {
        this.trades = trades;
        this.clock = clock;
        this.lifecycle = lifecycle;
    }

    /** The buyer scans the QR code or opens the cashier without paying. */
    SandboxTrade scan(String orderId) {
        Trade trade = this.trades.require(orderId);
        trade.engage(now());
        return trade.snapshot(now());
    }

    /**
     * The buyer pays, wherever the trade came from.
     * @throws IllegalStateException when the trade is closed or expired
     */
    SandboxTrade pay(String orderId) {
        Trade trade = this.trades.require(orderId);
        if (trade.pay(now())) {
            notifications().announce(trade);
        }
        else if (!trade.snapshot(now()).isPaid()) {
            throw new IllegalStateException("Trade " + orderId + " is closed or expired and cannot be paid");
        }
        return trade.snapshot(now());
    }

    /**
     * The buyer confirms on the phone an in-store payment that answered {@code 10003}.
     * @throws IllegalStateException when the trade awaits no confirmation: paid, closed, cancelled, expired, or not
     * an in-store payment the buyer had to confirm
     */
    void confirm(String orderId) {
        Trade trade = this.trades.require(orderId);
        if (!trade.confirm(now())) {
            throw new IllegalStateException("Trade " + orderId + " awaits no confirmation (it is "
                    + trade.snapshot(now()).status() + "); only an in-store payment that answered 10003 and still "
                    + "waits can be confirmed");
        }
        notifications().announce(trade);
    }

    /** The merchant refunds in Alipay's console. */
    SandboxRefund refundFromConsole(String orderId, BigDecimal amount) {
        Trade trade = existing(orderId);
        RefundOutcome.Applied applied = trade.refundFromConsole(amount, now());
        notifications().announce(trade, applied.state());
        return applied.refund();
    }

    /**
     * The order's trade once it exists at "Alipay", that is once the buyer has scanned or opened the cashier.
     * @throws IllegalArgumentException when the order was never sent to the sandbox
     * @throws IllegalStateException when the trade does not exist yet
     */
    Trade existing(String orderId) {
        Trade trade = this.trades.require(orderId);
        if (trade.status(now()) == null) {
            throw new IllegalStateException("Trade " + orderId + " does not exist yet: scan or pay it first");
        }
        return trade;
    }

    private TradeNotifications notifications() {
        return this.lifecycle.context().notifications();
    }

    private Instant now() {
        return this.clock.instant();
    }
}
