package io.jitpay.alipay.autoconfigure;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.NotifyForm;
import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.alipay.sandbox.NotificationDelivery;
import io.jitpay.alipay.sandbox.TestRsaKeys;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayStatusChangedEvent;
import io.jitpay.pay.PayType;
import io.jitpay.pay.Payments;
import io.jitpay.pay.RefundLog;
import io.jitpay.pay.RefundStatus;
import io.jitpay.pay.RefundStatusChangedEvent;
import io.jitpay.pay.SweepReport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Alipay applications with different keys, each with its own sandbox, in one running application on one database:
 * one notification endpoint, one sweeper, events that name their instance. Runs on H2 and on PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = SeveralAppsEndpointTests.Platform.class)
abstract class SeveralAppsEndpointTests {

    @RegisterExtension
    static final AliPaySandboxExtension sandboxA = new AliPaySandboxExtension();

    @RegisterExtension
    static final AliPaySandboxExtension sandboxB = new AliPaySandboxExtension((builder) -> builder
        .appId("2021000000000002").sellerId("2088000000000002").appKeyPair(TestRsaKeys.generate())
        .alipayKeyPair(TestRsaKeys.generate()));

    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    private int port;

    @Autowired
    @Qualifier("shopA")
    private AliPayment shopA;

    @Autowired
    @Qualifier("shopB")
    private AliPayment shopB;

    @Autowired
    private Payments payments;

    @Autowired
    private AliPaySweeper sweeper;

    @Autowired
    private PlatformEvents events;

    @Autowired
    private DataSource dataSource;

    @DynamicPropertySource
    static void alipay(DynamicPropertyRegistry registry) {
        app(registry, "shopA", sandboxA);
        app(registry, "shopB", sandboxB);
        registry.add("jitpay.alipay.notify.enabled", () -> "true");
        registry.add("jitpay.alipay.sweeper.interval", () -> "1h");
    }

    private static void app(DynamicPropertyRegistry registry, String name, AliPaySandboxExtension sandbox) {
        sandbox.springProperties().forEach((property, value) -> registry.add(
                property.replace("jitpay.alipay.", "jitpay.alipay.apps." + name + "."), () -> value));
    }

    @BeforeEach
    void forgetEvents() {
        this.events.clear();
    }

    @Test
    void ordersOfEachAppSettleThroughTheOneEndpoint() {
        PayLog orderA = paidOrder(this.shopA, sandboxA.get());
        PayLog orderB = paidOrder(this.shopB, sandboxB.get());
        deliver(sandboxA.get(), orderA, "");
        deliver(sandboxB.get(), orderB, "");
        assertThat(sandboxA.get().deliveries(orderA.orderId())).singleElement()
            .satisfies((delivery) -> assertThat(delivery.response()).isEqualTo("success"));
        assertThat(sandboxB.get().deliveries(orderB.orderId())).singleElement()
            .satisfies((delivery) -> assertThat(delivery.response()).isEqualTo("success"));
        assertThat(status(this.shopA, orderA)).isEqualTo(PayStatus.SUCCESS);
        assertThat(status(this.shopB, orderB)).isEqualTo(PayStatus.SUCCESS);
        assertThat(this.events.payments).extracting((event) -> event.payLog().fullName() + "/" + event.payLog().orderId())
            .containsExactlyInAnyOrder("pays.shopA/" + orderA.orderId(), "pays.shopB/" + orderB.orderId());
        // A listener that filters by instance sees only its own.
        assertThat(this.events.shopAOnly).extracting((event) -> event.payLog().orderId())
            .containsExactly(orderA.orderId());
        assertThat(journaled(orderA.orderId())).containsEntry("FULL_NAME", "pays.shopA");
        assertThat(journaled(orderB.orderId())).containsEntry("FULL_NAME", "pays.shopB");
    }

    @Test
    void aNotificationForAppAsOrderSignedWithAppBsAlipayKeyIsRejected() throws Exception {
        PayLog orderA = paidOrder(this.shopA, sandboxA.get());
        Map<String, String> params = unsigned(sandboxA.get().notification(orderA.orderId()));
        assertThat(post(endpoint(""), sandboxB.get().sign(params, StandardCharsets.UTF_8)).body())
            .isEqualTo("failure");
        // Even naming app B, whose key signed it: the order is A's, and A's key does not verify it.
        params.put("app_id", sandboxB.get().appId());
        params.put("seller_id", sandboxB.get().sellerId());
        assertThat(post(endpoint(""), sandboxB.get().sign(params, StandardCharsets.UTF_8)).body())
            .isEqualTo("failure");
        assertThat(status(this.shopA, orderA)).isEqualTo(PayStatus.WAIT);
        assertThat(journaled(orderA.orderId())).containsEntry("FULL_NAME", "pays.shopA")
            .containsEntry("REJECTION", "BAD_SIGNATURE");
        assertThat(this.events.payments).isEmpty();
    }

    @Test
    void aNotifyUrlThatNamesItsAppIsHandledByThatAppOnly() throws Exception {
        PayLog orderA = paidOrder(this.shopA, sandboxA.get());
        PayLog orderB = paidOrder(this.shopB, sandboxB.get());
        Map<String, String> forB = sandboxB.get().notification(orderB.orderId());
        assertThat(post(endpoint("/shopA"), forB).body()).isEqualTo("failure");
        assertThat(status(this.shopB, orderB)).isEqualTo(PayStatus.WAIT);
        HttpResponse<String> nobody = post(endpoint("/shopC"), forB);
        assertThat(nobody.statusCode()).isEqualTo(404);
        assertThat(nobody.body()).isEqualTo("failure");
        assertThat(post(endpoint("/shopB"), forB).body()).isEqualTo("success");
        assertThat(status(this.shopB, orderB)).isEqualTo(PayStatus.SUCCESS);
        deliver(sandboxA.get(), orderA, "/shopA");
        assertThat(status(this.shopA, orderA)).isEqualTo(PayStatus.SUCCESS);
    }

    @Test
    void eachInstanceSweepsOnlyItsOwnOrdersAtItsOwnGateway() {
        PayLog orderA = paidOrder(this.shopA, sandboxA.get());
        PayLog orderB = paidOrder(this.shopB, sandboxB.get());
        makeDue(orderA, orderB);
        SweepReport swept = this.shopA.sweep(100);
        assertThat(swept.claimed()).isEqualTo(1);
        assertThat(status(this.shopA, orderA)).isEqualTo(PayStatus.SUCCESS);
        assertThat(status(this.shopB, orderB)).isEqualTo(PayStatus.WAIT);
        assertThat(sandboxB.get().calls("alipay.trade.query", orderA.orderId())).isZero();
        SweepReport all = this.sweeper.sweepNow();
        assertThat(all.paid()).isEqualTo(1);
        assertThat(status(this.shopB, orderB)).isEqualTo(PayStatus.SUCCESS);
        assertThat(sandboxA.get().calls("alipay.trade.query", orderB.orderId())).isZero();
        assertThat(sandboxB.get().calls("alipay.trade.query", orderB.orderId())).isEqualTo(1);
    }

    @Test
    void refundEventsNameTheirInstance() {
        PayLog orderB = paidOrder(this.shopB, sandboxB.get());
        deliver(sandboxB.get(), orderB, "");
        RefundLog refund = this.payments.get("shopB").refund(orderB.orderId(), new BigDecimal("2.00"), "Broken cup");
        assertThat(refund.status()).isEqualTo(RefundStatus.SUCCESS);
        assertThat(refund.fullName()).isEqualTo("pays.shopB");
        assertThat(this.events.refunds).singleElement()
            .satisfies((event) -> assertThat(event.refund().fullName()).isEqualTo("pays.shopB"));
        assertThat(sandboxB.get().refunds(orderB.orderId())).singleElement()
            .satisfies((made) -> assertThat(made.amount()).isEqualByComparingTo("2.00"));
    }

    private static PayLog paidOrder(AliPayment payment, AliPaySandbox sandbox) {
        PayLog order = payment.create("Coffee", new BigDecimal("9.90"));
        payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        sandbox.pay(order.orderId());
        return order;
    }

    /** Has the sandbox deliver the order's notification to the endpoint, and waits for the answer. */
    private void deliver(AliPaySandbox sandbox, PayLog order, String suffix) {
        sandbox.notifyTo(order.orderId(), endpoint(suffix), StandardCharsets.UTF_8);
        await().until(() -> sandbox.deliveries(order.orderId()).stream().anyMatch(NotificationDelivery::acknowledged));
    }

    private void makeDue(PayLog... orders) {
        for (PayLog order : orders) {
            JdbcClient.create(this.dataSource).sql("UPDATE jitpay_pay_log SET next_check_at = created_at "
                    + "WHERE order_id = ?").param(order.orderId()).update();
        }
    }

    private static PayStatus status(AliPayment payment, PayLog order) {
        return payment.find(order.orderId()).orElseThrow().status();
    }

    private Map<String, Object> journaled(String orderId) {
        List<Map<String, Object>> rows = JdbcClient.create(this.dataSource)
            .sql("SELECT * FROM jitpay_notify_log WHERE out_trade_no = ? ORDER BY id DESC").param(orderId).query()
            .listOfRows();
        assertThat(rows).as("journal of %s", orderId).isNotEmpty();
        Map<String, Object> upper = new java.util.HashMap<>();
        rows.get(0).forEach((column, value) -> upper.put(column.toUpperCase(java.util.Locale.ROOT),
                (value != null) ? value.toString() : null));
        return upper;
    }

    private String endpoint(String suffix) {
        return "http://127.0.0.1:" + this.port + "/jitpay/alipay/notify" + suffix;
    }

    private HttpResponse<String> post(String url, Map<String, String> params) throws Exception {
        return this.http.send(HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(NotifyForm.encode(params, StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> unsigned(Map<String, String> signed) {
        Map<String, String> params = new java.util.LinkedHashMap<>(signed);
        params.remove("sign");
        params.remove("sign_type");
        return params;
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(PlatformEvents.class)
    static class Platform {
    }

    /** The events of the platform, as its listeners see them. */
    @Component
    static class PlatformEvents {

        final List<PayStatusChangedEvent> payments = new CopyOnWriteArrayList<>();

        final List<PayStatusChangedEvent> shopAOnly = new CopyOnWriteArrayList<>();

        final List<RefundStatusChangedEvent> refunds = new CopyOnWriteArrayList<>();

        @EventListener
        void on(PayStatusChangedEvent event) {
            this.payments.add(event);
        }

        @EventListener(condition = "#event.payLog().fullName() == 'pays.shopA'")
        void onShopA(PayStatusChangedEvent event) {
            this.shopAOnly.add(event);
        }

        @EventListener
        void on(RefundStatusChangedEvent event) {
            this.refunds.add(event);
        }

        void clear() {
            this.payments.clear();
            this.shopAOnly.clear();
            this.refunds.clear();
        }
    }
}
