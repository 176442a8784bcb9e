package io.jitpay.alipay.autoconfigure;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;

import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.jdbc.JdbcReconciliationStore;
import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.alipay.sandbox.SandboxFault;
import io.jitpay.alipay.sandbox.TestRsaKeys;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;
import io.jitpay.pay.ReconciliationCompletedEvent;
import io.jitpay.pay.ReconciliationReport;
import io.jitpay.pay.ReconciliationStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The daily reconciliation in the starter: the store every payment instance reconciles with, the opt-in schedule and
 * its default time, and one run over two Alipay applications, each with its own sandbox, that publishes one event per
 * application.
 */
class AliPayReconciliationTests {

    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    /** A day that has ended, whose bill the sandboxes serve. */
    private static final LocalDate DAY = LocalDate.now(BEIJING).minusDays(3);

    private static final String BILL_QUERY = "alipay.data.dataservice.bill.downloadurl.query";

    private static final SettableClock clockA = new SettableClock();

    @RegisterExtension
    static final AliPaySandboxExtension sandboxA = new AliPaySandboxExtension((builder) -> builder.clock(clockA));

    @RegisterExtension
    static final AliPaySandboxExtension sandboxB = new AliPaySandboxExtension((builder) -> builder
        .appId("2021000000000002").sellerId("2088000000000002").appKeyPair(TestRsaKeys.generate())
        .alipayKeyPair(TestRsaKeys.generate()));

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(BootAutoConfigurations.withJdbc())
        .withConfiguration(AutoConfigurations.of(AliPayReconciliationAutoConfiguration.class))
        .withPropertyValues("spring.datasource.generate-unique-name=true", "jitpay.alipay.sweeper.enabled=false");

    @AfterEach
    void clearFaults() {
        sandboxA.get().clearFaults();
        clockA.set(null);
    }

    @Test
    void theScheduleIsOffByDefaultAndEveryInstanceCanReconcileOnDemand() {
        twoApps(this.runner).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(AliPayReconciler.class);
            assertThat(context).hasSingleBean(ReconciliationStore.class);
            assertThat(context).hasSingleBean(JdbcReconciliationStore.class);
            // A day without trades at "Alipay" or here: nothing to report, and no store missing.
            ReconciliationReport report = context.getBean("shopB", AliPayment.class).reconcile(DAY);
            assertThat(report.isClean()).isTrue();
            assertThat(report.fullName()).isEqualTo("pays.shopB");
        });
    }

    @Test
    void enabledItRunsAtTenInTheMorningBeijingTime() {
        AliPayProperties.Reconciliation defaults = new AliPayProperties().getReconciliation();
        assertThat(defaults.isEnabled()).isFalse();
        assertThat(defaults.getCron()).isEqualTo("0 0 10 * * *");
        assertThat(defaults.getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(defaults.getRetryInterval()).isEqualTo(Duration.ofMinutes(30));
        twoApps(this.runner).withPropertyValues("jitpay.alipay.reconciliation.enabled=true").run((context) -> {
            assertThat(context).hasSingleBean(AliPayReconciler.class);
            assertThat(context.getBean(AliPayReconciler.class).isRunning()).isTrue();
            ZonedDateTime next = context.getBean(AliPayReconciler.class).nextRun();
            assertThat(next.getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
            assertThat(next.toLocalTime()).hasToString("10:00");
            assertThat(Duration.between(Instant.now(), next.toInstant())).isPositive()
                .isLessThanOrEqualTo(Duration.ofDays(1));
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyReconciliationPropertyIsDescribedForTheIde() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            Map<String, Object> metadata = JsonParserFactory.getJsonParser()
                .parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<Map<String, Object>> properties = ((List<Map<String, Object>>) metadata.get("properties")).stream()
                .filter((property) -> ((String) property.get("name")).startsWith("jitpay.alipay.reconciliation."))
                .toList();
            assertThat(properties).extracting((property) -> property.get("name")).containsExactlyInAnyOrder(
                    "jitpay.alipay.reconciliation.enabled", "jitpay.alipay.reconciliation.cron",
                    "jitpay.alipay.reconciliation.zone", "jitpay.alipay.reconciliation.retry-interval");
            assertThat(properties).allSatisfy((property) -> assertThat((String) property.get("description"))
                .isNotBlank());
            assertThat(properties).extracting((property) -> property.get("defaultValue"))
                .containsExactlyInAnyOrder(false, "0 0 10 * * *", "Asia/Shanghai", "30m");
        }
    }

    @Test
    void thePreviousDayIsTheDayBeforeInBeijingTime() {
        twoApps(this.runner).withUserConfiguration(Reports.class).run((context) -> {
            // 00:30 in Beijing is still the day before in UTC: the bills' day is Beijing's.
            Instant halfPastMidnight = DAY.plusDays(1).atTime(0, 30).toInstant(BEIJING);
            AliPayReconciler reconciler = new AliPayReconciler(List.of(context.getBean("shopB", AliPayment.class)),
                    "0 0 10 * * *", ZoneId.of("Asia/Shanghai"), Duration.ofMinutes(30), context,
                    Clock.fixed(halfPastMidnight, ZoneOffset.UTC));
            assertThat(reconciler.reconcilePreviousDay()).extracting(ReconciliationReport::day).containsExactly(DAY);
            assertThat(context.getBean(Reports.class).events).extracting(ReconciliationCompletedEvent::fullName)
                .containsExactly("pays.shopB");
            assertThat(reconciler.nextRun())
                .isEqualTo(DAY.plusDays(1).atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")));
        });
    }

    @Test
    void theTimeAndZoneAreConfigurable() {
        twoApps(this.runner).withPropertyValues("jitpay.alipay.reconciliation.enabled=true",
                "jitpay.alipay.reconciliation.cron=0 30 2 * * *", "jitpay.alipay.reconciliation.zone=UTC")
            .run((context) -> {
                ZonedDateTime next = context.getBean(AliPayReconciler.class).nextRun();
                assertThat(next.getZone()).isEqualTo(ZoneId.of("UTC"));
                assertThat(next.toLocalTime()).hasToString("02:30");
            });
    }

    @Test
    void aCronThatIsNoneStopsStartUpNamingTheProperty() {
        twoApps(this.runner).withPropertyValues("jitpay.alipay.reconciliation.enabled=true",
                "jitpay.alipay.reconciliation.cron=10 o'clock").run((context) -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new AliPayConfigFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains("jitpay.alipay.reconciliation.cron",
                            "is not a cron expression");
                    assertThat(analysis.getAction()).contains("0 0 10 * * *");
                });
    }

    @Test
    void oneRunOverTwoInstancesPublishesAnEventForEach() {
        twoApps(this.runner).withPropertyValues("jitpay.alipay.reconciliation.enabled=true")
            .withUserConfiguration(Reports.class).run((context) -> {
                paidOn(DAY, context.getBean("shopA", AliPayment.class));

                List<ReconciliationReport> reports = context.getBean(AliPayReconciler.class).reconcile(DAY);
                List<ReconciliationCompletedEvent> events = context.getBean(Reports.class).events;
                assertThat(events).extracting(ReconciliationCompletedEvent::fullName)
                    .containsExactlyInAnyOrder("pays.shopA", "pays.shopB");
                assertThat(events).extracting(ReconciliationCompletedEvent::report)
                    .containsExactlyInAnyOrderElementsOf(reports);
                ReconciliationReport shopA = report(events, "pays.shopA");
                assertThat(shopA.day()).isEqualTo(DAY);
                assertThat(shopA.matched()).isEqualTo(1);
                assertThat(shopA.isClean()).isTrue();
                assertThat(report(events, "pays.shopB").billEntries()).isZero();
            });
    }

    @Test
    void anInstanceThatCouldNotBeReconciledIsTriedAgain() {
        twoApps(this.runner).withPropertyValues("jitpay.alipay.reconciliation.enabled=true",
                "jitpay.alipay.reconciliation.retry-interval=200ms")
            .withUserConfiguration(Reports.class).run((context) -> {
                LocalDate day = DAY.minusDays(1);
                paidOn(day, context.getBean("shopA", AliPayment.class));
                sandboxA.get().failNext(BILL_QUERY, SandboxFault.systemError());

                List<ReconciliationReport> reports = context.getBean(AliPayReconciler.class).reconcile(day);
                assertThat(reports).extracting(ReconciliationReport::fullName).containsExactly("pays.shopB");
                List<ReconciliationCompletedEvent> events = context.getBean(Reports.class).events;
                await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 2);
                assertThat(report(events, "pays.shopA").matched()).isEqualTo(1);
            });
    }

    /**
     * An order of shop A paid at noon of a day at its sandbox, and recorded as paid. Each test has a day of its own:
     * the sandboxes serve every test of the class.
     */
    private static void paidOn(LocalDate day, AliPayment shopA) {
        AliPaySandbox sandbox = sandboxA.get();
        clockA.set(day.atTime(12, 0).toInstant(BEIJING));
        PayLog order = shopA.create("Tea", new BigDecimal("18.00"));
        shopA.getPayUrl(order.orderId(), PayType.PRE_PAY);
        sandbox.pay(order.orderId());
        assertThat(shopA.check(order.orderId()).status()).isEqualTo(PayStatus.SUCCESS);
        clockA.set(null);
    }

    private static ReconciliationReport report(List<ReconciliationCompletedEvent> events, String fullName) {
        return events.stream().filter((event) -> event.fullName().equals(fullName)).findFirst().orElseThrow()
            .report();
    }

    private static ApplicationContextRunner twoApps(ApplicationContextRunner runner) {
        List<String> properties = new ArrayList<>();
        app(properties, "shopA", sandboxA);
        app(properties, "shopB", sandboxB);
        return runner.withPropertyValues(properties.toArray(String[]::new));
    }

    private static void app(List<String> properties, String name, AliPaySandboxExtension sandbox) {
        sandbox.springProperties().forEach((property, value) -> properties.add(
                property.replace("jitpay.alipay.", "jitpay.alipay.apps." + name + ".") + "=" + value));
    }

    /** Collects the reports the application publishes. */
    static class Reports {

        final List<ReconciliationCompletedEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(ReconciliationCompletedEvent event) {
            this.events.add(event);
        }
    }

    /** A clock at a time a test sets, or the system's when none is set. */
    static final class SettableClock extends Clock {

        private volatile Instant fixed;

        void set(Instant instant) {
            this.fixed = instant;
        }

        @Override
        public Instant instant() {
            Instant now = this.fixed;
            return (now != null) ? now : Instant.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
