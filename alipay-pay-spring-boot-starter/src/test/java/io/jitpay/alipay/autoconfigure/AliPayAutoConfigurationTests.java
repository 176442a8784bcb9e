package io.jitpay.alipay.autoconfigure;

import java.security.KeyPair;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.web.servlet.function.RouterFunction;

import io.jitpay.alipay.AliPayConfig;
import io.jitpay.alipay.AliPayGateway;
import io.jitpay.alipay.AliPayLog;
import io.jitpay.alipay.AliPayLogStore;
import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.SdkAliPayGateway;
import io.jitpay.alipay.jdbc.JdbcPayLogStore;
import io.jitpay.pay.NotifyJournal;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayStatusListener;
import io.jitpay.pay.PayType;
import io.jitpay.pay.PayUrl;
import io.jitpay.alipay.sandbox.TestRsaKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@ExtendWith(OutputCaptureExtension.class)
class AliPayAutoConfigurationTests {

    private static final KeyPair APP = TestRsaKeys.generate();

    private static final KeyPair ALIPAY = TestRsaKeys.generate();

    private static final String APP_PRIVATE = TestRsaKeys.pkcs8Base64(APP);

    private static final String APP_PUBLIC = TestRsaKeys.x509Base64(APP);

    private static final String ALIPAY_PUBLIC = TestRsaKeys.x509Base64(ALIPAY);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(BootAutoConfigurations.withJdbc())
        .withPropertyValues("spring.datasource.generate-unique-name=true");

    private final ApplicationContextRunner configured = this.runner.withPropertyValues(
            "jitpay.alipay.app-id=2021000000000001", "jitpay.alipay.private-key=" + APP_PRIVATE,
            "jitpay.alipay.public-key=" + ALIPAY_PUBLIC);

    @Test
    void withoutAnAppIdTheApplicationStartsWithoutPaymentBeans() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(DataSource.class);
            assertThat(context).doesNotHaveBean(AliPayment.class);
            assertThat(context).doesNotHaveBean(AliPayConfig.class);
            assertThat(context).doesNotHaveBean(AliPayLogStore.class);
            assertThat(context).doesNotHaveBean(AliPayGateway.class);
        });
    }

    @Test
    void anAppIdActivatesThePaymentNamedAliPaymentWithTheJdbcStoreAndTheSdkGateway() {
        this.configured.run((context) -> {
            assertThat(context).hasSingleBean(AliPayment.class);
            assertThat(context).hasBean("aliPayment");
            AliPayment payment = context.getBean(AliPayment.class);
            assertThat(payment.fullName()).isEqualTo("pays.aliPayment");
            assertThat(payment.appId()).isEqualTo("2021000000000001");
            assertThat(context).hasSingleBean(JdbcPayLogStore.class);
            assertThat(context).hasSingleBean(SdkAliPayGateway.class);
            AliPayConfig config = context.getBean(AliPayConfig.class);
            assertThat(config.gatewayUrl()).isEqualTo(AliPayConfig.PRODUCTION_GATEWAY_URL);
            assertThat(config.orderTimeout()).isEqualTo(Duration.ofMinutes(30));
        });
    }

    @Test
    void everyPropertyReachesTheConfiguration() {
        this.configured.withPropertyValues("jitpay.alipay.gateway-url=https://gateway.example.com/gateway.do",
                "jitpay.alipay.notify-url=https://shop.example.com/notify",
                "jitpay.alipay.return-url=https://shop.example.com/paid",
                "jitpay.alipay.quit-url=https://shop.example.com/cart", "jitpay.alipay.seller-id=2088000000000001",
                "jitpay.alipay.charset=GBK", "jitpay.alipay.order-timeout=2h", "jitpay.alipay.connect-timeout=1s",
                "jitpay.alipay.read-timeout=7s")
            .run((context) -> {
                AliPayConfig config = context.getBean(AliPayConfig.class);
                assertThat(config.gatewayUrl()).isEqualTo("https://gateway.example.com/gateway.do");
                assertThat(config.notifyUrl()).isEqualTo("https://shop.example.com/notify");
                assertThat(config.returnUrl()).isEqualTo("https://shop.example.com/paid");
                assertThat(config.quitUrl()).isEqualTo("https://shop.example.com/cart");
                assertThat(config.sellerId()).isEqualTo("2088000000000001");
                assertThat(config.charset().name()).isEqualTo("GBK");
                assertThat(config.orderTimeout()).isEqualTo(Duration.ofHours(2));
                assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
                assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(7));
            });
    }

    @Test
    void nameSetsTheBeanNameAndTheFullName() {
        this.configured.withPropertyValues("jitpay.alipay.name=shopPay").run((context) -> {
            assertThat(context).hasSingleBean(AliPayment.class);
            assertThat(context).hasBean("shopPay").doesNotHaveBean("aliPayment");
            assertThat(context.getBean("shopPay", AliPayment.class).fullName()).isEqualTo("pays.shopPay");
        });
    }

    @Test
    void sandboxSelectsAlipaysSandboxGatewayUnlessAGatewayUrlIsGiven() {
        this.configured.withPropertyValues("jitpay.alipay.sandbox=true").run((context) -> assertThat(
                context.getBean(AliPayConfig.class).gatewayUrl()).isEqualTo(AliPayConfig.SANDBOX_GATEWAY_URL));
        this.configured.withPropertyValues("jitpay.alipay.sandbox=true",
                "jitpay.alipay.gateway-url=http://127.0.0.1:9/gateway.do")
            .run((context) -> assertThat(context.getBean(AliPayConfig.class).gatewayUrl())
                .isEqualTo("http://127.0.0.1:9/gateway.do"));
    }

    @Test
    void retiredSandboxHostIsWarnedAbout(CapturedOutput output) {
        this.configured.withPropertyValues("jitpay.alipay.gateway-url=https://openapi.alipaydev.com/gateway.do")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(output).contains("retired Alipay sandbox")
                    .contains("https://openapi-sandbox.dl.alipaydev.com/gateway.do");
            });
    }

    @Test
    void keysAreReadFromPemContentClasspathAndFileLocations(@TempDir Path dir) throws IOException {
        Path appKey = dir.resolve("app-private-key.pem");
        Files.writeString(appKey, TestRsaKeys.pem("PRIVATE KEY", APP.getPrivate().getEncoded(), "\n"));
        this.runner.withPropertyValues("jitpay.alipay.app-id=2021000000000001",
                "jitpay.alipay.private-key=file:" + appKey, "jitpay.alipay.public-key=classpath:alipay-public-key.pem")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                AliPayConfig config = context.getBean(AliPayConfig.class);
                assertThat(config.privateKey()).isEqualTo(APP.getPrivate());
                String pem = new String(getClass().getResourceAsStream("/alipay-public-key.pem").readAllBytes());
                assertThat(config.publicKey()).isEqualTo(AliPayConfig.builder().appId("1")
                    .privateKey(APP_PRIVATE).publicKey(pem).build().publicKey());
            });
        this.runner.withPropertyValues("jitpay.alipay.app-id=2021000000000001",
                "jitpay.alipay.private-key=" + TestRsaKeys.pem("PRIVATE KEY", APP.getPrivate().getEncoded(), "\n"),
                "jitpay.alipay.public-key=" + TestRsaKeys.pem("PUBLIC KEY", ALIPAY.getPublic().getEncoded(), "\n"))
            .run((context) -> assertThat(context.getBean(AliPayConfig.class).publicKey())
                .isEqualTo(ALIPAY.getPublic()));
    }

    @Test
    void missingKeyFileFailsStartUpNamingTheProperty() {
        this.configured.withPropertyValues("jitpay.alipay.private-key=file:/no/such/dir/key.pem")
            .run(failsWith("jitpay.alipay.private-key names the resource 'file:/no/such/dir/key.pem', which does "
                    + "not exist", "Update jitpay.alipay.private-key: put the PEM or base64 text there"));
    }

    @Test
    void applicationPublicKeyInThePublicKeyPropertyFailsStartUpWithTheFix() {
        this.configured.withPropertyValues("jitpay.alipay.public-key=" + APP_PUBLIC)
            .run(failsWith("jitpay.alipay.public-key holds your application's own public key",
                    "Update jitpay.alipay.public-key: put the Alipay public key from the open platform console "
                            + "there."));
    }

    @Test
    void unreadablePrivateKeyFailsStartUpWithoutPrintingTheKey() {
        String broken = APP_PRIVATE.substring(0, 300);
        this.configured.withPropertyValues("jitpay.alipay.private-key=" + broken).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains("jitpay.alipay.private-key is not a readable RSA "
                    + "private key");
            assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(broken.substring(40, 80));
        });
    }

    @Test
    void blankAppIdFailsStartUp() {
        this.configured.withPropertyValues("jitpay.alipay.app-id= ").run(failsWith("jitpay.alipay.app-id is empty",
                "Update jitpay.alipay.app-id: set it to the APPID"));
    }

    @Test
    void withoutADataSourceStartUpFailsAskingForOne() {
        new ApplicationContextRunner().withConfiguration(BootAutoConfigurations.withJdbc())
            .withClassLoader(new FilteredClassLoader("org.h2", "com.zaxxer"))
            .withPropertyValues("jitpay.alipay.app-id=2021000000000001",
                    "jitpay.alipay.private-key=" + APP_PRIVATE,
                    "jitpay.alipay.public-key=" + ALIPAY_PUBLIC)
            .run(failsWith("spring.datasource.url is not set, so there is no single DataSource for the order store",
                    "Update spring.datasource.url: configure one (spring.datasource.url) or define an "
                            + "AliPayLogStore bean."));
    }

    @Test
    void eachBeanBacksOffForTheApplicationsOwn() {
        this.configured.withUserConfiguration(OwnBeans.class).run((context) -> {
            assertThat(context).hasSingleBean(AliPayConfig.class);
            assertThat(context.getBean(AliPayConfig.class)).isSameAs(context.getBean("ownConfig"));
            assertThat(context).hasSingleBean(AliPayGateway.class);
            assertThat(context.getBean(AliPayGateway.class)).isSameAs(context.getBean("ownGateway"));
            assertThat(context).hasSingleBean(AliPayLogStore.class);
            assertThat(context.getBean(AliPayLogStore.class)).isSameAs(context.getBean("ownStore"));
            AliPayment payment = context.getBean(AliPayment.class);
            assertThat(payment.appId()).isEqualTo("2021000000000002");
            PayUrl url = payment.getPayUrl(payment.create("Coffee", BigDecimal.ONE).orderId(), PayType.PRE_PAY);
            assertThat(url.payUrl()).isEqualTo("https://qr.example.com/own");
        });
    }

    @Test
    void paymentBacksOffForTheApplicationsOwnWhateverItsName() {
        this.configured.withUserConfiguration(OwnPayment.class).run((context) -> {
            assertThat(context).hasSingleBean(AliPayment.class);
            assertThat(context).hasBean("myPayment").doesNotHaveBean("aliPayment");
        });
    }

    /**
     * With several data sources, the application's only transaction manager may manage another one; the store's
     * transactions still cover its own, so a failing listener rolls back the change and the listener's own writes.
     */
    @Test
    void storeTransactionsCoverItsDataSourceWhateverTransactionManagerTheApplicationHas() {
        new ApplicationContextRunner().withConfiguration(BootAutoConfigurations.withJdbc())
            .withUserConfiguration(TwoDataSources.class)
            .withBean(AliPayGateway.class, StubGateway::new)
            .withPropertyValues("jitpay.alipay.app-id=2021000000000001",
                    "jitpay.alipay.private-key=" + APP_PRIVATE,
                    "jitpay.alipay.public-key=" + ALIPAY_PUBLIC)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                AliPayment payment = context.getBean(AliPayment.class);
                PayLog order = payment.create("Coffee", BigDecimal.ONE);
                assertThatIllegalStateException().isThrownBy(() -> payment.cancel(order.orderId()))
                    .withMessage("fulfilment failed");
                assertThat(payment.find(order.orderId())).get().extracting(PayLog::status)
                    .isEqualTo(PayStatus.WAIT);
                assertThat(JdbcClient.create(context.getBean("shopDataSource", DataSource.class))
                    .sql("SELECT COUNT(*) FROM shop_fulfilment").query(Integer.class).single()).isZero();
            });
    }

    @Test
    void payStatusListenerBeansAndSpringEventsHearEveryTransition() {
        this.configured.withUserConfiguration(Listeners.class)
            .withBean(AliPayGateway.class, StubGateway::new)
            .run((context) -> {
            AliPayment payment = context.getBean(AliPayment.class);
            PayLog order = payment.create("Coffee", BigDecimal.ONE);
            payment.cancel(order.orderId());
            Listeners listeners = context.getBean(Listeners.class);
            assertThat(listeners.direct).singleElement().extracting(PayLog::status).isEqualTo(PayStatus.CLOSE);
            assertThat(listeners.events).singleElement().extracting(PayLog::status).isEqualTo(PayStatus.CLOSE);
        });
    }

    @Test
    void schemaIsCreatedForAnEmbeddedDatabaseByDefault() {
        this.configured.run((context) -> assertThat(tables(context)).contains("JITPAY_PAY_LOG", "JITPAY_ALIPAY_LOG"));
    }

    @Test
    void schemaIsNotCreatedWhenNever() {
        this.configured.withPropertyValues("jitpay.alipay.store.initialize-schema=never")
            .run((context) -> assertThat(tables(context)).doesNotContain("JITPAY_PAY_LOG"));
    }

    @Test
    void schemaIsNotCreatedForAServerDatabaseByDefaultButIsWhenAlways(@TempDir Path dir) {
        String url = "spring.datasource.url=jdbc:h2:file:" + dir.resolve("shop").toAbsolutePath();
        this.configured.withPropertyValues(url)
            .run((context) -> assertThat(tables(context)).doesNotContain("JITPAY_PAY_LOG"));
        this.configured.withPropertyValues(url, "jitpay.alipay.store.initialize-schema=always")
            .run((context) -> assertThat(tables(context)).contains("JITPAY_PAY_LOG", "JITPAY_ALIPAY_LOG"));
        // Running the scripts again at the next start is harmless.
        this.configured.withPropertyValues(url, "jitpay.alipay.store.initialize-schema=always")
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void notifyEndpointIsRegisteredOnlyWhenEnabledInAServletApplication() {
        WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(BootAutoConfigurations.withJdbc())
            .withPropertyValues("spring.datasource.generate-unique-name=true", "jitpay.alipay.app-id=2021000000000001",
                    "jitpay.alipay.private-key=" + APP_PRIVATE,
                    "jitpay.alipay.public-key=" + ALIPAY_PUBLIC);
        web.run((context) -> {
            assertThat(context).hasSingleBean(AliPayment.class);
            assertThat(context).doesNotHaveBean(AliPayNotifyEndpoint.class);
        });
        web.withPropertyValues("jitpay.alipay.notify.enabled=true").run((context) -> {
            assertThat(context).hasSingleBean(AliPayNotifyEndpoint.class);
            assertThat(context).hasBean("aliPayNotifyRoute");
            assertThat(context.getBean("aliPayNotifyRoute")).isInstanceOf(RouterFunction.class);
        });
        web.withPropertyValues("jitpay.alipay.notify.enabled=true")
            .withClassLoader(new FilteredClassLoader("org.springframework.web.servlet"))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context).hasSingleBean(AliPayment.class);
                assertThat(context).doesNotHaveBean(AliPayNotifyEndpoint.class);
            });
    }

    @Test
    void notifyEndpointIsNotRegisteredInANonWebApplication() {
        this.configured.withPropertyValues("jitpay.alipay.notify.enabled=true")
            .run((context) -> assertThat(context).doesNotHaveBean(AliPayNotifyEndpoint.class));
    }

    @Test
    void sweeperIsOnByDefaultAndTimesOutOverdueOrders() {
        this.configured.withBean(AliPayGateway.class, StubGateway::new).run((context) -> {
            assertThat(context).hasSingleBean(AliPaySweeper.class);
            assertThat(context.getBean(AliPaySweeper.class).isRunning()).isTrue();
            AliPayLogStore store = context.getBean(AliPayLogStore.class);
            java.time.Instant longAgo = java.time.Instant.now().minus(Duration.ofHours(1))
                .truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            store.insert(new PayLog("OVERDUE_1", "pays.aliPayment", "Coffee", new BigDecimal("1.00"), PayStatus.WAIT,
                    null, null, longAgo, longAgo.plus(Duration.ofMinutes(30)), longAgo, null, PayLog.NOTHING_REFUNDED));
            io.jitpay.pay.SweepReport report = context.getBean(AliPaySweeper.class).sweepNow();
            assertThat(report.timedOut()).isEqualTo(1);
            assertThat(store.find("pays.aliPayment", "OVERDUE_1")).get().extracting(PayLog::status).isEqualTo(PayStatus.TIMEOUT);
        });
    }

    @Test
    void sweeperCanBeSwitchedOff() {
        this.configured.withPropertyValues("jitpay.alipay.sweeper.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(AliPaySweeper.class));
    }

    /** The journal was once purged by the sweeper only: with the sweeper off, it grew for ever. */
    @Test
    void theJournalIsPurgedOnItsOwnScheduleEvenWithTheSweeperOff() {
        this.configured.withPropertyValues("jitpay.alipay.sweeper.enabled=false", "jitpay.alipay.journal.retention=1h",
                "jitpay.alipay.journal.purge-interval=10m").run((context) -> {
            assertThat(context).hasSingleBean(AliPayJournalPurger.class);
            AliPayJournalPurger purger = context.getBean(AliPayJournalPurger.class);
            assertThat(purger.isRunning()).isTrue();
            NotifyJournal journal = context.getBean(NotifyJournal.class);
            java.time.Instant now = java.time.Instant.now();
            for (java.time.Instant at : new java.time.Instant[] { now.minus(Duration.ofHours(2)), now }) {
                journal.record(new io.jitpay.pay.NotifyRecord(0, at, "pays.aliPayment", null, "OLD_OR_NEW", null,
                        "out_trade_no=OLD_OR_NEW", false, io.jitpay.pay.NotifyResult.Outcome.REJECTED,
                        io.jitpay.pay.NotifyResult.Rejection.BAD_SIGNATURE, "test"));
            }
            assertThat(purger.purgeNow()).isEqualTo(1);
            assertThat(journal.findNotifications("OLD_OR_NEW")).singleElement()
                .satisfies((record) -> assertThat(record.receivedAt()).isAfter(now.minusSeconds(60)));
        });
    }

    @Test
    void theSchemaIsCreatedForAnApplicationsOwnStoreToo() {
        this.configured.withUserConfiguration(OwnBeans.class)
            .run((context) -> assertThat(tables(context)).contains("JITPAY_PAY_LOG", "JITPAY_ALIPAY_LOG",
                    "JITPAY_NOTIFY_LOG"));
    }

    @Test
    void propertyDefaultsAreTheCoreDefaults() {
        AliPayProperties properties = new AliPayProperties();
        AliPayConfig config = AliPayConfig.builder().appId("2021000000000001").privateKey(APP_PRIVATE)
            .publicKey(ALIPAY_PUBLIC).build();
        assertThat(properties.getName()).isEqualTo(config.name());
        assertThat(properties.determineGatewayUrl()).isEqualTo(config.gatewayUrl());
        assertThat(properties.getCharset()).isEqualTo(config.charset());
        assertThat(properties.getOrderTimeout()).isEqualTo(config.orderTimeout());
        assertThat(properties.getConnectTimeout()).isEqualTo(config.connectTimeout());
        assertThat(properties.getReadTimeout()).isEqualTo(config.readTimeout());
        assertThat(properties.getNotify().isEnabled()).isFalse();
        assertThat(properties.getNotify().getPath()).isEqualTo("/jitpay/alipay/notify");
        assertThat(properties.getJournal().getRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(properties.getJournal().getPurgeInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(properties.getSweeper().isEnabled()).isTrue();
        assertThat(properties.getSweeper().getInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.getSweeper().getBatchSize()).isEqualTo(100);
    }

    private static ContextConsumer<AssertableApplicationContext> failsWith(String description, String action) {
        return (context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains(description);
            assertThat(analysis.getAction()).contains(action);
        };
    }

    private static FailureAnalysis analyze(AssertableApplicationContext context) {
        FailureAnalysis analysis = new AliPayConfigFailureAnalyzer().analyze(context.getStartupFailure());
        assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
        return analysis;
    }

    private static List<String> tables(AssertableApplicationContext context) {
        return JdbcClient.create(context.getBean(DataSource.class))
            .sql("SELECT table_name FROM information_schema.tables").query(String.class).list();
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {

        @Bean
        AliPayConfig ownConfig() {
            return AliPayConfig.builder().appId("2021000000000002").privateKey(APP_PRIVATE)
                .publicKey(ALIPAY_PUBLIC).build();
        }

        @Bean
        AliPayGateway ownGateway() {
            return new StubGateway();
        }

        @Bean
        JdbcPayLogStore ownStore(DataSource dataSource) {
            return new JdbcPayLogStore(dataSource);
        }
    }

    /** A gateway that answers without a network: QR links are fixed and Alipay knows no trade. */
    static class StubGateway implements AliPayGateway {

        @Override
        public String precreate(TradeOrder order) {
            return "https://qr.example.com/own";
        }

        @Override
        public PayUrl wapPay(TradeOrder order) {
            return PayUrl.page("https://cashier.example.com/own", "<form></form>");
        }

        @Override
        public Optional<AliPayLog> query(String orderId) {
            return Optional.empty();
        }

        @Override
        public CloseOutcome close(String orderId) {
            return CloseOutcome.NOT_FOUND;
        }

        @Override
        public PayUrl pagePay(TradeOrder order) {
            return PayUrl.page("https://cashier.example.com/pc", "<form></form>");
        }

        @Override
        public String appPay(TradeOrder order) {
            return "app_id=1&sign=x";
        }

        @Override
        public BarcodeAnswer pay(TradeOrder order, String authCode) {
            return new BarcodeAnswer(BarcodeAnswer.Kind.UNKNOWN, null, null, null, "no Alipay here");
        }

        @Override
        public CancelAnswer cancel(String orderId) {
            return new CancelAnswer(null, false);
        }

        @Override
        public RefundAnswer refund(RefundOrder refund) {
            return new RefundAnswer(RefundAnswer.Kind.UNKNOWN, null, null, null, null, "no Alipay here");
        }

        @Override
        public RefundAnswer queryRefund(String orderId, String refundId, BigDecimal amount) {
            return new RefundAnswer(RefundAnswer.Kind.UNKNOWN, null, null, null, null, "no Alipay here");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnPayment {

        @Bean
        AliPayment myPayment(AliPayConfig config, DataSource dataSource) {
            return AliPayment.builder(config, new JdbcPayLogStore(dataSource)).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDataSources {

        @Bean
        @Primary
        DataSource shopDataSource() {
            DataSource dataSource = h2();
            JdbcClient.create(dataSource).sql("CREATE TABLE shop_fulfilment (order_id VARCHAR(64))").update();
            return dataSource;
        }

        @Bean
        DataSource reportingDataSource() {
            return h2();
        }

        private static DataSource h2() {
            return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2).generateUniqueName(true).build();
        }

        @Bean
        DataSourceTransactionManager transactionManager(@Qualifier("reportingDataSource") DataSource reporting) {
            return new DataSourceTransactionManager(reporting);
        }

        @Bean
        PayStatusListener fulfilment(@Qualifier("shopDataSource") DataSource shop) {
            return (event) -> {
                JdbcClient.create(shop).sql("INSERT INTO shop_fulfilment (order_id) VALUES (?)")
                    .param(event.payLog().orderId()).update();
                throw new IllegalStateException("fulfilment failed");
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {

        final List<PayLog> direct = new ArrayList<>();

        final List<PayLog> events = new ArrayList<>();

        @Bean
        PayStatusListener recordingListener() {
            return (event) -> this.direct.add(event.payLog());
        }

        @org.springframework.context.event.EventListener
        void on(io.jitpay.pay.PayStatusChangedEvent event) {
            this.events.add(event.payLog());
        }
    }
}
