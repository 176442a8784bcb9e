package io.jitpay.alipay;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.SandboxCertificates;
import io.jitpay.alipay.sandbox.TestRsaKeys;
import io.jitpay.pay.NotifyResult;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;
import io.jitpay.pay.PayUrl;
import io.jitpay.pay.RefundLog;
import io.jitpay.pay.RefundStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The product in certificate mode against the sandbox in certificate mode, over HTTP: the sandbox refuses any request
 * without the right {@code app_cert_sn} and {@code alipay_root_cert_sn}, so every step that succeeds proves the
 * product sent them; every answer names the sandbox's certificate. A rotation of Alipay's certificate mid-run is
 * followed by downloading the new one once, and notifications signed with the new key verify once it is learned.
 */
class CertificateModeSandboxTest {

    private static final String DOWNLOAD = "alipay.open.app.alipaycert.download";

    private static final KeyPair APP_KEYS = TestRsaKeys.generate();

    private static AliPaySandbox sandbox;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sandbox = AliPaySandbox.builder().certificateMode().appKeyPair(APP_KEYS).notifyRetryScale(0.001).start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void aPaymentIsCreatedPaidNotifiedCheckedAndRefundedAndAnotherCancelled() throws Exception {
        try (PaymentFixture fixture = PaymentFixture.start(sandbox, certificatesOf(sandbox))) {
            AliPayment payment = fixture.payment;
            PayLog order = payment.create("Tea", new BigDecimal("20.00"));
            PayUrl qr = payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
            assertThat(qr.payUrl()).startsWith(sandbox.baseUrl() + "/qr/");

            // The buyer scans the QR code, which opens the cashier, and pays there.
            assertThat(get(qr.payUrl()).statusCode()).isEqualTo(200);
            sandbox.pay(order.orderId());
            await().until(() -> fixture.notifyResults.stream()
                .anyMatch((result) -> result.outcome() == NotifyResult.Outcome.APPLIED));
            assertThat(payment.find(order.orderId()).orElseThrow().status()).isEqualTo(PayStatus.SUCCESS);
            assertThat(payment.checkThird(payment.find(order.orderId()).orElseThrow())).hasValueSatisfying(
                    (trade) -> assertThat(trade.tradeStatus()).isEqualTo(AliPayStatus.TRADE_SUCCESS));

            PayLog other = payment.create("Cake", new BigDecimal("12.00"));
            payment.getPayUrl(other.orderId(), PayType.PRE_PAY);
            sandbox.scan(other.orderId());
            assertThat(payment.cancel(other.orderId()).status()).isEqualTo(PayStatus.CLOSE);
            assertThat(sandbox.trade(other.orderId()).orElseThrow().status()).isEqualTo("TRADE_CLOSED");

            RefundLog refund = payment.refund(order.orderId(), new BigDecimal("5.00"), "too sweet");
            assertThat(refund.status()).isEqualTo(RefundStatus.SUCCESS);
            assertThat(sandbox.refunds(order.orderId())).singleElement()
                .satisfies((made) -> assertThat(made.amount()).isEqualByComparingTo("5.00"));
            assertThat(sandbox.calls(DOWNLOAD, "")).as("nothing to download: no rotation").isZero();
        }
    }

    @Test
    void pageRequestsSignedHereReachTheCashierWithBothSerialNumbers() throws Exception {
        try (PaymentFixture fixture = PaymentFixture.start(sandbox, certificatesOf(sandbox))) {
            for (PayType type : new PayType[] { PayType.WAP_PAY, PayType.PAGE_PAY }) {
                PayLog order = fixture.payment.create("Tea", new BigDecimal("3.00"));
                PayUrl url = fixture.payment.getPayUrl(order.orderId(), type);
                assertThat(url.payUrl()).isNotNull();
                assertThat(url.payUrl()).contains("app_cert_sn=" + sandbox.certificates().appCertSn());
                HttpResponse<String> cashier = get(url.payUrl());
                assertThat(cashier.statusCode()).as("%s accepted", type).isEqualTo(302);
                assertThat(cashier.headers().firstValue("Location")).contains(sandbox.cashierUrl(order.orderId()));
            }
            PayLog app = fixture.payment.create("Tea", new BigDecimal("3.00"));
            String orderString = fixture.payment.getPayUrl(app.orderId(), PayType.APP_PAY).orderString();
            HttpResponse<String> inTheApp = get(sandbox.appPayUrl(orderString).toString());
            assertThat(inTheApp.statusCode()).as("APP_PAY accepted").isEqualTo(302);
            assertThat(inTheApp.headers().firstValue("Location")).contains(sandbox.cashierUrl(app.orderId()));
        }
    }

    @Test
    void aRotationMidRunIsLearnedOnceAndARotatedNotificationVerifiesOnceItIsLearned() throws Exception {
        try (AliPaySandbox rotating = AliPaySandbox.builder().certificateMode().notifyRetryScale(0.001).start();
                PaymentFixture fixture = PaymentFixture.start(rotating, certificatesOf(rotating))) {
            AliPayment payment = fixture.payment;
            AliPayCertificates trusted = payment.config().certificates();
            PayLog order = payment.create("Tea", new BigDecimal("8.00"));
            payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
            String first = rotating.certificates().alipayCertSn();

            String rotated = rotating.certificates().rotateAlipayCertificate();
            // The buyer pays: the notification is signed with the new key, which the instance does not know yet.
            rotating.pay(order.orderId());
            await().until(() -> fixture.notifyResults.stream()
                .anyMatch((result) -> result.rejection() == NotifyResult.Rejection.BAD_SIGNATURE));
            assertThat(payment.find(order.orderId()).orElseThrow().status()).isEqualTo(PayStatus.WAIT);

            // The next answer names the new certificate: downloaded once, chained to the root, trusted from now on.
            PayLog next = payment.create("Cake", new BigDecimal("4.00"));
            payment.getPayUrl(next.orderId(), PayType.PRE_PAY);
            assertThat(rotating.calls(DOWNLOAD, "")).isEqualTo(1);
            assertThat(trusted.alipayCertificates()).containsOnlyKeys(first, rotated);

            // Alipay's retry of the same notification now verifies.
            await().until(() -> fixture.notifyResults.stream()
                .anyMatch((result) -> result.outcome() == NotifyResult.Outcome.APPLIED));
            assertThat(payment.find(order.orderId()).orElseThrow().status()).isEqualTo(PayStatus.SUCCESS);
            assertThat(payment.check(next.orderId()).status()).isEqualTo(PayStatus.WAIT);
            assertThat(rotating.calls(DOWNLOAD, "")).as("once").isEqualTo(1);
        }
    }

    @Test
    void aRootBundleOfAnotherRootGetsAlipaysRefusalAsATypedError() throws Exception {
        try (AliPaySandbox other = AliPaySandbox.builder().certificateMode().start();
                PaymentFixture fixture = PaymentFixture.start(sandbox, (config) -> certificatesOf(sandbox)
                    .apply(config).alipayRootCert(other.certificates().alipayRootCertPem()))) {
            PayLog order = fixture.payment.create("Tea", new BigDecimal("1.00"));
            PayException refused = assertThatExceptionOfType(PayException.class)
                .isThrownBy(() -> fixture.payment.getPayUrl(order.orderId(), PayType.PRE_PAY)).actual();
            assertThat(refused.code()).isEqualTo(PayErrorCode.THIRD_PARTY_ERROR);
            assertThat(refused.gatewayCode()).isEqualTo("40002");
            assertThat(refused.gatewaySubCode()).isEqualTo("isv.invalid-alipay-root-cert-sn");
            assertThat(sandbox.trade(order.orderId())).isEmpty();
        }
    }

    @Test
    void anApplicationCertificateAlipayDidNotIssueGetsAlipaysRefusalAsATypedError() throws Exception {
        // Another sandbox certifies the same key: the configuration is sound, but this gateway knows no such SN.
        try (AliPaySandbox other = AliPaySandbox.builder().certificateMode().appKeyPair(APP_KEYS).start();
                PaymentFixture fixture = PaymentFixture.start(sandbox, (config) -> certificatesOf(sandbox)
                    .apply(config).appCert(other.certificates().appCertPem()))) {
            PayLog order = fixture.payment.create("Tea", new BigDecimal("1.00"));
            PayException refused = assertThatExceptionOfType(PayException.class)
                .isThrownBy(() -> fixture.payment.getPayUrl(order.orderId(), PayType.PRE_PAY)).actual();
            assertThat(refused.code()).isEqualTo(PayErrorCode.THIRD_PARTY_ERROR);
            assertThat(refused.gatewaySubCode()).isEqualTo("isv.app-cert-not-exist");
            assertThat(refused.gatewaySubMsg()).isEqualTo("应用公钥证书不存在");
        }
    }

    /** An application configured in certificate mode with a sandbox's three files, and no public key. */
    private static UnaryOperator<AliPayConfig.Builder> certificatesOf(AliPaySandbox played) {
        SandboxCertificates certificates = played.certificates();
        return (config) -> config.publicKey(null).appCert(certificates.appCertPem())
            .alipayCert(certificates.alipayCertPem()).alipayRootCert(certificates.alipayRootCertPem());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
