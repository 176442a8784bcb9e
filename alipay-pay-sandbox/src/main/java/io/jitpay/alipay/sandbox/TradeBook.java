package io.jitpay.alipay.sandbox;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Every trade the sandbox holds, found by {@code out_trade_no}, by Alipay's {@code trade_no} or by the token of its
 * cashier link, and how many verified gateway calls named each order.
 */
final class TradeBook {

    private final Map<String, Trade> byOrderId = new ConcurrentHashMap<>();

    private final Map<String, Trade> byToken = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private final boolean closeBeforeScanVoidsTrade;

    TradeBook(boolean closeBeforeScanVoidsTrade) {
        this.closeBeforeScanVoidsTrade = closeBeforeScanVoidsTrade;
    }

    /**
     * The order's trade, created with these terms if it has none; an existing trade keeps its own terms, so the
     * caller compares them (a second create request for an order must match the first).
     */
    Trade createIfAbsent(TradeTerms terms, Instant now) {
        return this.byOrderId.computeIfAbsent(terms.orderId(), (orderId) -> {
            Trade trade = new Trade(terms, SandboxIds.tradeNo(now), SandboxIds.token(), now, SandboxIds.buyerId(),
                    "jit***@sandbox.test", this.closeBeforeScanVoidsTrade);
            this.byToken.put(trade.token, trade);
            return trade;
        });
    }

    @Nullable Trade byOrderId(String orderId) {
        return this.byOrderId.get(orderId);
    }

    /** Every trade, for the bills. */
    Collection<Trade> all() {
        return this.byOrderId.values();
    }

    /** The trade behind a QR code or cashier link. */
    @Nullable Trade byToken(String token) {
        return this.byToken.get(token);
    }

    /** The trade a query, close or cancel names: by {@code trade_no} when given (Alipay lets it win), else by order. */
    @Nullable Trade find(String tradeNo, String orderId) {
        if (!tradeNo.isEmpty()) {
            return this.byOrderId.values().stream().filter((t) -> t.tradeNo.equals(tradeNo)).findFirst().orElse(null);
        }
        return this.byOrderId.get(orderId);
    }

    /** The trade an API call names, by its {@code trade_no} or {@code out_trade_no}. */
    @Nullable Trade find(ApiCall call) {
        return find(call.field("trade_no"), call.field("out_trade_no"));
    }

    /**
     * The order's trade, for the façade's buyer actions.
     * @throws IllegalArgumentException when the order was never sent to the sandbox
     */
    Trade require(String orderId) {
        Trade trade = this.byOrderId.get(orderId);
        if (trade == null) {
            throw new IllegalArgumentException("The sandbox has no trade for order " + orderId
                    + ": request a payment link first");
        }
        return trade;
    }

    void countCall(String method, String orderId) {
        this.calls.computeIfAbsent(method + " " + orderId, (key) -> new AtomicInteger()).incrementAndGet();
    }

    int calls(String method, String orderId) {
        AtomicInteger count = this.calls.get(method + " " + orderId);
        return (count != null) ? count.get() : 0;
    }
}
