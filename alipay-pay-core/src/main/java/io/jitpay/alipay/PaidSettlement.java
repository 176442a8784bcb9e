package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.jitpay.pay.NotifyRecord;

/**
 * The most common change of all, asked of the store in one step: Alipay reports a waiting order paid. The store moves
 * the order to SUCCESS only when it is still waiting, has exactly {@link #amount()}, and Alipay has reported nothing
 * beyond {@code WAIT_BUYER_PAY} for it; then every rule of the state machine holds without reading the order first.
 *
 * @param fullName the payment instance that owns the order
 * @param orderId  the order id
 * @param view     Alipay's view: paid, without refunds, with its {@code total_amount}
 * @param paidAt   the payment time to record
 * @param at       the time of the change
 * @param journal  the notification's journal record to write with the change, or {@code null} for none
 * @since 0.1.0
 */
public record PaidSettlement(String fullName, String orderId, AliPayLog view, Instant paidAt, Instant at,
        @Nullable NotifyRecord journal) {

    /**
     * Checks that the view is one this step is for.
     * @throws IllegalArgumentException when the view is not paid, reports a refund, or has no amount
     */
    public PaidSettlement {
        if (!isFor(view)) {
            throw new IllegalArgumentException(
                    "A paid settlement needs a paid view without refunds and with an amount");
        }
    }

    /**
     * Whether a view is one this step is for: a payment, without refunds, with its amount.
     * @param view Alipay's view
     * @return {@code true} when a {@code PaidSettlement} can carry it
     */
    public static boolean isFor(AliPayLog view) {
        return view.tradeStatus().isPaid() && !view.reportsRefund() && view.totalAmount() != null;
    }

    /**
     * The amount Alipay reports, which the order must have.
     * @return {@code total_amount}
     */
    public BigDecimal amount() {
        return Objects.requireNonNull(this.view.totalAmount());
    }
}
