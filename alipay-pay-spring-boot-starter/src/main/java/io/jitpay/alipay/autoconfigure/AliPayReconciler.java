package io.jitpay.alipay.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.support.CronExpression;

import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.bill.TradeBill;
import io.jitpay.pay.PayException;
import io.jitpay.pay.ReconciliationCompletedEvent;
import io.jitpay.pay.ReconciliationReport;
import io.jitpay.pay.ReconciliationReport.Discrepancy;

/**
 * Reconciles the previous day (Beijing time, the day of Alipay's bills) of every payment instance on a cron schedule,
 * by default at 10:00 Beijing time, an hour after Alipay has a day's bill ready. Each report is logged and published
 * as a {@link ReconciliationCompletedEvent}, after any order it settled was committed. An instance whose day could
 * not be reconciled (its bill not ready yet, Alipay out of reach) is tried again at the retry interval until the next
 * scheduled run, then left to a person, with an ERROR that says how. Every application instance may run one:
 * settling an order is a conditional change, made once whoever makes it, but each instance logs and publishes its own
 * reports.
 *
 * @since 0.1.0
 */
public final class AliPayReconciler implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(AliPayReconciler.class);

    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private final List<AliPayment> payments;

    private final CronExpression cron;

    private final ZoneId zone;

    private final Duration retryInterval;

    private final ApplicationEventPublisher publisher;

    private final Clock clock;

    private volatile @Nullable ScheduledExecutorService scheduler;

    /**
     * Creates a reconciler.
     * @param payments      the payment instances it reconciles
     * @param cron          when to run: a cron expression of six fields, for example {@code 0 0 10 * * *}
     * @param zone          the time zone of the cron expression
     * @param retryInterval the time between two attempts at a day that could not be reconciled
     * @param publisher     where the reports are published, usually the application context
     * @param clock         the clock that says which day is the previous one, and when the next run is
     * @throws PayException {@link io.jitpay.pay.PayErrorCode#CONFIG_ERROR} naming {@code reconciliation.cron} when the
     *                      expression is not one
     */
    public AliPayReconciler(List<AliPayment> payments, String cron, ZoneId zone, Duration retryInterval,
            ApplicationEventPublisher publisher, Clock clock) {
        this.payments = List.copyOf(payments);
        this.cron = parse(cron);
        this.zone = zone;
        this.retryInterval = retryInterval;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Reconciles the previous day, Beijing time, of every payment instance now.
     * @return the reports of the instances that could be reconciled
     */
    public List<ReconciliationReport> reconcilePreviousDay() {
        return reconcile(LocalDate.ofInstant(this.clock.instant(), BEIJING).minusDays(1));
    }

    /**
     * Reconciles a day of every payment instance now, logging and publishing each report. An instance that fails is
     * logged, and tried again at the retry interval while the schedule runs.
     * @param day the day, Beijing time
     * @return the reports of the instances that could be reconciled
     */
    public List<ReconciliationReport> reconcile(LocalDate day) {
        List<ReconciliationReport> reports = new ArrayList<>();
        Instant until = nextRun().toInstant();
        for (AliPayment payment : this.payments) {
            ReconciliationReport report = attempt(payment, day, until);
            if (report != null) {
                reports.add(report);
            }
        }
        return reports;
    }

    /**
     * When the schedule runs next, after now.
     * @return the time, in the schedule's zone
     */
    public ZonedDateTime nextRun() {
        ZonedDateTime now = ZonedDateTime.ofInstant(this.clock.instant(), this.zone);
        ZonedDateTime next = this.cron.next(now);
        // An expression that never fires again (a date in the past) runs no more.
        return (next != null) ? next : now.plusYears(100);
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "jitpay-alipay-reconciler");
            thread.setDaemon(true);
            return thread;
        });
        this.scheduler = executor;
        scheduleNextRun(executor);
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = this.scheduler;
        if (executor != null) {
            executor.shutdownNow();
            this.scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return this.scheduler != null;
    }

    private void scheduleNextRun(ScheduledExecutorService executor) {
        Duration delay = Duration.between(this.clock.instant(), nextRun().toInstant());
        executor.schedule(() -> {
            try {
                reconcilePreviousDay();
            }
            finally {
                if (!executor.isShutdown()) {
                    scheduleNextRun(executor);
                }
            }
        }, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** One attempt at a day of one instance: its report, or {@code null} after a failure (then tried again). */
    private @Nullable ReconciliationReport attempt(AliPayment payment, LocalDate day, Instant until) {
        ReconciliationReport report;
        try {
            report = payment.reconcile(day);
        }
        catch (RuntimeException ex) {
            failed(payment, day, until, ex);
            return null;
        }
        log(report);
        try {
            this.publisher.publishEvent(new ReconciliationCompletedEvent(payment.fullName(), report));
        }
        catch (RuntimeException ex) {
            logger.error("A listener of the reconciliation of {} for {} failed; the day itself is reconciled",
                    payment.fullName(), day, ex);
        }
        return report;
    }

    private void failed(AliPayment payment, LocalDate day, Instant until, RuntimeException ex) {
        ScheduledExecutorService executor = this.scheduler;
        Instant retryAt = this.clock.instant().plus(this.retryInterval);
        boolean notReady = (ex instanceof PayException pay) && TradeBill.NOT_READY.equals(pay.gatewaySubCode());
        if (executor == null || executor.isShutdown() || !retryAt.isBefore(until)) {
            logger.error("Could not reconcile {} for {}: {}; reconcile it by hand once possible: "
                    + "{}.reconcile(LocalDate.parse(\"{}\"))", payment.fullName(), day, ex.getMessage(),
                    payment.fullName(), day, notReady ? null : ex);
            return;
        }
        if (notReady) {
            logger.warn("Could not reconcile {} for {} yet: {}; trying again in {}", payment.fullName(), day,
                    ex.getMessage(), this.retryInterval);
        }
        else {
            logger.warn("Could not reconcile {} for {}; trying again in {}", payment.fullName(), day,
                    this.retryInterval, ex);
        }
        executor.schedule(() -> attempt(payment, day, until), this.retryInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void log(ReconciliationReport report) {
        if (report.isClean()) {
            logger.info("Reconciled {} for {}: {} of {} entries of Alipay's bill matched, no discrepancy",
                    report.fullName(), report.day(), report.matched(), report.billEntries());
            return;
        }
        Map<Discrepancy.Kind, Integer> kinds = new EnumMap<>(Discrepancy.Kind.class);
        report.discrepancies().forEach((discrepancy) -> kinds.merge(discrepancy.kind(), 1, Integer::sum));
        long settled = report.discrepancies().stream().filter(Discrepancy::settled).count();
        logger.warn("Reconciled {} for {}: {} of {} entries of Alipay's bill matched; {} discrepancies {}, {} of them "
                + "settled", report.fullName(), report.day(), report.matched(), report.billEntries(),
                report.discrepancies().size(), kinds, settled);
    }

    private static CronExpression parse(String cron) {
        try {
            return CronExpression.parse(cron);
        }
        catch (IllegalArgumentException ex) {
            throw PayException.config("reconciliation.cron", "is not a cron expression (" + ex.getMessage() + ")",
                    "write six fields: second, minute, hour, day of month, month, day of week; for example "
                            + "0 0 10 * * * for 10:00 every day", ex);
        }
    }
}
