package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.jitpay.alipay.bill.TradeBill;
import io.jitpay.pay.PayUrl;

/**
 * The calls {@link AliPayment} makes to Alipay. {@link SdkAliPayGateway} implements it over the official SDK; tests
 * point that adapter at the embedded sandbox rather than replacing it. Every failure is a
 * {@link io.jitpay.pay.PayException} with {@link io.jitpay.pay.PayErrorCode#THIRD_PARTY_ERROR}. An answer that changes
 * local state ("no such trade", "not closable") is believed only when Alipay signed it.
 *
 * @since 0.1.0
 */
public interface AliPayGateway {

    /**
     * Creates a QR-code trade ({@code alipay.trade.precreate}).
     * @param order the order
     * @return the QR code content ({@code qr_code}), a link the buyer's Alipay app opens
     */
    String precreate(TradeOrder order);

    /**
     * Builds the signed mobile-web cashier request ({@code alipay.trade.wap.pay}) locally, without a network call.
     * @param order the order
     * @return the cashier link (GET) and the auto-submitting form (POST) of one signed request
     */
    PayUrl wapPay(TradeOrder order);

    /**
     * Builds the signed PC web cashier request ({@code alipay.trade.page.pay}) locally, without a network call.
     * @param order the order
     * @return the cashier link (GET) and the auto-submitting form (POST) of one signed request
     */
    PayUrl pagePay(TradeOrder order);

    /**
     * Builds the signed order string of app pay ({@code alipay.trade.app.pay}) locally, without a network call.
     * @param order the order
     * @return the order string the merchant's app hands to the Alipay client SDK
     */
    String appPay(TradeOrder order);

    /**
     * Takes payment with the buyer's payment code, scanned in store ({@code alipay.trade.pay}, {@code bar_code}).
     * Never throws: what could not be learned is {@link BarcodeAnswer.Kind#UNKNOWN}.
     * @param order    the order
     * @param authCode the buyer's payment code
     * @return what Alipay answered
     */
    BarcodeAnswer pay(TradeOrder order, String authCode);

    /**
     * Cancels a trade ({@code alipay.trade.cancel}): closes it if unpaid, refunds it if paid. Meant for in-store
     * payments whose outcome is not known; an online order is closed with {@link #close}, which never refunds.
     * @param orderId the order id ({@code out_trade_no})
     * @return what Alipay did
     */
    CancelAnswer cancel(String orderId);

    /**
     * Queries a trade ({@code alipay.trade.query}).
     * @param orderId the order id ({@code out_trade_no})
     * @return Alipay's view of the trade, or empty when Alipay has no such trade yet ({@code ACQ.TRADE_NOT_EXIST}:
     *         the buyer has not scanned or opened the cashier)
     */
    Optional<AliPayLog> query(String orderId);

    /**
     * Closes an unpaid trade ({@code alipay.trade.close}).
     * @param orderId the order id ({@code out_trade_no})
     * @return what Alipay did
     */
    CloseOutcome close(String orderId);

    /**
     * Closes an unpaid trade; when Alipay will not close it, asks why: it is paid, or closed already.
     * @param orderId the order id ({@code out_trade_no})
     * @return what Alipay did, and its view of the trade when it would not close it
     */
    default Closing closeOrQuery(String orderId) {
        CloseOutcome outcome = close(orderId);
        return new Closing(outcome, (outcome == CloseOutcome.NOT_CLOSABLE) ? query(orderId).orElse(null) : null);
    }

    /**
     * Refunds all or part of a paid trade ({@code alipay.trade.refund}). Never throws: what could not be learned is
     * {@link RefundAnswer.Kind#UNKNOWN}.
     * @param refund the refund, its id sent as {@code out_request_no}
     * @return what Alipay answered
     */
    RefundAnswer refund(RefundOrder refund);

    /**
     * Asks whether a refund went through ({@code alipay.trade.fastpay.refund.query}, with its {@code gmt_refund_pay}).
     * Never throws: what could not be learned is {@link RefundAnswer.Kind#UNKNOWN}.
     * @param orderId  the order id ({@code out_trade_no})
     * @param refundId the refund's id ({@code out_request_no})
     * @param amount   the refund's amount, to tell "refunded" from an answer without a status
     * @return {@link RefundAnswer.Kind#REFUNDED}, {@link RefundAnswer.Kind#NOT_RECEIVED} (Alipay knows no such
     *         request) or {@link RefundAnswer.Kind#UNKNOWN}
     */
    RefundAnswer queryRefund(String orderId, String refundId, BigDecimal amount);

    /**
     * Downloads and reads the trade bill of a day: {@code alipay.data.dataservice.bill.downloadurl.query} with
     * {@code bill_type=trade}, then the zip at the link it answers, which lives 30 seconds. The bill is not signed;
     * the link comes in a signed answer.
     * @param day the day, Beijing time; Alipay has a day's bill by about 09:00 Beijing time the next day
     * @return the bill
     * @throws io.jitpay.pay.PayException {@link io.jitpay.pay.PayErrorCode#THIRD_PARTY_ERROR}: with Alipay's codes
     *         and sub_code {@value io.jitpay.alipay.bill.TradeBill#NOT_READY} while there is no bill (not made yet, or
     *         no trade that day; try again later), or when the download fails or the bill cannot be read
     * @throws UnsupportedOperationException for a gateway that cannot download bills; this default throws it
     * @since 0.1.0
     */
    default TradeBill tradeBill(LocalDate day) {
        throw new UnsupportedOperationException(getClass().getName() + " does not download bills");
    }

    /**
     * What Alipay answered to an in-store payment.
     *
     * @param kind    what it means
     * @param view    the paid trade, for {@link Kind#PAID}
     * @param code    Alipay's {@code code}, unless paid
     * @param subCode Alipay's {@code sub_code}
     * @param subMsg  Alipay's {@code sub_msg}, or what went wrong on the way
     */
    record BarcodeAnswer(Kind kind, @Nullable AliPayLog view, @Nullable String code, @Nullable String subCode,
            @Nullable String subMsg) {

        /** The meaning of an answer. */
        public enum Kind {

            /** {@code 10000}: paid. */
            PAID,

            /** {@code 10003}: the buyer must confirm on the phone; query until paid, or cancel. */
            WAITING,

            /** A signed business failure (an invalid code, no balance): nothing was paid; another code may work. */
            REFUSED,

            /** Not known (a system error, a timeout, an unsigned answer): query, and cancel when not paid. */
            UNKNOWN
        }
    }

    /**
     * What {@code alipay.trade.cancel} did.
     *
     * @param action {@code close} (an unpaid trade closed), {@code refund} (a paid trade refunded), or {@code null}
     *               when Alipay had no such trade
     * @param retry  whether Alipay asks to call it again ({@code retry_flag=Y})
     */
    record CancelAnswer(@Nullable String action, boolean retry) {

        /**
         * Whether the cancel found the trade paid, and refunded it.
         * @return {@code true} for {@code action=refund}
         */
        public boolean refunded() {
            return "refund".equals(this.action);
        }
    }

    /**
     * A refund as sent to Alipay.
     *
     * @param orderId  {@code out_trade_no}
     * @param refundId {@code out_request_no}: the same id again is the same refund, never a second one
     * @param amount   {@code refund_amount}, scale 2
     * @param reason   {@code refund_reason}, or {@code null}
     */
    record RefundOrder(String orderId, String refundId, BigDecimal amount, @Nullable String reason) {
    }

    /**
     * What Alipay answered about a refund.
     *
     * @param kind       what it means
     * @param refundedAt when the money went back ({@code gmt_refund_pay}), when known
     * @param refundFee  the trade's refunded total ({@code refund_fee}, cumulative), when answered
     * @param code       Alipay's {@code code} of a refusal or an unknown outcome, if it answered one
     * @param subCode    Alipay's {@code sub_code}
     * @param subMsg     Alipay's {@code sub_msg}, or what went wrong on the way
     */
    record RefundAnswer(Kind kind, @Nullable Instant refundedAt, @Nullable BigDecimal refundFee,
            @Nullable String code, @Nullable String subCode, @Nullable String subMsg) {

        /** The meaning of an answer. */
        public enum Kind {

            /** The money went back: {@code fund_change=Y}, or a query that says {@code REFUND_SUCCESS}. */
            REFUNDED,

            /** Accepted without moving money ({@code fund_change=N}): a request Alipay saw before; confirm it. */
            NO_FUND_CHANGE,

            /** A query that finds no such request: Alipay never received it. */
            NOT_RECEIVED,

            /** Refused for good, signed by Alipay: nothing moved, and the same request would be refused again. */
            REFUSED,

            /** Not known: a timeout, an HTTP error, a system error, an unsigned or malformed answer. */
            UNKNOWN
        }
    }

    /**
     * An order as sent to Alipay.
     *
     * @param orderId   {@code out_trade_no}
     * @param subject   {@code subject}
     * @param amount    {@code total_amount}, scale 2
     * @param expiresAt sent as {@code time_expire}: after it, Alipay refuses payment
     */
    record TradeOrder(String orderId, String subject, BigDecimal amount, Instant expiresAt) {
    }

    /**
     * The result of {@link #closeOrQuery}.
     *
     * @param outcome what the close did
     * @param view    Alipay's view of a trade it would not close, or {@code null}
     */
    record Closing(CloseOutcome outcome, @Nullable AliPayLog view) {
    }

    /** The result of closing a trade. */
    enum CloseOutcome {

        /** The waiting trade is now closed. */
        CLOSED,

        /** Alipay has no such trade ({@code ACQ.TRADE_NOT_EXIST}); nothing can be paid through it now. */
        NOT_FOUND,

        /** The trade is not waiting ({@code ACQ.TRADE_STATUS_ERROR}): it is already paid or closed. */
        NOT_CLOSABLE
    }
}
