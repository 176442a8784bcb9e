package io.jitpay.alipay;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import io.jitpay.pay.NotifyResult;
import io.jitpay.pay.RefundLog;
import io.jitpay.pay.SweepReport;

/**
 * What a payment instance reports for metrics and traces: each notification handled, each call to Alipay's gateway
 * (wrapped, so that it can be timed and traced), each refund that settles, each sweep. The default does nothing;
 * {@link io.jitpay.alipay.micrometer.MicrometerPaymentObserver} records them with Micrometer, and the starter sets it
 * up when a {@code MeterRegistry} is present. Implementations must not throw and must keep tag values bounded (no
 * order ids).
 *
 * @since 0.1.0
 */
public interface PaymentObserver {

    /** Observes nothing. */
    PaymentObserver NONE = new PaymentObserver() {
    };

    /**
     * A notification was handled.
     * @param fullName the instance
     * @param result   its outcome
     */
    default void notification(String fullName, NotifyResult result) {
    }

    /**
     * A call to Alipay's gateway: runs it, and may time and trace it.
     * @param <T>       what the call answers
     * @param fullName  the instance
     * @param method    the API, for example {@code alipay.trade.query}
     * @param call      the call
     * @param outcomeOf what an answer means; a {@link io.jitpay.pay.PayException} thrown by the call means
     *                  {@link GatewayOutcome#of(io.jitpay.pay.PayException)}
     * @return the call's answer
     */
    default <T> T gatewayCall(String fullName, String method, Supplier<T> call, Function<T, GatewayOutcome> outcomeOf) {
        return call.get();
    }

    /**
     * A refund reached {@code SUCCESS} or {@code FAILED}.
     * @param refund the refund after the change
     */
    default void refund(RefundLog refund) {
    }

    /**
     * A sweep of due orders ran.
     * @param fullName the instance
     * @param report   what it did
     * @param took     how long it took
     */
    default void sweep(String fullName, SweepReport report, Duration took) {
    }
}
