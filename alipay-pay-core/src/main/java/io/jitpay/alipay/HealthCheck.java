package io.jitpay.alipay;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import io.jitpay.pay.PayException;
import io.jitpay.pay.RefundLogStore;
import io.jitpay.pay.SweepReport;

/**
 * Computes an instance's {@link AliPayHealth}: the store answers a read, the last sweep, the refunds stuck in
 * processing past their limit and, when asked, a gateway probe: a query of an order that cannot exist, which a
 * reachable Alipay answers, signed, with "no such trade". A probe's answer is kept for a minute, so that a health
 * endpoint polled every few seconds does not become traffic to Alipay.
 */
final class HealthCheck {

    static final String PROBE_ORDER_ID = "JITPAY_HEALTH_PROBE";

    private static final Duration PROBE_CACHE = Duration.ofMinutes(1);

    private final String fullName;

    private final AliPayConfig config;

    private final AliPayLogStore store;

    private final @Nullable RefundLogStore refunds;

    private final AliPayGateway gateway;

    private final Clock clock;

    private volatile @Nullable Map<String, Object> lastSweep;

    private volatile @Nullable Probe lastProbe;

    HealthCheck(String fullName, AliPayConfig config, AliPayLogStore store, @Nullable RefundLogStore refunds,
            AliPayGateway gateway, Clock clock) {
        this.fullName = fullName;
        this.config = config;
        this.store = store;
        this.refunds = refunds;
        this.gateway = gateway;
        this.clock = clock;
    }

    void recordSweep(SweepReport report) {
        Map<String, Object> sweep = new LinkedHashMap<>();
        sweep.put("at", this.clock.instant().toString());
        sweep.put("claimed", report.claimed());
        sweep.put("paid", report.paid());
        sweep.put("timedOut", report.timedOut());
        sweep.put("failed", report.failed());
        this.lastSweep = Map.copyOf(sweep);
    }

    AliPayHealth check(boolean probeGateway) {
        try {
            return checkEach(probeGateway);
        }
        catch (RuntimeException ex) {
            return new AliPayHealth(this.fullName, false, Map.of("error", ex.getClass().getSimpleName()));
        }
    }

    private AliPayHealth checkEach(boolean probeGateway) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("appId", this.config.appId());
        AliPayCertificates certificates = this.config.certificates();
        details.put("mode", (certificates != null) ? "certificate" : "key");
        boolean up = true;
        if (certificates != null) {
            up &= certificates(certificates, details);
        }
        try {
            this.store.find(this.fullName, PROBE_ORDER_ID);
            details.put("store", "reachable");
            if (this.refunds != null) {
                details.put("refundsStuck", this.refunds.countProcessingSince(this.fullName,
                        this.clock.instant().minus(this.config.refunds().processingLimit())));
            }
        }
        catch (RuntimeException ex) {
            up = false;
            details.put("store", "failing: " + LogSafe.quote(ex.toString()));
        }
        Map<String, Object> sweep = this.lastSweep;
        details.put("lastSweep", (sweep != null) ? sweep : "none since start");
        if (probeGateway) {
            Probe probe = probe();
            details.put("gateway", probe.result());
            up &= probe.up();
        }
        return new AliPayHealth(this.fullName, up, details);
    }

    /**
     * Days until the application's and Alipay's certificates expire; a certificate expired since start makes the
     * instance down (Alipay refuses it), one within {@link AliPayCertificates#EXPIRY_WARNING} adds a warning.
     */
    private boolean certificates(AliPayCertificates certificates, Map<String, Object> details) {
        Instant now = this.clock.instant();
        Map<String, Object> days = new LinkedHashMap<>();
        boolean valid = true;
        StringBuilder warning = new StringBuilder();
        for (Map.Entry<String, X509Certificate> certificate : Map.of("appCert", certificates.appCertificate(),
                "alipayCert", certificates.alipayCertificate()).entrySet()) {
            Instant notAfter = certificate.getValue().getNotAfter().toInstant();
            long left = Duration.between(now, notAfter).toDays();
            days.put(certificate.getKey(), left);
            if (!now.isBefore(notAfter)) {
                valid = false;
                warning.append(certificate.getKey()).append(" expired on ").append(notAfter).append("; ");
            }
            else if (now.plus(AliPayCertificates.EXPIRY_WARNING).isAfter(notAfter)) {
                warning.append(certificate.getKey()).append(" expires on ").append(notAfter)
                    .append(": renew it in the Alipay console; ");
            }
        }
        details.put("certificateDaysLeft", new TreeMap<>(days));
        if (warning.length() > 0) {
            details.put("certificateWarning", warning.substring(0, warning.length() - 2));
        }
        return valid;
    }

    private Probe probe() {
        Instant now = this.clock.instant();
        Probe last = this.lastProbe;
        if (last != null && now.isBefore(last.at().plus(PROBE_CACHE))) {
            return last;
        }
        Probe probe;
        try {
            this.gateway.query(PROBE_ORDER_ID);
            probe = new Probe(now, true, "reachable, answers verified");
        }
        catch (PayException ex) {
            probe = new Probe(now, false, LogSafe.quote(ex.getMessage()));
        }
        this.lastProbe = probe;
        return probe;
    }

    private record Probe(Instant at, boolean up, String result) {
    }
}
