package io.jitpay.alipay.sandbox;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** An in-store payment that answered {@code 10003}: the buyer must confirm it on the phone. */
    private boolean awaitingConfirmation;

    /** Closed or cancelled before it ever existed, with {@link #closeBeforeScanVoids}: it can no longer be paid. */
    private boolean voided;

    private @Nullable Instant paidAt;

    /** When it closed: closed, cancelled, expired while waiting, or refunded in full. */
    private @Nullable Instant closedAt;

    /** When a cancel gave the money of a paid trade back (an in-store payment cancelled), or {@code null}. */
    private @Nullable Instant cancelRefundedAt;

    private int closeCalls;

    /** Its refunds by request number, oldest first: the request number is a refund's idempotency key. */
    private final Map<String, SandboxRefund> refunds = new LinkedHashMap<>();

    /** The sum of its refunds, scale 2; never more than {@link #amount}. */
    private BigDecimal refunded = BigDecimal.ZERO.setScale(2);

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
                this.closedAt = this.expiresAt;
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
        this.awaitingConfirmation = false;
        return true;
    }

    /** An in-store payment answered {@code 10003}: the trade now exists and waits for the buyer's confirmation. */
    synchronized void awaitConfirmation(Instant now) {
        engage(now);
        this.awaitingConfirmation = WAIT_BUYER_PAY.equals(status(now));
    }

    /** The buyer confirms an in-store payment; {@code false} when it awaits no confirmation (any more). */
    synchronized boolean confirm(Instant now) {
        return this.awaitingConfirmation && WAIT_BUYER_PAY.equals(status(now)) && pay(now);
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
        this.closedAt = now;
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
        if (!TRADE_CLOSED.equals(current)) {
            this.status = TRADE_CLOSED;
            this.closedAt = now;
        }
        if (TRADE_SUCCESS.equals(current)) {
            this.cancelRefundedAt = now;
        }
        return TRADE_SUCCESS.equals(current) ? "refund" : "close";
    }

    /**
     * A refund request, decided as Alipay decides it. The request number comes first: a finished refund's number
     * with the same amount is a retry and moves no money, with another amount it is refused. Then only a paid trade
     * refunds, a request without a number only the whole amount, and never more than what is left; the refund that
     * returns the last of the money closes the trade.
     * @param requestNo the request's {@code out_request_no}, or the trade's {@code out_trade_no} when it named none
     * @param named     whether the request named its {@code out_request_no}
     * @param amount    the amount, scale 2, greater than 0
     * @param reason    the {@code refund_reason}, or {@code null}
     */
    synchronized RefundOutcome refund(String requestNo, boolean named, BigDecimal amount, @Nullable String reason,
            Instant now) {
        SandboxRefund earlier = this.refunds.get(requestNo);
        if (earlier != null) {
            return (earlier.amount().compareTo(amount) == 0) ? new RefundOutcome.Repeated(earlier, this.refunded)
                    : new RefundOutcome.Refused("ACQ.DISCORDANT_REPEAT_REQUEST", this.refunded);
        }
        if (!TRADE_SUCCESS.equals(status(now))) {
            return new RefundOutcome.Refused("ACQ.TRADE_STATUS_ERROR", this.refunded);
        }
        if (!named && amount.compareTo(this.amount) != 0) {
            // Alipay's documentation: a partial refund must name its out_request_no.
            return new RefundOutcome.Refused("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", this.refunded);
        }
        if (amount.compareTo(this.amount.subtract(this.refunded)) > 0) {
            return new RefundOutcome.Refused("ACQ.REASON_TRADE_REFUND_FEE_ERR", this.refunded);
        }
        SandboxRefund refund = new SandboxRefund(requestNo, amount, reason, now);
        this.refunds.put(requestNo, refund);
        this.refunded = this.refunded.add(amount);
        if (this.refunded.compareTo(this.amount) == 0) {
            this.status = TRADE_CLOSED;
            this.closedAt = now;
        }
        return new RefundOutcome.Applied(refund, state(now));
    }

    /**
     * A refund the merchant makes in Alipay's console, under a request number "Alipay" chooses.
     * @throws IllegalArgumentException when the amount is not a positive amount with at most two decimals
     * @throws IllegalStateException when the trade refuses it: not paid, or less left than the amount
     */
    synchronized RefundOutcome.Applied refundFromConsole(BigDecimal amount, Instant now) {
        if (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("A refund amount is greater than 0 with at most two decimals: "
                    + amount.toPlainString());
        }
        RefundOutcome outcome = refund(SandboxIds.consoleRefundNo(now), true, amount.setScale(2), null, now);
        if (outcome instanceof RefundOutcome.Refused refused) {
            throw new IllegalStateException("Trade " + this.orderId + " cannot be refunded " + amount.toPlainString()
                    + ": " + refused.subCode() + " " + ResultCodes.subMsg(refused.subCode()));
        }
        // A new request number is never a retry, so the refund was applied.
        return (RefundOutcome.Applied) outcome;
    }

    /** The refund made under a request number, or {@code null}. */
    synchronized @Nullable SandboxRefund refund(String requestNo) {
        return this.refunds.get(requestNo);
    }

    /** Its refunds, oldest first. */
    synchronized List<SandboxRefund> refunds() {
        return List.copyOf(this.refunds.values());
    }

    synchronized @Nullable Instant paidAt() {
        return this.paidAt;
    }

    /** When a cancel refunded the paid trade, or {@code null}: a refund of the bill, under no request number. */
    synchronized @Nullable Instant cancelRefundedAt() {
        return this.cancelRefundedAt;
    }

    /** Its changing part now, read in one go so a notification describes one consistent state. */
    synchronized State state(Instant now) {
        List<SandboxRefund> all = new ArrayList<>(this.refunds.values());
        SandboxRefund last = all.isEmpty() ? null : all.get(all.size() - 1);
        return new State(status(now), this.paidAt, this.closedAt, this.refunded, last);
    }

    synchronized SandboxTrade snapshot(Instant now) {
        return new SandboxTrade(this.orderId, this.tradeNo, this.subject, this.amount, status(now), this.method,
                this.notifyUrl, this.returnUrl, this.expiresAt, this.paidAt, this.closeCalls, this.refunded);
    }

    /**
     * The changing part of a trade at one instant.
     * @param status     the {@code trade_status}, or {@code null} while only pre-created
     * @param paidAt     when it was paid, or {@code null}
     * @param closedAt   when it closed, or {@code null}
     * @param refunded   the refunded total, scale 2
     * @param lastRefund its latest refund, or {@code null}
     */
    record State(@Nullable String status, @Nullable Instant paidAt, @Nullable Instant closedAt, BigDecimal refunded,
            @Nullable SandboxRefund lastRefund) {
    }
}
