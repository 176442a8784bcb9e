package io.jitpay.alipay.autoconfigure;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;

import io.jitpay.alipay.AliPayConfig;
import io.jitpay.alipay.AliPayLogStore;
import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.sandbox.TestRsaKeys;
import io.jitpay.pay.NotifyResult;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;
import io.jitpay.pay.PayUrl;
import io.jitpay.pay.Payment;
import io.jitpay.pay.Payments;
import io.jitpay.pay.RefundLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Several Alipay applications configured under {@code jitpay.alipay.apps}, and payments found by name. */
class SeveralAppsConfigurationTests {

    private static final KeyPair APP_A = TestRsaKeys.generate();

    private static final KeyPair APP_B = TestRsaKeys.generate();

    private static final KeyPair ALIPAY = TestRsaKeys.generate();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(BootAutoConfigurations.withJdbc())
        .withPropertyValues("spring.datasource.generate-unique-name=true");

    /** Two entries sharing the top-level Alipay key, gateway and charset; no top-level application. */
    private final ApplicationContextRunner twoApps = this.runner.withPropertyValues(
            "jitpay.alipay.public-key=" + TestRsaKeys.x509Base64(ALIPAY),
            "jitpay.alipay.gateway-url=https://gateway.example.com/gateway.do", "jitpay.alipay.charset=GBK",
            "jitpay.alipay.order-timeout=2h", "jitpay.alipay.refund.interval=5s",
            "jitpay.alipay.apps.shopA.app-id=2021000000000001",
            "jitpay.alipay.apps.shopA.private-key=" + TestRsaKeys.pkcs8Base64(APP_A),
            "jitpay.alipay.apps.shopA.notify-url=https://a.example.com/jitpay/alipay/notify",
            "jitpay.alipay.apps.shopB.app-id=2021000000000002",
            "jitpay.alipay.apps.shopB.private-key=" + TestRsaKeys.pkcs8Base64(APP_B),
            "jitpay.alipay.apps.shopB.order-timeout=15m", "jitpay.alipay.apps.shopB.charset=UTF-8",
            "jitpay.alipay.apps.shopB.refund.interval=1s");

    @Test
    void eachEntryIsAnAliPaymentBeanNamedAfterIt() {
        this.twoApps.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(AliPayment.class)).containsOnlyKeys("shopA", "shopB");
            AliPayment shopA = context.getBean("shopA", AliPayment.class);
            AliPayment shopB = context.getBean("shopB", AliPayment.class);
            assertThat(shopA.fullName()).isEqualTo("pays.shopA");
            assertThat(shopB.fullName()).isEqualTo("pays.shopB");
            assertThat(shopA.appId()).isEqualTo("2021000000000001");
            assertThat(shopB.appId()).isEqualTo("2021000000000002");
            assertThat(shopA.config().privateKey()).isEqualTo(APP_A.getPrivate());
            assertThat(shopB.config().privateKey()).isEqualTo(APP_B.getPrivate());
            assertThat(context).hasSingleBean(AliPayLogStore.class);
            assertThat(context).hasSingleBean(AliPaySweeper.class);
            assertThat(context).hasSingleBean(AliPayJournalPurger.class);
        });
    }

    @Test
    void anUnsetPropertyOfAnEntryFallsBackToTheTopLevelValue() {
        this.twoApps.run((context) -> {
            AliPayConfig shopA = context.getBean("shopA", AliPayment.class).config();
            AliPayConfig shopB = context.getBean("shopB", AliPayment.class).config();
            assertThat(shopA.publicKey()).isEqualTo(ALIPAY.getPublic()).isEqualTo(shopB.publicKey());
            assertThat(shopA.gatewayUrl()).isEqualTo("https://gateway.example.com/gateway.do")
                .isEqualTo(shopB.gatewayUrl());
            assertThat(shopA.charset()).isEqualTo(Charset.forName("GBK"));
            assertThat(shopA.orderTimeout()).isEqualTo(Duration.ofHours(2));
            assertThat(shopA.refunds().interval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(shopA.notifyUrl()).isEqualTo("https://a.example.com/jitpay/alipay/notify");
            assertThat(shopB.charset()).isEqualTo(Charset.forName("UTF-8"));
            assertThat(shopB.orderTimeout()).isEqualTo(Duration.ofMinutes(15));
            assertThat(shopB.refunds().interval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(shopB.notifyUrl()).isNull();
            // Defaults of the top level reach the entries as well.
            assertThat(shopB.readTimeout()).isEqualTo(new AliPayProperties().getReadTimeout());
        });
    }

    @Test
    void theTopLevelApplicationAndTheEntriesLiveSideBySide() {
        this.twoApps.withPropertyValues("jitpay.alipay.app-id=2021000000000009",
                "jitpay.alipay.private-key=" + TestRsaKeys.pkcs8Base64(APP_A)).run((context) -> {
                    assertThat(context.getBeansOfType(AliPayment.class)).containsOnlyKeys("aliPayment", "shopA",
                            "shopB");
                    assertThat(context.getBean("aliPayment", AliPayment.class).appId())
                        .isEqualTo("2021000000000009");
                });
    }

    @Test
    void anEntryWhoseNameIsNoBeanNameStopsStartUp() {
        this.twoApps.withPropertyValues("jitpay.alipay.apps.[1shop].app-id=2021000000000003")
            .run(failsWith("jitpay.alipay.apps.1shop is not a valid application name", "Java identifier"));
    }

    @Test
    void twoEntriesWhoseNamesDifferOnlyInCaseStopStartUp() {
        this.twoApps.withPropertyValues("jitpay.alipay.apps.shopa.app-id=2021000000000003")
            .run(failsWith("jitpay.alipay.apps.shopa differs from another entry's name only in case",
                    "property names are not case-sensitive"));
    }

    @Test
    void twoEntriesWithTheSameAppIdAndSellerStopStartUp() {
        this.twoApps.withPropertyValues("jitpay.alipay.apps.shopB.app-id=2021000000000001")
            .run(failsWith("jitpay.alipay.apps.shopB has the app id and seller id of jitpay.alipay.apps.shopA "
                    + "(2021000000000001/null)", "its own seller-id when sub-merchants share one app id"));
    }

    @Test
    void entriesSharingAnAppIdWithDifferentSellersAreSubMerchantsAndStart() {
        this.twoApps.withPropertyValues("jitpay.alipay.apps.shopB.app-id=2021000000000001",
                "jitpay.alipay.apps.shopA.seller-id=2088000000000001",
                "jitpay.alipay.apps.shopB.seller-id=2088000000000002")
            .run((context) -> assertThat(context.getBeansOfType(AliPayment.class)).containsOnlyKeys("shopA",
                    "shopB"));
    }

    @Test
    void anEntryThatInheritsTheTopLevelAppIdAndSellerStopsStartUp() {
        this.twoApps.withPropertyValues("jitpay.alipay.app-id=2021000000000009",
                "jitpay.alipay.private-key=" + TestRsaKeys.pkcs8Base64(APP_A),
                "jitpay.alipay.apps.shopC.private-key=" + TestRsaKeys.pkcs8Base64(APP_B))
            .run(failsWith("jitpay.alipay.apps.shopC has the top-level jitpay.alipay.app-id and seller-id",
                    "give each application its own app-id"));
    }

    @Test
    void anEntryNamedLikeTheTopLevelInstanceStopsStartUp() {
        this.twoApps.withPropertyValues("jitpay.alipay.app-id=2021000000000009",
                "jitpay.alipay.private-key=" + TestRsaKeys.pkcs8Base64(APP_A),
                "jitpay.alipay.apps.aliPayment.app-id=2021000000000003")
            .run(failsWith("jitpay.alipay.apps.aliPayment has the name of the top-level instance",
                    "give jitpay.alipay.apps.aliPayment another name, or set jitpay.alipay.name"));
    }

    @Test
    void anEntrysUnusableValueIsReportedUnderItsOwnProperty() {
        this.twoApps.withPropertyValues("jitpay.alipay.apps.shopB.private-key=not a key")
            .run(failsWith("jitpay.alipay.apps.shopB.private-key ", "Update jitpay.alipay.apps.shopB.private-key"));
        this.twoApps.withPropertyValues("jitpay.alipay.apps.shopB.refund.interval=0s")
            .run(failsWith("jitpay.alipay.apps.shopB.refund.interval PT0S is out of range",
                    "Update jitpay.alipay.apps.shopB.refund.interval"));
        this.twoApps.withPropertyValues("jitpay.alipay.apps.shopB.app-id= ")
            .run(failsWith("jitpay.alipay.apps.shopB.app-id is empty", "Update jitpay.alipay.apps.shopB.app-id"));
    }

    @Test
    void anApplicationsOwnAliPaymentReplacesOnlyTheEntryOfItsName() {
        this.twoApps.withBean("shopA", AliPayment.class, () -> ownShopA()).run((context) -> {
            assertThat(context.getBeansOfType(AliPayment.class)).containsOnlyKeys("shopA", "shopB");
            assertThat(context.getBean("shopA", AliPayment.class).appId()).isEqualTo("2021000000000077");
            assertThat(context.getBean("shopB", AliPayment.class).appId()).isEqualTo("2021000000000002");
        });
    }

    @Test
    void paymentsFindsBuiltInAndUserDefinedTypesByBothNameForms() {
        this.twoApps.withBean("cash", Payment.class, CashPayment::new).run((context) -> {
            Payments payments = context.getBean(Payments.class);
            assertThat(payments.get("shopA")).isSameAs(context.getBean("shopA")).isSameAs(payments.get("pays.shopA"));
            assertThat(payments.get("shopB")).isSameAs(payments.get("pays.shopB"));
            assertThat(payments.get("cash")).isSameAs(context.getBean("cash")).isSameAs(payments.get("pays.cash"));
            assertThat(payments.all()).extracting(Payment::fullName)
                .containsExactlyInAnyOrder("pays.shopA", "pays.shopB", "pays.cash");
            PayLog order = payments.get("pays.cash").create("Tea", new BigDecimal("3.50"));
            assertThat(payments.get("cash").find(order.orderId())).contains(order);
            assertThatExceptionOfType(PayException.class).isThrownBy(() -> payments.get("shopC"))
                .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.INVALID_PARAM_ERROR))
                .withMessageContaining("no payment instance named 'shopC'")
                .withMessageContaining("pays.shopA");
        });
    }

    @Test
    void theIdeMetadataDocumentsTheEntries() throws Exception {
        try (java.io.InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            String metadata = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> all = (List<Map<String, Object>>) JsonParserFactory.getJsonParser()
                .parseMap(metadata).get("properties");
            assertThat(all).filteredOn((property) -> "jitpay.alipay.apps".equals(property.get("name"))).singleElement()
                .satisfies((property) -> {
                    assertThat((String) property.get("type")).contains("AliPayAppProperties");
                    assertThat((String) property.get("description")).contains("AliPayment bean of that name")
                        .contains("falls back to the top-level value");
                });
        }
    }

    private static AliPayment ownShopA() {
        AliPayConfig config = AliPayConfig.builder().name("shopA").appId("2021000000000077")
            .privateKey(TestRsaKeys.pkcs8Base64(APP_A)).publicKey(TestRsaKeys.x509Base64(ALIPAY)).build();
        return AliPayment.builder(config, new io.jitpay.alipay.jdbc.JdbcPayLogStore(
                new org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder().generateUniqueName(true)
                    .setType(org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType.H2)
                    .build())).build();
    }

    private static ContextConsumer<AssertableApplicationContext> failsWith(String description, String action) {
        return (context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new AliPayConfigFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
            assertThat(analysis.getDescription()).contains(description);
            assertThat(analysis.getAction()).contains(action);
        };
    }

    /** An application's own payment Type, as the seed lets developers add: cash at the counter, kept in memory. */
    static final class CashPayment implements Payment {

        private final Map<String, PayLog> orders = new ConcurrentHashMap<>();

        @Override
        public PayLog create(String subject, BigDecimal amount, @Nullable String orderId) {
            Instant now = Instant.now();
            String id = (orderId != null) ? orderId : generateOrderId();
            PayLog order = new PayLog(id, fullName(), subject, amount, PayStatus.WAIT, null, null, now,
                    now.plus(Duration.ofMinutes(30)), now, null, PayLog.NOTHING_REFUNDED);
            if (this.orders.putIfAbsent(id, order) != null) {
                throw new PayException(PayErrorCode.ORDER_EXISTS_ERROR, "Order " + id + " exists");
            }
            return order;
        }

        @Override
        public PayUrl getPayUrl(String orderId, PayType payType) {
            throw new PayException(PayErrorCode.UNKNOWN_PAY_TYPE, "Cash is paid at the counter");
        }

        @Override
        public PayLog check(String orderId) {
            return order(orderId);
        }

        @Override
        public Optional<?> checkThird(PayLog payLog) {
            return Optional.empty();
        }

        @Override
        public PayLog cancel(String orderId) {
            return this.orders.compute(orderId, (id, order) -> order(orderId).withStatus(PayStatus.CLOSE, null, null,
                    Instant.now()));
        }

        @Override
        public void cancelThird(String orderId) {
        }

        @Override
        public NotifyResult notify(Map<String, String> params) {
            return NotifyResult.rejected(NotifyResult.Rejection.MALFORMED, null, "cash has no notifications");
        }

        @Override
        public RefundLog refund(String orderId, BigDecimal amount, @Nullable String reason) {
            throw new PayException(PayErrorCode.ORDER_STATUS_ERROR, "Cash is refunded at the counter");
        }

        @Override
        public RefundLog refund(String orderId, BigDecimal amount, @Nullable String reason, String refundId) {
            return refund(orderId, amount, reason);
        }

        @Override
        public RefundLog checkRefund(String refundId) {
            throw new PayException(PayErrorCode.ORDER_NOT_EXIST_ERROR, "No refund " + refundId);
        }

        @Override
        public Optional<RefundLog> findRefund(String refundId) {
            return Optional.empty();
        }

        @Override
        public List<RefundLog> findRefunds(String orderId) {
            return List.of();
        }

        @Override
        public String generateOrderId() {
            return "CASH" + System.nanoTime();
        }

        @Override
        public String fullName() {
            return "pays.cash";
        }

        @Override
        public Optional<PayLog> find(String orderId) {
            return Optional.ofNullable(this.orders.get(orderId));
        }

        private PayLog order(String orderId) {
            PayLog order = this.orders.get(orderId);
            if (order == null) {
                throw new PayException(PayErrorCode.ORDER_NOT_EXIST_ERROR, "No order " + orderId);
            }
            return order;
        }
    }
}
