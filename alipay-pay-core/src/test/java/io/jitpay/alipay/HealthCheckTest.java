package io.jitpay.alipay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jitpay.alipay.jdbc.JdbcPayLogStore;
import io.jitpay.alipay.jdbc.JdbcRefundLogStore;
import io.jitpay.alipay.jdbc.JdbcStoreSchema;
import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.alipay.sandbox.SandboxFault;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link AliPayment#health(boolean)}: the store, the last sweep, stuck refunds, the gateway probe, certificates. */
@SuppressWarnings("unchecked")
class HealthCheckTest {

    @RegisterExtension
    static final AliPaySandboxExtension sandboxes = new AliPaySandboxExtension();

    private final AliPaySandbox sandbox = sandboxes.get();

    @Test
    void aWorkingInstanceIsUpWithWhatWasChecked() throws Exception {
        try (PaymentFixture shop = PaymentFixture.start(this.sandbox, (config) -> config.notifyUrl(null))) {
            AliPayHealth health = shop.payment.health(false);
            assertThat(health.up()).isTrue();
            assertThat(health.name()).isEqualTo("aliPayment");
            assertThat(health.details()).containsEntry("appId", this.sandbox.appId()).containsEntry("mode", "key")
                .containsEntry("store", "reachable").containsEntry("refundsStuck", 0)
                .containsEntry("lastSweep", "none since start").doesNotContainKey("gateway");
            shop.payment.sweep(10);
            assertThat((Map<String, Object>) shop.payment.health(false).details().get("lastSweep")).containsEntry("claimed", 0)
                .containsKey("at");
            assertThat(health.toString()).doesNotContain(this.sandbox.appPrivateKey().substring(0, 40));
        }
    }

    @Test
    void theGatewayProbeIsAskedForAndCachedForAMinute() throws Exception {
        try (PaymentFixture shop = PaymentFixture.start(this.sandbox, (config) -> config.notifyUrl(null))) {
            this.sandbox.failNext("alipay.trade.query", SandboxFault.httpStatus(502));
            AliPayHealth failing = shop.payment.health(true);
            assertThat(failing.up()).isFalse();
            assertThat((String) failing.details().get("gateway")).contains("alipay.trade.query");
            assertThat(shop.payment.health(true).up()).isFalse();
            assertThat(this.sandbox.calls("alipay.trade.query", HealthCheck.PROBE_ORDER_ID)).isZero();
        }
        try (PaymentFixture shop = PaymentFixture.start(this.sandbox, (config) -> config.notifyUrl(null))) {
            assertThat(shop.payment.health(true).details()).containsEntry("gateway", "reachable, answers verified");
            shop.payment.health(true);
            assertThat(this.sandbox.calls("alipay.trade.query", HealthCheck.PROBE_ORDER_ID)).isEqualTo(1);
        }
    }

    @Test
    void anUnreachableStoreMakesTheInstanceDown() throws Exception {
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:health" + System.nanoTime()
                + ";DB_CLOSE_DELAY=-1", "sa", "");
        new JdbcStoreSchema(pool).initialize();
        AliPayment payment = AliPayment.builder(config().build(), new JdbcPayLogStore(pool)).build();
        pool.dispose();
        AliPayHealth health = payment.health(false);
        assertThat(health.up()).isFalse();
        assertThat((String) health.details().get("store")).startsWith("failing: ");
    }

    @Test
    void certificatesReportTheirDaysLeftWarnWithinThirtyDaysAndAreDownOnceExpired() {
        TestPki pki = new TestPki();
        AliPayConfig config = pki.config().build();
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:health" + System.nanoTime()
                + ";DB_CLOSE_DELAY=-1", "sa", "");
        try {
            new JdbcStoreSchema(pool).initialize();
            AliPayHealth today = health(config, pool, Duration.ZERO);
            assertThat(today.up()).isTrue();
            assertThat(today.details()).containsEntry("mode", "certificate").doesNotContainKey("certificateWarning");
            assertThat((Map<String, Object>) today.details().get("certificateDaysLeft")).containsEntry("appCert", 364L)
                .containsEntry("alipayCert", 364L);
            AliPayHealth soon = health(config, pool, Duration.ofDays(350));
            assertThat(soon.up()).isTrue();
            assertThat((String) soon.details().get("certificateWarning")).contains("appCert expires on",
                    "alipayCert expires on", "renew it in the Alipay console");
            AliPayHealth expired = health(config, pool, Duration.ofDays(366));
            assertThat(expired.up()).isFalse();
            assertThat((String) expired.details().get("certificateWarning")).contains("appCert expired on");
        }
        finally {
            pool.dispose();
        }
    }

    private static AliPayHealth health(AliPayConfig config, JdbcConnectionPool pool, Duration later) {
        Clock clock = Clock.fixed(Instant.now().plus(later), ZoneOffset.UTC);
        return AliPayment.builder(config, new JdbcPayLogStore(pool)).refundStore(new JdbcRefundLogStore(pool))
            .clock(clock).build().health(false);
    }

    private AliPayConfig.Builder config() {
        return AliPayConfig.builder().appId(this.sandbox.appId()).privateKey(this.sandbox.appPrivateKey())
            .publicKey(this.sandbox.alipayPublicKey()).gatewayUrl(this.sandbox.gatewayUrl());
    }
}
