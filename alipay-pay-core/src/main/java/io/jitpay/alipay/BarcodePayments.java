package io.jitpay.alipay;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jitpay.alipay.AliPayGateway.BarcodeAnswer;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;

/**
 * In-store payment: the merchant scans the buyer's payment code ({@code alipay.trade.pay}, {@code bar_code}). A
 * payment the buyer must confirm on the phone ({@code 10003}), or whose outcome is not known, is queried every poll
 * interval until paid or until the poll timeout; then it is cancelled ({@code alipay.trade.cancel}), so that nothing
 * is paid for goods the buyer did not take. A refused code ({@code ACQ.PAYMENT_AUTH_CODE_INVALID}, no balance) leaves
 * the order waiting for another code. The code itself is never logged whole.
 */
final class BarcodePayments {

    private static final Pattern AUTH_CODE = Pattern.compile("\\d{16,24}");

    private static final int CANCEL_ATTEMPTS = 3;

    private static final Logger logger = LoggerFactory.getLogger(BarcodePayments.class);

    private final Orders orders;

    private final AliPayLogStore store;

    private final AliPayGateway gateway;

    private final OrderTransitions transitions;

    private final @Nullable RefundLedger refunds;

    private final AliPayConfig config;

    BarcodePayments(Orders orders, AliPayLogStore store, AliPayGateway gateway, OrderTransitions transitions,
            @Nullable RefundLedger refunds, AliPayConfig config) {
        this.orders = orders;
        this.store = store;
        this.gateway = gateway;
        this.transitions = transitions;
        this.refunds = refunds;
        this.config = config;
    }

    PayLog pay(String orderId, @Nullable String authCode) {
        if (authCode == null || !AUTH_CODE.matcher(authCode).matches()) {
            throw new PayException(PayErrorCode.INVALID_PARAM_ERROR, "authCode must be the 16 to 24 digits of the "
                    + "buyer's payment code (got " + ((authCode == null) ? "none" : authCode.length() + " characters")
                    + ")");
        }
        PayLog order = this.orders.require(orderId);
        if (!order.status().isPayable() || !this.orders.now().isBefore(order.expiresAt())) {
            throw new PayException(PayErrorCode.ORDER_STATUS_ERROR, "Order " + orderId + " is "
                    + order.status().code() + " (deadline " + order.expiresAt() + "); only a waiting order can be paid");
        }
        if (order.payType() != PayType.BARCODE_PAY) {
            // Re-read, so that the order returned and the event's order say how it was paid.
            this.store.updatePayType(order.fullName(), orderId, PayType.BARCODE_PAY, this.orders.now());
            order = this.orders.require(orderId);
        }
        BarcodeAnswer answer = this.gateway.pay(new AliPayGateway.TradeOrder(order.orderId(), order.subject(),
                order.amount(), order.expiresAt()), authCode);
        logger.info("In-store payment of order {} with code {}: {} {}", orderId, mask(authCode), answer.kind(),
                (answer.subCode() != null) ? answer.subCode() : "");
        return switch (answer.kind()) {
            case PAID -> this.transitions.applyOrThrow(order, Objects.requireNonNull(answer.view()));
            case REFUSED -> throw PayException.gateway("alipay.trade.pay", answer.code(), answer.subCode(),
                    answer.subMsg());
            case WAITING, UNKNOWN -> awaitOrCancel(order);
        };
    }

    /** Queries until paid or timed out; then cancels the trade and settles the order by what the cancel did. */
    private PayLog awaitOrCancel(PayLog order) {
        Instant deadline = this.orders.now().plus(this.config.barcodePollTimeout());
        while (this.orders.now().isBefore(deadline)) {
            pause(this.config.barcodePollInterval());
            Optional<AliPayLog> view = queryQuietly(order);
            if (view.isPresent() && view.get().tradeStatus().isPaid()) {
                return this.transitions.applyOrThrow(order, view.get());
            }
            if (view.isPresent() && view.get().tradeStatus() == AliPayStatus.TRADE_CLOSED) {
                break;
            }
        }
        AliPayGateway.CancelAnswer cancel = cancel(order);
        if (cancel.refunded()) {
            // Paid at the last moment, and the cancel gave the money back: the order was paid, and is refunded.
            logger.warn("Order {} was paid while its in-store payment was being cancelled; Alipay refunded it",
                    order.orderId());
            PayLog paid = this.transitions.applyOrThrow(order, paidView(order));
            if (this.refunds != null) {
                this.refunds.recordCancelRefund(paid);
            }
            return this.orders.require(order.orderId());
        }
        return this.transitions.move(order, PayStatus.CLOSE, null, null);
    }

    private AliPayGateway.CancelAnswer cancel(PayLog order) {
        PayException last = null;
        for (int attempt = 1; attempt <= CANCEL_ATTEMPTS; attempt++) {
            try {
                AliPayGateway.CancelAnswer answer = this.gateway.cancel(order.orderId());
                if (!answer.retry()) {
                    return answer;
                }
            }
            catch (PayException ex) {
                last = ex;
            }
            pause(this.config.barcodePollInterval());
        }
        throw new PayException(PayErrorCode.THIRD_PARTY_ERROR, "The in-store payment of order " + order.orderId()
                + " could neither be confirmed nor cancelled; it stays waiting and the sweeper settles it at its "
                + "deadline", last);
    }

    private Optional<AliPayLog> queryQuietly(PayLog order) {
        try {
            return this.gateway.query(order.orderId());
        }
        catch (PayException ex) {
            logger.debug("Query of in-store payment {} failed; trying again: {}", order.orderId(), ex.toString());
            return Optional.empty();
        }
    }

    private AliPayLog paidView(PayLog order) {
        Instant now = this.orders.now();
        return new AliPayLog(order.orderId(), null, AliPayStatus.TRADE_SUCCESS, order.amount(), order.amount(),
                order.amount(), null, null, now, null, null, null, now, now);
    }

    /** The first 4 and last 2 digits: enough to tell codes apart in a log, not enough to pay with. */
    static String mask(String authCode) {
        return authCode.substring(0, 4) + "*".repeat(authCode.length() - 6) + authCode.substring(authCode.length() - 2);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new PayException(PayErrorCode.THIRD_PARTY_ERROR, "Interrupted while waiting for a payment", ex);
        }
    }
}
