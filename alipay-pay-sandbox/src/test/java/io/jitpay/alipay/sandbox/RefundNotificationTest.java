package io.jitpay.alipay.sandbox;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jitpay.alipay.sandbox.NotificationAndCashierTest.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Refund notifications as a merchant receives them, verified with the SDK's {@code rsaCheckV1}: a partial refund keeps
 * {@code TRADE_SUCCESS}, a full one reports {@code TRADE_CLOSED}, each with the refunded total, the refund's time and
 * request number; a retry sends none; a console refund is notified like the others.
 */
class RefundNotificationTest {

    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T06:30:00.045Z"));

    private HttpServer merchant;

    private AliPaySandbox sandbox;

    private AlipayClient client;

    @BeforeEach
    void start() throws Exception {
        this.merchant = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        this.merchant.createContext("/notify", (exchange) -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
                this.received.add(FormEncoding.parse(body, StandardCharsets.UTF_8));
                byte[] answer = "success".getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        });
        this.merchant.start();
        this.sandbox = AliPaySandbox.builder().clock(this.clock).notifyRetryScale(0.00002).start();
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(this.sandbox.gatewayUrl());
        config.setAppId(this.sandbox.appId());
        config.setPrivateKey(this.sandbox.appPrivateKey());
        config.setAlipayPublicKey(this.sandbox.alipayPublicKey());
        config.setCharset("UTF-8");
        config.setSignType("RSA2");
        this.client = new DefaultAlipayClient(config);
    }

    @AfterEach
    void stop() {
        this.sandbox.close();
        this.merchant.stop(0);
    }

    @Test
    void partialThenFullRefundAreNotifiedWithTheirStatusTotalTimeAndRequestNumber() throws Exception {
        String orderId = paidOrder("10.00");
        Map<String, String> payment = notification(1);

        this.clock.advance(Duration.ofMinutes(5));
        this.client.execute(RefundSdkTest.refund(orderId, "4.00", "R1", null));
        Map<String, String> partial = notification(2);
        assertThat(verifies(partial)).isTrue();
        assertThat(partial).containsEntry("trade_status", "TRADE_SUCCESS").containsEntry("refund_fee", "4.00")
            .containsEntry("out_biz_no", "R1").containsEntry("gmt_refund", "2026-05-01 14:35:00.45")
            .containsEntry("out_trade_no", orderId).containsEntry("total_amount", "10.00")
            .containsEntry("gmt_payment", payment.get("gmt_payment")).doesNotContainKey("gmt_close");
        assertThat(partial.get("notify_time")).isEqualTo("2026-05-01 14:35:00")
            .isGreaterThan(payment.get("notify_time"));
        assertThat(partial.get("notify_id")).isNotEqualTo(payment.get("notify_id"));

        this.clock.advance(Duration.ofMinutes(5));
        this.client.execute(RefundSdkTest.refund(orderId, "6.00", "R2", null));
        Map<String, String> full = notification(3);
        assertThat(verifies(full)).isTrue();
        assertThat(full).containsEntry("trade_status", "TRADE_CLOSED").containsEntry("refund_fee", "10.00")
            .containsEntry("out_biz_no", "R2").containsEntry("gmt_refund", "2026-05-01 14:40:00.45")
            .containsEntry("gmt_close", "2026-05-01 14:40:00");
        assertThat(full.get("gmt_refund")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{1,3}");

        // A retry of a finished refund moves no money and notifies nothing.
        this.client.execute(RefundSdkTest.refund(orderId, "6.00", "R2", null));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> this.received.size() == 3);
    }

    @Test
    void refundAppliedThenLostIsNotifiedAllTheSame() throws Exception {
        String orderId = paidOrder("10.00");
        notification(1);
        this.sandbox.failNext("alipay.trade.refund", SandboxFault.appliedThenHttpStatus(500));
        assertThatExceptionOfType(AlipayApiException.class)
            .isThrownBy(() -> this.client.execute(RefundSdkTest.refund(orderId, "10.00", "R1", null)));
        assertThat(notification(2)).containsEntry("trade_status", "TRADE_CLOSED").containsEntry("out_biz_no", "R1");
    }

    @Test
    void consoleRefundIsMadeUnderAnAlipayRequestNumberAndNotified() throws Exception {
        String orderId = paidOrder("10.00");
        notification(1);
        this.clock.advance(Duration.ofMinutes(1));

        SandboxRefund refund = this.sandbox.refundFromConsole(orderId, new BigDecimal("2.5"));
        assertThat(refund.outRequestNo()).startsWith("HZ20260501").hasSize(22);
        assertThat(refund.amount()).isEqualTo(new BigDecimal("2.50"));
        assertThat(refund.reason()).isNull();
        assertThat(refund.refundedAt()).isEqualTo(this.clock.instant());
        assertThat(this.sandbox.refunds(orderId)).containsExactly(refund);
        assertThat(this.sandbox.trade(orderId).orElseThrow().refundedAmount()).isEqualTo(new BigDecimal("2.50"));

        Map<String, String> notified = notification(2);
        assertThat(verifies(notified)).isTrue();
        assertThat(notified).containsEntry("trade_status", "TRADE_SUCCESS").containsEntry("refund_fee", "2.50")
            .containsEntry("out_biz_no", refund.outRequestNo());
        assertThat(this.client.execute(RefundSdkTest.refundQuery(orderId, refund.outRequestNo(), false))
            .getRefundAmount()).isEqualTo("2.50");
    }

    @Test
    void consoleRefundRefusesWhatAlipayWouldRefuse() throws Exception {
        String orderId = paidOrder("10.00");
        assertThatIllegalStateException().isThrownBy(() -> this.sandbox.refundFromConsole(orderId,
                new BigDecimal("10.01"))).withMessageContaining("ACQ.REASON_TRADE_REFUND_FEE_ERR");
        assertThatIllegalArgumentException().isThrownBy(() -> this.sandbox.refundFromConsole(orderId,
                new BigDecimal("0.001")));
        assertThatIllegalArgumentException().isThrownBy(() -> this.sandbox.refundFromConsole(orderId,
                BigDecimal.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> this.sandbox.refundFromConsole("NOPE",
                BigDecimal.ONE));
        String waiting = precreate("1.00");
        this.sandbox.scan(waiting);
        assertThatIllegalStateException().isThrownBy(() -> this.sandbox.refundFromConsole(waiting, BigDecimal.ONE))
            .withMessageContaining("ACQ.TRADE_STATUS_ERROR");
        assertThat(this.sandbox.refunds(orderId)).isEmpty();
        assertThat(this.sandbox.refunds("NOPE")).isEmpty();
    }

    @Test
    void refundTimesCarryTheirMillisecondsUnpaddedAsAlipaysPatternWritesThem() {
        assertThat(WireTime.withMillis(Instant.parse("2026-05-01T06:30:00.005Z"))).isEqualTo("2026-05-01 14:30:00.5");
        assertThat(WireTime.withMillis(Instant.parse("2026-05-01T06:30:00Z"))).isEqualTo("2026-05-01 14:30:00.0");
        assertThat(WireTime.withMillis(Instant.parse("2026-05-01T06:30:00.123456Z")))
            .isEqualTo("2026-05-01 14:30:00.123");
    }

    /** The n-th notification received, once it has arrived. */
    private Map<String, String> notification(int n) {
        await().atMost(Duration.ofSeconds(5)).until(() -> this.received.size() >= n);
        return this.received.get(n - 1);
    }

    private boolean verifies(Map<String, String> params) throws AlipayApiException {
        return AlipaySignature.rsaCheckV1(new HashMap<>(params), this.sandbox.alipayPublicKey(), "UTF-8", "RSA2");
    }

    private String paidOrder(String amount) throws AlipayApiException {
        String orderId = precreate(amount);
        this.sandbox.pay(orderId);
        return orderId;
    }

    private String precreate(String amount) throws AlipayApiException {
        String orderId = "RN" + System.nanoTime();
        AlipayTradePrecreateRequest request = SdkCompatibilityTest.precreate(orderId, amount);
        request.setNotifyUrl("http://127.0.0.1:" + this.merchant.getAddress().getPort() + "/notify");
        assertThat(this.client.execute(request).isSuccess()).isTrue();
        return orderId;
    }
}
