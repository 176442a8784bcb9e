package io.jitpay.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.jitpay.alipay.micrometer.MicrometerPaymentObserver;

/**
 * The meters that matter for one payment, read from the application's {@link MeterRegistry} (Actuator's), where the
 * starter records them by the tag {@code payment}: notifications by outcome and rejections by reason, gateway calls by
 * method and outcome, refunds by status, and sweeps run. Counts are since start; a timer's max is Micrometer's
 * decaying max, the longest call of the last few minutes.
 */
@Component
class PaymentMetrics {

    /** The outcomes of {@value MicrometerPaymentObserver#NOTIFICATIONS}, shown even at zero. */
    private static final List<String> NOTIFY_OUTCOMES = List.of("applied", "duplicate", "rejected", "error");

    /** The statuses of {@value MicrometerPaymentObserver#REFUNDS}, shown even at zero. */
    private static final List<String> REFUND_STATUSES = List.of("success", "failed");

    private static final String PAYMENT = "payment";

    private final ObjectProvider<MeterRegistry> registry;

    PaymentMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    /**
     * What the meters say about one payment.
     * @param fullName the payment's full name, the value of the tag {@code payment}
     * @return the readings; all zero without a meter registry
     */
    Readings of(String fullName) {
        MeterRegistry meters = this.registry.getIfAvailable();
        if (meters == null) {
            return new Readings(zeros(NOTIFY_OUTCOMES), Map.of(), List.of(), zeros(REFUND_STATUSES), 0);
        }
        Map<String, Long> notifications = zeros(NOTIFY_OUTCOMES);
        Map<String, Long> rejections = new TreeMap<>();
        for (Counter counter : meters.find(MicrometerPaymentObserver.NOTIFICATIONS).tag(PAYMENT, fullName)
            .counters()) {
            String outcome = String.valueOf(counter.getId().getTag("outcome"));
            notifications.merge(outcome, count(counter), Long::sum);
            String reason = counter.getId().getTag("reason");
            if (reason != null && !"none".equals(reason)) {
                rejections.merge(reason, count(counter), Long::sum);
            }
        }
        Map<String, Long> refunds = zeros(REFUND_STATUSES);
        for (Counter counter : meters.find(MicrometerPaymentObserver.REFUNDS).tag(PAYMENT, fullName).counters()) {
            refunds.merge(String.valueOf(counter.getId().getTag("status")), count(counter), Long::sum);
        }
        long sweeps = meters.find(MicrometerPaymentObserver.SWEEPS).tag(PAYMENT, fullName).timers().stream()
            .mapToLong(Timer::count).sum();
        return new Readings(notifications, rejections, gatewayCalls(meters, fullName), refunds, sweeps);
    }

    /**
     * Gateway calls by method and outcome. An observation's timer carries an {@code error} tag as well, and
     * {@code sub_code}: their timers are merged here, as a dashboard would sum them.
     */
    private static List<GatewayCalls> gatewayCalls(MeterRegistry meters, String fullName) {
        Map<String, GatewayCalls> calls = new LinkedHashMap<>();
        for (Timer timer : meters.find(MicrometerPaymentObserver.GATEWAY_REQUESTS).tag(PAYMENT, fullName).timers()) {
            if (timer.count() == 0) {
                continue;
            }
            GatewayCalls call = new GatewayCalls(String.valueOf(timer.getId().getTag("method")),
                    String.valueOf(timer.getId().getTag("outcome")), timer.count(),
                    timer.totalTime(TimeUnit.MILLISECONDS), timer.max(TimeUnit.MILLISECONDS));
            calls.merge(call.method() + " " + call.outcome(), call, GatewayCalls::plus);
        }
        List<GatewayCalls> sorted = new ArrayList<>(calls.values());
        sorted.sort(Comparator.comparing(GatewayCalls::method).thenComparing(GatewayCalls::outcome));
        return sorted;
    }

    private static Map<String, Long> zeros(List<String> keys) {
        Map<String, Long> counts = new LinkedHashMap<>();
        keys.forEach((key) -> counts.put(key, 0L));
        return counts;
    }

    private static long count(Counter counter) {
        return Math.round(counter.count());
    }

    /**
     * The meters of one payment.
     * @param notifications notifications by outcome: applied, duplicate, rejected, error
     * @param rejections    rejected notifications by reason, such as {@code bad_signature}
     * @param gateway       calls to Alipay by method and outcome
     * @param refunds       refunds settled, by status: success, failed
     * @param sweeps        sweeps of due orders run
     */
    record Readings(Map<String, Long> notifications, Map<String, Long> rejections, List<GatewayCalls> gateway,
            Map<String, Long> refunds, long sweeps) {
    }

    /**
     * Calls to one method of Alipay's gateway with one outcome.
     * @param method      for example {@code alipay.trade.precreate}
     * @param outcome     {@code success}, {@code business_error}, {@code unknown} or {@code transport_error}
     * @param count       how many
     * @param totalMillis their total time
     * @param maxMillis   the longest of the last few minutes
     */
    record GatewayCalls(String method, String outcome, long count, double totalMillis, double maxMillis) {

        /** {@return the mean time of a call, in milliseconds} */
        public double meanMillis() {
            return (this.count > 0) ? this.totalMillis / this.count : 0;
        }

        GatewayCalls plus(GatewayCalls other) {
            return new GatewayCalls(this.method, this.outcome, this.count + other.count,
                    this.totalMillis + other.totalMillis, Math.max(this.maxMillis, other.maxMillis));
        }
    }
}
