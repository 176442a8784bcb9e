package io.jitpay.sample;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;
import io.jitpay.pay.RefundLog;

/** Orders and refunds as the shop's templates show them: labels a shopper reads, amounts as yuan. */
final class OrderViews {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
        .withZone(ZoneId.systemDefault());

    private OrderViews() {
    }

    static Map<String, Object> order(ShopOrder order, PayLog payLog) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", order.id());
        view.put("app", ShopPayments.shortName(order.payment()));
        view.put("payment", order.payment());
        view.put("subject", order.subject());
        view.put("amount", order.amount().toPlainString());
        view.put("payType", payType(order.payType()));
        view.put("inStore", order.payType() == PayType.BARCODE_PAY);
        view.put("qr", order.payType() == PayType.PRE_PAY && order.payUrl() != null);
        view.put("payUrl", order.payUrl());
        view.put("status", payLog.status().code());
        view.put("label", label(payLog.status()));
        view.put("waiting", payLog.status() == PayStatus.WAIT);
        view.put("createdAt", TIME.format(order.createdAt()));
        view.put("paidAt", (payLog.paidAt() != null) ? TIME.format(payLog.paidAt()) : null);
        view.put("tradeNo", payLog.tradeNo());
        view.put("fulfilled", order.fulfilledAt() != null);
        BigDecimal left = payLog.amount().subtract(payLog.refundedAmount());
        view.put("paid", payLog.status() == PayStatus.SUCCESS);
        view.put("refunded", payLog.refundedAmount().toPlainString());
        view.put("left", left.toPlainString());
        view.put("refundable", payLog.status() == PayStatus.SUCCESS && left.signum() > 0);
        if (payLog.status() == PayStatus.SUCCESS && payLog.refundedAmount().signum() > 0) {
            view.put("label", (left.signum() == 0) ? "Refunded"
                    : "Paid, ¥" + payLog.refundedAmount().toPlainString() + " refunded");
        }
        return view;
    }

    static Map<String, Object> refund(RefundLog refund) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", refund.refundId());
        view.put("amount", refund.amount().toPlainString());
        view.put("reason", refund.reason());
        view.put("status", refund.status().name().toLowerCase(Locale.ROOT));
        view.put("label", switch (refund.status()) {
            case PROCESSING -> "Being confirmed";
            case SUCCESS -> "Refunded";
            case FAILED -> "Refused: " + refund.gatewaySubMsg();
        });
        view.put("at", TIME.format((refund.refundedAt() != null) ? refund.refundedAt() : refund.createdAt()));
        return view;
    }

    static String label(PayStatus status) {
        return switch (status) {
            case WAIT -> "Waiting for payment";
            case SUCCESS -> "Paid";
            case CLOSE -> "Cancelled";
            case TIMEOUT -> "Expired";
        };
    }

    static String payType(PayType type) {
        return switch (type) {
            case PRE_PAY -> "QR code";
            case WAP_PAY -> "Mobile web";
            case PAGE_PAY -> "PC web";
            case APP_PAY -> "App";
            case BARCODE_PAY -> "In store";
        };
    }
}
