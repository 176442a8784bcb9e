package io.jitpay.alipay.sandbox;

import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Alipay's {@code trade_status_sync} notification of a trade: builds the signed parameter set as Alipay sends it
 * (field names, order and values after real payloads) and hands it to the {@link Notifier}, which delivers and
 * retries.
 */
final class TradeNotifications implements AutoCloseable {

    private final String appId;

    private final String sellerId;

    private final SandboxKeys keys;

    private final Clock clock;

    private final Notifier notifier;

    TradeNotifications(String appId, String sellerId, SandboxKeys keys, Clock clock, Notifier notifier) {
        this.appId = appId;
        this.sellerId = sellerId;
        this.keys = keys;
        this.clock = clock;
        this.notifier = notifier;
    }

    /** Notifies a trade's state change to its {@code notify_url}, in the charset of the request that created it. */
    void announce(Trade trade) {
        announce(trade, trade.state(this.clock.instant()));
    }

    /**
     * Notifies a trade's state as it was right after a change, such as a refund: concurrent refunds each report
     * their own refunded total and request number, not whichever came last.
     */
    void announce(Trade trade, Trade.State state) {
        if (trade.notifyUrl != null) {
            this.notifier.send(trade.notifyUrl, trade.orderId, signed(trade, state, trade.charset), trade.charset);
        }
    }

    /** Notifies a trade's current state to a given receiver. */
    void sendTo(Trade trade, String url, Charset charset) {
        this.notifier.send(url, trade.orderId, signed(trade, charset), charset);
    }

    /**
     * The notification of a trade's current state, signed by the V1 rule; each call is a new notification, with its
     * own {@code notify_id}.
     */
    Map<String, String> signed(Trade trade, Charset charset) {
        return signed(trade, trade.state(this.clock.instant()), charset);
    }

    /**
     * The notification of a trade in a given state. Once refunded it carries the refunded total
     * ({@code refund_fee}), the latest refund's time ({@code gmt_refund}, with milliseconds) and request number
     * ({@code out_biz_no}): a partial refund with {@code TRADE_SUCCESS}, a full one with {@code TRADE_CLOSED} and
     * {@code gmt_close}.
     */
    private Map<String, String> signed(Trade trade, Trade.State state, Charset charset) {
        Instant now = this.clock.instant();
        String status = state.status();
        Instant paidAt = state.paidAt();
        String paid = (paidAt != null) ? trade.amount.toPlainString() : "0.00";
        Map<String, String> params = new LinkedHashMap<>();
        params.put("gmt_create", WireTime.format(trade.createdAt));
        params.put("charset", charset.name().toLowerCase(Locale.ROOT));
        params.put("seller_email", "merchant@sandbox.test");
        params.put("subject", trade.subject);
        params.put("buyer_id", trade.buyerId);
        params.put("invoice_amount", paid);
        params.put("notify_id", SandboxIds.notifyId());
        params.put("fund_bill_list", "[{\"amount\":\"" + paid + "\",\"fundChannel\":\"ALIPAYACCOUNT\"}]");
        params.put("notify_type", "trade_status_sync");
        params.put("trade_status", status);
        params.put("receipt_amount", paid);
        params.put("app_id", this.appId);
        params.put("buyer_pay_amount", paid);
        params.put("seller_id", this.sellerId);
        if (paidAt != null) {
            params.put("gmt_payment", WireTime.format(paidAt));
        }
        if (Trade.TRADE_CLOSED.equals(status)) {
            Instant closedAt = state.closedAt();
            params.put("gmt_close", WireTime.format((closedAt != null) ? closedAt : now));
        }
        SandboxRefund refund = state.lastRefund();
        if (refund != null) {
            params.put("refund_fee", state.refunded().toPlainString());
            params.put("gmt_refund", WireTime.withMillis(refund.refundedAt()));
            params.put("out_biz_no", refund.outRequestNo());
        }
        params.put("notify_time", WireTime.format(now));
        params.put("version", "1.0");
        params.put("out_trade_no", trade.orderId);
        params.put("total_amount", trade.amount.toPlainString());
        params.put("trade_no", trade.tradeNo);
        params.put("auth_app_id", this.appId);
        params.put("buyer_logon_id", trade.buyerLogonId);
        params.put("point_amount", "0.00");
        return this.keys.signV1(params, charset);
    }

    List<NotificationDelivery> deliveries() {
        return this.notifier.deliveries();
    }

    List<NotificationDelivery> deliveries(String orderId) {
        List<NotificationDelivery> mine = new ArrayList<>();
        for (NotificationDelivery delivery : this.notifier.deliveries()) {
            if (delivery.orderId().equals(orderId)) {
                mine.add(delivery);
            }
        }
        return mine;
    }

    /** Stops every pending retry. */
    @Override
    public void close() {
        this.notifier.close();
    }
}
