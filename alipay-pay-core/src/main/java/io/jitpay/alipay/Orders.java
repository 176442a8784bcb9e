package io.jitpay.alipay;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;

/**
 * The orders of one payment instance: creating one (its id, its deadline), and finding one among those it owns.
 */
final class Orders {

    /** Attempts at a generated id before giving up: another instance may generate the same one. */
    private static final int MAX_ID_ATTEMPTS = 5;

    private final String fullName;

    private final AliPayConfig config;

    private final AliPayLogStore store;

    private final Clock clock;

    private final OrderIdGenerator ids;

    Orders(String fullName, AliPayConfig config, AliPayLogStore store, Clock clock) {
        this.fullName = fullName;
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.ids = new OrderIdGenerator(clock);
    }

    /** Stores a new waiting order, due for a check at its deadline: now plus the order timeout, to the second. */
    PayLog create(OrderRequest request) {
        if (request.orderId() != null) {
            return insert(request.orderId(), request);
        }
        for (int attempt = 1;; attempt++) {
            try {
                return insert(nextId(), request);
            }
            catch (PayException ex) {
                if (ex.code() != PayErrorCode.ORDER_EXISTS_ERROR || attempt == MAX_ID_ATTEMPTS) {
                    throw ex;
                }
                // Another instance generates with the same node: move to another one.
                this.ids.reseed();
            }
        }
    }

    String nextId() {
        return this.ids.next();
    }

    Optional<PayLog> find(@Nullable String orderId) {
        return (orderId == null) ? Optional.empty() : this.store.find(this.fullName, orderId);
    }

    /** An order of this instance; another instance's order does not exist for it. */
    PayLog require(@Nullable String orderId) {
        return find(orderId).orElseThrow(() -> new PayException(PayErrorCode.ORDER_NOT_EXIST_ERROR,
                "Order " + orderId + " does not exist"));
    }

    String fullName() {
        return this.fullName;
    }

    Instant now() {
        return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private PayLog insert(String orderId, OrderRequest request) {
        Instant now = now();
        // time_expire has whole seconds: the stored deadline is exactly the one Alipay holds.
        Instant expiresAt = now.plus(this.config.orderTimeout()).truncatedTo(ChronoUnit.SECONDS);
        PayLog order = new PayLog(orderId, this.fullName, request.subject(), request.amount(), PayStatus.WAIT, null,
                null, now, expiresAt, now, null, PayLog.NOTHING_REFUNDED);
        this.store.insert(order);
        return order;
    }
}
