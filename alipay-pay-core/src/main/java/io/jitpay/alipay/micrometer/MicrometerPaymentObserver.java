package io.jitpay.alipay.micrometer;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import io.jitpay.alipay.GatewayOutcome;
import io.jitpay.alipay.PaymentObserver;
import io.jitpay.pay.NotifyResult;
import io.jitpay.pay.PayException;
import io.jitpay.pay.RefundLog;
import io.jitpay.pay.SweepReport;

/**
 * Records what payment instances do with Micrometer. Every tag value is bounded: instance names, API names, outcomes,
 * Alipay's {@code sub_code}s; never an order id.
 * <ul>
 * <li>{@value #NOTIFICATIONS} (counter): tags {@code payment}, {@code outcome} ({@code applied}, {@code duplicate},
 * {@code rejected}, {@code error}) and {@code reason} (the rejection, such as {@code bad_signature}, or
 * {@code none});</li>
 * <li>{@value #GATEWAY_REQUESTS} (an observation: a timer, and a span when tracing is on): low-cardinality keys
 * {@code payment}, {@code method}, {@code outcome} ({@code success}, {@code business_error}, {@code unknown},
 * {@code transport_error}) and {@code sub_code} (Alipay's, for business errors; else {@code none});</li>
 * <li>{@value #REFUNDS} (counter): tags {@code payment}, {@code status} ({@code success}, {@code failed});</li>
 * <li>{@value #SWEEPS} (timer): tag {@code payment}; and {@value #SWEPT_ORDERS} (counter): tags {@code payment},
 * {@code result} ({@code paid}, {@code timed_out}, {@code failed}).</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class MicrometerPaymentObserver implements PaymentObserver {

    /** Notifications handled. */
    public static final String NOTIFICATIONS = "jitpay.alipay.notifications";

    /** Calls to Alipay's gateway. */
    public static final String GATEWAY_REQUESTS = "jitpay.alipay.gateway.requests";

    /** Refunds settled. */
    public static final String REFUNDS = "jitpay.alipay.refunds";

    /** Sweeps of due orders. */
    public static final String SWEEPS = "jitpay.alipay.sweeps";

    /** Orders settled by sweeps. */
    public static final String SWEPT_ORDERS = "jitpay.alipay.sweeps.orders";

    private static final String PAYMENT = "payment";

    private final MeterRegistry meters;

    private final ObservationRegistry observations;

    /**
     * Creates the observer.
     * @param meters       where counters and timers go
     * @param observations where gateway calls are observed; {@link ObservationRegistry#NOOP} to only count them
     *                     through {@code meters}
     */
    public MicrometerPaymentObserver(MeterRegistry meters, ObservationRegistry observations) {
        this.meters = meters;
        this.observations = observations;
    }

    @Override
    public void notification(String fullName, NotifyResult result) {
        String reason = (result.rejection() != null) ? lower(result.rejection().name()) : "none";
        Counter.builder(NOTIFICATIONS).description("Alipay notifications handled")
            .tag(PAYMENT, fullName).tag("outcome", lower(result.outcome().name())).tag("reason", reason)
            .register(this.meters).increment();
    }

    @Override
    public <T> T gatewayCall(String fullName, String method, Supplier<T> call, Function<T, GatewayOutcome> outcomeOf) {
        if (this.observations.isNoop()) {
            Timer.Sample sample = Timer.start(this.meters);
            GatewayOutcome outcome = GatewayOutcome.TRANSPORT_ERROR;
            try {
                T answer = call.get();
                outcome = outcomeOf.apply(answer);
                return answer;
            }
            catch (PayException ex) {
                outcome = GatewayOutcome.of(ex);
                throw ex;
            }
            finally {
                sample.stop(Timer.builder(GATEWAY_REQUESTS).description("Calls to Alipay's gateway")
                    .tag(PAYMENT, fullName).tag("method", method).tag("outcome", outcome.outcome())
                    .tag("sub_code", subCode(outcome)).register(this.meters));
            }
        }
        Observation observation = Observation.createNotStarted(GATEWAY_REQUESTS, this.observations)
            .contextualName(method)
            .lowCardinalityKeyValue(PAYMENT, fullName)
            .lowCardinalityKeyValue("method", method)
            .start();
        try (Observation.Scope scope = observation.openScope()) {
            T answer = call.get();
            tag(observation, outcomeOf.apply(answer));
            return answer;
        }
        catch (PayException ex) {
            tag(observation, GatewayOutcome.of(ex));
            observation.error(ex);
            throw ex;
        }
        catch (RuntimeException ex) {
            tag(observation, GatewayOutcome.TRANSPORT_ERROR);
            observation.error(ex);
            throw ex;
        }
        finally {
            observation.stop();
        }
    }

    @Override
    public void refund(RefundLog refund) {
        Counter.builder(REFUNDS).description("Refunds settled").tag(PAYMENT, refund.fullName())
            .tag("status", lower(refund.status().name())).register(this.meters).increment();
    }

    @Override
    public void sweep(String fullName, SweepReport report, Duration took) {
        Timer.builder(SWEEPS).description("Sweeps of orders past their deadline").tag(PAYMENT, fullName)
            .register(this.meters).record(took);
        swept(fullName, "paid", report.paid());
        swept(fullName, "timed_out", report.timedOut());
        swept(fullName, "failed", report.failed());
    }

    private void swept(String fullName, String result, int count) {
        Counter.builder(SWEPT_ORDERS).description("Orders settled or left by sweeps").tag(PAYMENT, fullName)
            .tag("result", result).register(this.meters).increment(count);
    }

    private static void tag(Observation observation, GatewayOutcome outcome) {
        observation.lowCardinalityKeyValue(KeyValue.of("outcome", outcome.outcome()));
        observation.lowCardinalityKeyValue(KeyValue.of("sub_code", subCode(outcome)));
    }

    private static String subCode(GatewayOutcome outcome) {
        return (outcome.subCode() != null) ? outcome.subCode() : "none";
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
