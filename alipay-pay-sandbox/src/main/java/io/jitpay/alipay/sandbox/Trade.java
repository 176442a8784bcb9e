package io.jitpay.alipay.sandbox;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A trade's mutable state in the sandbox; every change is synchronized on the trade. */
final class Trade {

    static final String WAIT_BUYER_PAY = "WAIT_BUYER_PAY";

    static final String TRADE_SUCCESS = "TRADE_SUCCESS";

    static final String TRADE_CLOSED = "TRADE_CLOSED";

    final String orderId;

    final String tradeNo;

    final String token;

    final String method;

    final String subject;

    final BigDecimal amount;

    final Charset charset;

    final Instant createdAt;

    final Instant expiresAt;

    final @Nullable String notifyUrl;

    final @Nullable String returnUrl;

    final String buyerId;

    final String buyerLogonId;

    /** Whether a close or cancel before the trade exists keeps it from ever being paid. */
    private final boolean closeBeforeScanVoids;

    /** {@code null} while only pre-created: Alipay has no trade until the buyer engages. */
    private @Nullable String status;

    /** Closed or cancelled before it ever existed, with {@link #closeBeforeScanVoids}: it can no longer be paid. */
    private boolean voided;

    private @Nullable Instant paidAt;

    private int closeCalls;

    Trade(TradeTerms terms, String tradeNo, String token, Instant createdAt, String buyerId, String buyerLogonId,
            boolean closeBeforeScanVoids) {
        this.orderId = terms.orderId();
        this.tradeNo = tradeNo;
        this.token = token;
        this.method = terms.method();
        this.subject = terms.subject();
        this.amount = terms.amount();
        this.charset = terms.charset();
        this.createdAt = createdAt;
        this.expiresAt = terms.expiresAt();
        this.notifyUrl = terms.notifyUrl();
        this.returnUrl = terms.returnUrl();
        this.buyerId = buyerId;
        this.buyerLogonId = buyerLogonId;
        this.closeBeforeScanVoids = closeBeforeScanVoids;
    }

    /** The status Alipay reports now, expiring a waiting trade whose time is up; {@code null} if it does not exist. */
    synchronized @Nullable String status(Instant now) {
        if (!now.isBefore(this.expiresAt)) {
            if (WAIT_BUYER_PAY.equals(this.status)) {
                this.status = TRADE_CLOSED;
            }
            else if (this.status == null) {
                this.voided = true;
            }
        }
        return this.status;
    }

    synchronized boolean payable(Instant now) {
        String current = status(now);
        return !this.voided && (current == null || WAIT_BUYER_PAY.equals(current));
    }

    /** The buyer scanned the QR code or opened the cashier. */
    synchronized void engage(Instant now) {
        if (status(now) == null && !this.voided) {
            this.status = WAIT_BUYER_PAY;
        }
    }

    /** @return whether this call paid it */
    synchronized boolean pay(Instant now) {
        if (!payable(now)) {
            return false;
        }
        this.status = TRADE_SUCCESS;
        this.paidAt = now;
        return true;
    }

    /** {@code alipay.trade.close}: the sub_code of the failure, or {@code null} when it closed the trade. */
    synchronized @Nullable String close(Instant now) {
        this.closeCalls++;
        String current = status(now);
        if (current == null) {
            // Not created at Alipay yet. Voiding it keeps a late scan from paying a closed order; real Alipay is not
            // documented to do so, and without voiding the QR code stays payable until it expires.
            this.voided |= this.closeBeforeScanVoids;
            return "ACQ.TRADE_NOT_EXIST";
        }
        if (!WAIT_BUYER_PAY.equals(current)) {
            return "ACQ.TRADE_STATUS_ERROR";
        }
        this.status = TRADE_CLOSED;
        return null;
    }

    /** {@code alipay.trade.cancel}: closes a waiting trade, refunds a paid one; returns the action. */
    synchronized @Nullable String cancel(Instant now) {
        this.closeCalls++;
        String current = status(now);
        if (current == null) {
            this.voided |= this.closeBeforeScanVoids;
            return null;
        }
        if (TRADE_SUCCESS.equals(current)) {
            this.status = TRADE_CLOSED;
            return "refund";
        }
        this.status = TRADE_CLOSED;
        return "close";
    }

    synchronized @Nullable Instant paidAt() {
        return this.paidAt;
    }

    synchronized SandboxTrade snapshot(Instant now) {
        return new SandboxTrade(this.orderId, this.tradeNo, this.subject, this.amount, status(now), this.method,
                this.notifyUrl, this.returnUrl, this.expiresAt, this.paidAt, this.closeCalls);
    }
}
