package io.jitpay.sample;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.jitpay.alipay.AliPayment;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;

/**
 * The shop's till: takes an in-store payment ({@code barcodePay}) off the request thread. {@code barcodePay} returns
 * once the outcome is known, and a payment the buyer must confirm on the phone (Alipay's {@code 10003}) is known only
 * when they do or when the poll timeout ends it; meanwhile the till page shows the payment as under way and asks again,
 * instead of a browser request hanging for a minute. Why a code did not pay is kept with the order, for the page. At
 * most one payment per order is under way; the payment code is never logged or kept.
 */
@Component
class InStoreTill implements DisposableBean {

    /** How long presenting a code waits for its outcome before the page shows it under way: most answers are at once. */
    static final Duration ANSWER_WINDOW = Duration.ofSeconds(2);

    /** How many payments may wait for their buyers at once; more are turned away rather than queued. */
    private static final int LINES = 16;

    private static final Logger logger = LoggerFactory.getLogger(InStoreTill.class);

    private final ShopOrders orders;

    private final Map<String, CompletableFuture<Void>> underWay = new ConcurrentHashMap<>();

    private final ThreadPoolExecutor lines = new ThreadPoolExecutor(0, LINES, 1, TimeUnit.MINUTES,
            new SynchronousQueue<>(), (task) -> {
                Thread thread = new Thread(task, "shop-till");
                thread.setDaemon(true);
                return thread;
            });

    InStoreTill(ShopOrders orders) {
        this.orders = orders;
    }

    /** What became of a presented code by the time {@link #present} returns. */
    enum Presented {

        /** Alipay answered: paid, refused or closed; the order and its refusal say which. */
        ANSWERED,

        /** Still under way: the buyer has to confirm, or Alipay is being asked. */
        UNDER_WAY,

        /** Another code of this order is under way; this one was not sent. */
        ALREADY_UNDER_WAY,

        /** Every line of the till is waiting for a buyer; the code was not sent. */
        BUSY
    }

    /**
     * Sends the buyer's payment code for an order and waits up to {@link #ANSWER_WINDOW} for the outcome.
     * @param payment the order's payment
     * @param orderId a waiting order
     * @param code    the buyer's payment code, digits only
     * @return what became of it so far
     */
    Presented present(AliPayment payment, String orderId, String code) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (this.underWay.putIfAbsent(orderId, done) != null) {
            return Presented.ALREADY_UNDER_WAY;
        }
        this.orders.refusal(orderId, null);
        try {
            this.lines.execute(() -> pay(payment, orderId, code, done));
        }
        catch (RejectedExecutionException ex) {
            this.underWay.remove(orderId, done);
            return Presented.BUSY;
        }
        try {
            done.get(ANSWER_WINDOW.toMillis(), TimeUnit.MILLISECONDS);
            return Presented.ANSWERED;
        }
        catch (TimeoutException ex) {
            return Presented.UNDER_WAY;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Presented.UNDER_WAY;
        }
        catch (ExecutionException ex) {
            // pay() completes normally whatever happens; the outcome is in the order.
            return Presented.ANSWERED;
        }
    }

    /** Whether a code of the order is under way. */
    boolean isUnderWay(String orderId) {
        return this.underWay.containsKey(orderId);
    }

    private void pay(AliPayment payment, String orderId, String code, CompletableFuture<Void> done) {
        try {
            PayLog payLog = payment.barcodePay(orderId, code);
            if (payLog.status() == PayStatus.CLOSE) {
                record(orderId, "The buyer did not confirm the payment in time, so the shop cancelled it at Alipay; "
                        + "nothing was charged.");
            }
        }
        catch (PayException ex) {
            record(orderId, refusal(ex));
        }
        catch (RuntimeException ex) {
            logger.error("In-store payment of order {} failed", orderId, ex);
            record(orderId, "The payment could not be taken (" + ex.getClass().getSimpleName() + "); check the "
                    + "order before taking another code.");
        }
        finally {
            this.underWay.remove(orderId, done);
            done.complete(null);
        }
    }

    private void record(String orderId, String refusal) {
        try {
            this.orders.refusal(orderId, refusal);
        }
        catch (RuntimeException ex) {
            logger.warn("Could not record why the in-store payment of order {} did not pay: {}", orderId, refusal, ex);
        }
    }

    /**
     * Why a code did not pay, as a cashier reads it: Alipay's refusal in words, with its code and message for
     * support; any other failure as the shop explains errors.
     */
    static String refusal(PayException ex) {
        String subCode = ex.gatewaySubCode();
        if (ex.code() != PayErrorCode.THIRD_PARTY_ERROR || subCode == null) {
            return ShopErrors.readable(ex);
        }
        String reason = switch (subCode) {
            case "ACQ.PAYMENT_AUTH_CODE_INVALID" -> "Alipay could not read the payment code; ask the buyer to "
                    + "refresh it";
            case "ACQ.BUYER_BALANCE_NOT_ENOUGH", "ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH" -> "the buyer's balance is "
                    + "not enough; ask the buyer to choose another way to pay in Alipay";
            case "ACQ.BUYER_PAYMENT_AMOUNT_DAY_LIMIT_ERROR", "ACQ.BUYER_PAYMENT_AMOUNT_MONTH_LIMIT_ERROR" -> "the "
                    + "buyer has reached their payment limit";
            case "ACQ.PAYMENT_REQUEST_HAS_RISK" -> "Alipay's risk control stopped this payment";
            default -> "Alipay refused the payment";
        };
        return ShopErrors.sentence(reason + " (" + subCode + detail(ex.gatewaySubMsg()) + ")");
    }

    private static String detail(@Nullable String subMsg) {
        return (subMsg == null || subMsg.isBlank()) ? "" : ": " + subMsg;
    }

    @Override
    public void destroy() {
        this.lines.shutdownNow();
    }
}
