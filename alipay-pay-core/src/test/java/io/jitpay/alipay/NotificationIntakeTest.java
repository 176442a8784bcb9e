package io.jitpay.alipay;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.pay.NotifyRecord;
import io.jitpay.pay.NotifyResult;
import io.jitpay.pay.NotifyResult.Outcome;
import io.jitpay.pay.NotifyResult.Rejection;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw notification requests as any web framework hands them to {@link AliPayment#notify(NotifyRequest)}: what is
 * answered, what is journaled and what is logged, for good, broken and hostile ones.
 */
class NotificationIntakeTest {

    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    @RegisterExtension
    static final AliPaySandboxExtension sandboxes = new AliPaySandboxExtension();

    private final AliPaySandbox sandbox = sandboxes.get();

    private PaymentFixture fixture;

    private AliPayment payment;

    @BeforeEach
    void startFixture() throws Exception {
        this.fixture = PaymentFixture.start(sandbox, (config) -> config.notifyUrl(null));
        this.payment = this.fixture.payment;
    }

    @AfterEach
    void stopFixture() {
        this.fixture.close();
    }

    @Test
    void aGenuineFormIsAppliedAndJournaledWhole() {
        PayLog order = paidAtAlipay();
        Map<String, String> notification = sandbox.notification(order.orderId());
        NotifyResult result = this.payment.notify(request(NotifyForm.encode(notification, StandardCharsets.UTF_8)));
        assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.body()).isEqualTo("success");
        NotifyRecord record = journaled();
        assertThat(NotifyForm.decode(record.form().getBytes(StandardCharsets.ISO_8859_1)))
            .isEqualTo(notification);
    }

    /** Anyone can post: 50 unsigned posts of 60 KiB each must not grow the journal by 3 MB. */
    @Test
    void anUnverifiedPostIsJournaledAsAOneKibibyteExcerpt() {
        String padding = "x".repeat(60 * 1024);
        for (int i = 0; i < 50; i++) {
            NotifyResult result = this.payment.notify(request("out_trade_no=SPAM" + i + "&subject=" + padding));
            assertThat(result.rejection()).isEqualTo(Rejection.BAD_SIGNATURE);
            assertThat(result.body()).isEqualTo("failure");
        }
        List<NotifyRecord> spam = this.fixture.journal.findNotifications("SPAM7");
        assertThat(spam).singleElement().satisfies((record) -> {
            assertThat(record.form()).hasSizeLessThanOrEqualTo(1024)
                .startsWith("out_trade_no=SPAM7&subject=xxx");
            assertThat(record.signatureValid()).isFalse();
        });
    }

    /** An order id with a line break would otherwise write a forged line into the log. */
    @Test
    void requestTextIsLoggedWithoutLineBreaks() {
        try (CapturedLogs logs = CapturedLogs.of(NotificationIntake.class)) {
            this.payment.notify(request("out_trade_no=" + URLEncoder.encode("X\r\n08:00:00 ERROR paid in full",
                    StandardCharsets.UTF_8) + "&app_id=1"));
            assertThat(logs.at(Level.WARN)).singleElement().asString().doesNotContain("\n").doesNotContain("\r")
                .contains("X??08:00:00 ERROR paid in full");
        }
    }

    @Test
    void requestsThatAreNotNotificationFormsAre4xxAndJournaled() {
        PayLog order = paidAtAlipay();
        String body = NotifyForm.encode(sandbox.notification(order.orderId()), StandardCharsets.UTF_8);
        assertRefused(NotifyRequest.of(null, bytes(body), "203.0.113.1"), 415, Rejection.UNSUPPORTED_CONTENT_TYPE);
        assertRefused(NotifyRequest.of("text/plain", bytes(body), "203.0.113.1"), 415,
                Rejection.UNSUPPORTED_CONTENT_TYPE);
        assertRefused(NotifyRequest.of("\u0000;;=", bytes(body), "203.0.113.1"), 415,
                Rejection.UNSUPPORTED_CONTENT_TYPE);
        assertRefused(request(body + "&pad=" + "y".repeat(64 * 1024)), 413, Rejection.TOO_LARGE);
        assertRefused(request(body + "&sign_type=RSA"), 400, Rejection.MALFORMED);
        assertRefused(request(body.replace("charset=utf-8", "charset=ISO-2022-CN")), 400, Rejection.MALFORMED);
        assertRefused(request(body + "&subject=%E4%B"), 400, Rejection.MALFORMED);
        assertRefused(request(""), 400, Rejection.EMPTY_BODY);
        assertThat(journaled().error()).contains("empty body");
        assertThat(this.payment.find(order.orderId())).get().extracting(PayLog::status).isEqualTo(PayStatus.WAIT);
    }

    /** A filter read the form first: the container's parameters stand in, decoded again with the form's charset. */
    @Test
    void parametersAContainerDecodedAreUsedWhenTheBodyWasConsumed() {
        PayLog order = paidAtAlipay();
        Map<String, String> gbk = sandbox.sign(unsigned(sandbox.notification(order.orderId()), "gbk"),
                Charset.forName("GBK"));
        // A container that assumed ISO-8859-1 decoded the GBK bytes one character per byte.
        Map<String, String[]> decodedByContainer = new LinkedHashMap<>();
        gbk.forEach((name, value) -> decodedByContainer.put(name, new String[] {
            new String(value.getBytes(Charset.forName("GBK")), StandardCharsets.ISO_8859_1) }));
        NotifyResult result = this.payment.notify(NotifyRequest.of(FORM, new byte[0], "203.0.113.2")
            .withDecodedParameters(decodedByContainer, StandardCharsets.ISO_8859_1));
        assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(this.payment.find(order.orderId())).get().extracting(PayLog::status)
            .isEqualTo(PayStatus.SUCCESS);
    }

    /**
     * A refund notification's fields are kept, in the journal and in the recorded view; a refund nobody requested here
     * (the merchant console's) is recorded as such, and the order stays paid with no new payment event.
     */
    @Test
    void refundFieldsAreKeptInTheJournalAndTheView() {
        PayLog order = paidAtAlipay();
        this.payment.check(order.orderId());
        Map<String, String> refund = unsigned(sandbox.notification(order.orderId()), "utf-8");
        refund.put("trade_status", "TRADE_CLOSED");
        refund.put("refund_fee", "9.90");
        refund.put("gmt_refund", "2030-01-01 10:00:00.123");
        refund.put("gmt_close", "2030-01-01 10:00:00");
        refund.put("out_biz_no", "R20300101100000000001");
        refund.put("notify_time", "2030-01-01 10:00:01");
        NotifyResult result = this.payment.notify(request(NotifyForm.encode(sandbox.sign(refund, StandardCharsets.UTF_8),
                StandardCharsets.UTF_8)));
        assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(this.payment.find(order.orderId())).get().satisfies((paid) -> {
            assertThat(paid.status()).isEqualTo(PayStatus.SUCCESS);
            assertThat(paid.refundedAmount()).isEqualByComparingTo("9.90");
        });
        assertThat(this.payment.findRefund("R20300101100000000001")).isPresent();
        assertThat(journaled().form()).contains("refund_fee=9.90", "out_biz_no=R20300101100000000001",
                "gmt_refund=2030-01-01+10%3A00%3A00.123");
        assertThat(this.payment.findAliPayLog(order.orderId())).get().satisfies((view) -> {
            assertThat(view.tradeStatus()).isEqualTo(AliPayStatus.TRADE_CLOSED);
            assertThat(view.refundFee()).isEqualByComparingTo("9.90");
            assertThat(view.outBizNo()).isEqualTo("R20300101100000000001");
            assertThat(view.gmtRefund()).isEqualTo(java.time.Instant.parse("2030-01-01T02:00:00Z"));
        });
        assertThat(this.fixture.events).hasSize(1);
    }

    private void assertRefused(NotifyRequest request, int status, Rejection rejection) {
        NotifyResult result = this.payment.notify(request);
        assertThat(result.httpStatus()).isEqualTo(status);
        assertThat(result.rejection()).isEqualTo(rejection);
        assertThat(result.body()).isEqualTo("failure");
        NotifyRecord record = journaled();
        assertThat(record.rejection()).isEqualTo(rejection);
        assertThat(record.form()).hasSizeLessThanOrEqualTo(1024);
    }

    /** The notification journaled last. */
    private NotifyRecord journaled() {
        long last = org.springframework.jdbc.core.simple.JdbcClient.create(this.fixture.dataSource)
            .sql("SELECT MAX(id) FROM jitpay_notify_log").query(Long.class).single();
        return this.fixture.journal.findNotification(last).orElseThrow();
    }

    private PayLog paidAtAlipay() {
        PayLog order = this.payment.create("Coffee", new BigDecimal("9.90"));
        this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        sandbox.pay(order.orderId());
        return order;
    }

    private static NotifyRequest request(String body) {
        return NotifyRequest.of(FORM, bytes(body), "203.0.113.9");
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.ISO_8859_1);
    }


    private static Map<String, String> unsigned(Map<String, String> signed, String charset) {
        Map<String, String> params = new LinkedHashMap<>(signed);
        params.remove("sign");
        params.remove("sign_type");
        params.put("charset", charset);
        return params;
    }
}
