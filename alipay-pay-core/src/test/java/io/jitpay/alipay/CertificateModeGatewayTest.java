package io.jitpay.alipay;

import java.io.UnsupportedEncodingException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeWapPayRequest;
import com.alipay.api.response.AlipayTradeQueryResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jitpay.alipay.sandbox.TestRsaKeys;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayUrl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Certificate mode over HTTP, through the real SDK adapter: requests carry both serial numbers under the signature,
 * answers are verified with the certificate they name, a rotated certificate is downloaded once and trusted only when
 * it chains to the root, and notifications verify with every trusted certificate. The SDK's own certificate client,
 * against the same test gateway, shows that the gateway speaks what the SDK expects.
 */
class CertificateModeGatewayTest {

    private static final TestPki PKI = new TestPki();

    private AliPayConfig config;

    private AliPayCertificates certificates;

    private CertModeGateway gateway;

    private SdkAliPayGateway adapter;

    @BeforeEach
    void start() throws Exception {
        AliPayCertificates expected = PKI.config().build().certificates();
        this.gateway = new CertModeGateway(PKI.appKeys.getPublic(), expected.appCertSn(), expected.alipayRootCertSn(),
                PKI.alipayKeys.getPrivate(), expected.alipayCertSn());
        this.config = PKI.config().gatewayUrl(this.gateway.url()).notifyUrl("https://shop.example.com/notify")
            .returnUrl("https://shop.example.com/paid").build();
        this.certificates = this.config.certificates();
        this.adapter = new SdkAliPayGateway(this.config);
    }

    @AfterEach
    void stop() {
        this.gateway.close();
    }

    // Requests

    @Test
    void everyGatewayCallCarriesBothSerialNumbersUnderItsSignature() {
        this.adapter.precreate(order("D1"));
        this.adapter.query("D1");
        this.adapter.close("D1");
        assertThat(this.gateway.received()).hasSize(3).allSatisfy((request) -> {
            assertThat(request.params()).containsEntry("app_cert_sn", this.certificates.appCertSn())
                .containsEntry("alipay_root_cert_sn", this.certificates.alipayRootCertSn());
            // Posted with biz_content; the signature covers them, by the SDK's own rule.
            assertThat(request.body()).containsKeys("app_cert_sn", "alipay_root_cert_sn", "biz_content");
            assertThat(sdkVerifies(request.params())).isTrue();
        });
    }

    @Test
    void wapPageAndAppRequestsCarryBothSerialNumbersUnderTheirSignature() {
        PayUrl wap = this.adapter.wapPay(order("D2"));
        PayUrl page = this.adapter.pagePay(order("D3"));
        String app = this.adapter.appPay(order("D4"));
        for (Map<String, String> params : new Map[] { query(wap.payUrl()), query(page.payUrl()), decode(app) }) {
            assertThat(params).containsEntry("app_cert_sn", this.certificates.appCertSn())
                .containsEntry("alipay_root_cert_sn", this.certificates.alipayRootCertSn());
            assertThat(sdkVerifies(params)).as("%s signed with the SNs", params.get("method")).isTrue();
        }
        // The auto-submitting form posts the same signed parameters.
        assertThat(wap.form()).contains("app_cert_sn=" + this.certificates.appCertSn());
        assertThat(this.gateway.received()).isEmpty();
    }

    @Test
    void theSdksOwnCertificateClientPutsTheSameSerialNumbersInAPageRequest() throws Exception {
        AlipayTradeWapPayRequest request = new AlipayTradeWapPayRequest();
        request.setBizContent("{\"out_trade_no\":\"D5\",\"total_amount\":\"0.01\",\"subject\":\"Tea\"}");
        Map<String, String> sdks = query(sdkCertificateClient().pageExecute(request, "GET").getBody());
        Map<String, String> ours = query(this.adapter.wapPay(order("D5")).payUrl());
        assertThat(ours.get("app_cert_sn")).isEqualTo(sdks.get("app_cert_sn"));
        assertThat(ours.get("alipay_root_cert_sn")).isEqualTo(sdks.get("alipay_root_cert_sn"));
    }

    // Answers

    @Test
    void anAnswerSignedWithTheConfiguredCertificateIsBelieved() {
        this.gateway.paid("D6");
        assertThat(this.adapter.query("D6")).hasValueSatisfying((trade) -> {
            assertThat(trade.tradeStatus()).isEqualTo(AliPayStatus.TRADE_SUCCESS);
            assertThat(trade.totalAmount()).isEqualByComparingTo("0.01");
        });
        assertThat(this.adapter.precreate(order("D7"))).isEqualTo("https://qr.alipay.com/bax0D7");
    }

    @Test
    void aSignedNoSuchTradeIsBelieved() {
        assertThat(this.adapter.query("D8")).isEmpty();
        assertThat(this.adapter.close("D8")).isEqualTo(AliPayGateway.CloseOutcome.NOT_FOUND);
    }

    @Test
    void aSuccessWithoutAlipayCertSnIsAThirdPartyError() {
        this.gateway.signWith(PKI.alipayKeys.getPrivate(), null);
        this.gateway.paid("D9");
        assertThirdPartyError(() -> this.adapter.query("D9"),
                "alipay.trade.query answered success without alipay_cert_sn");
    }

    @Test
    void aTamperedAnswerIsAThirdPartyError() {
        this.gateway.tamper();
        this.gateway.paid("D10");
        assertThirdPartyError(() -> this.adapter.query("D10"), "sign check fail: the answer to alipay.trade.query "
                + "does not verify with Alipay's certificate " + this.certificates.alipayCertSn());
    }

    @Test
    void anAnswerSignedWithAnotherKeyUnderTheConfiguredSnIsAThirdPartyError() {
        this.gateway.signWith(TestRsaKeys.generate().getPrivate(), this.certificates.alipayCertSn());
        this.gateway.paid("D11");
        assertThirdPartyError(() -> this.adapter.query("D11"), "sign check fail");
        assertThat(this.gateway.calls(CertModeGateway.DOWNLOAD)).isZero();
    }

    @Test
    void aRotatedCertificateIsDownloadedOnceCheckedAgainstTheRootAndTrustedFromThenOn() {
        KeyPair rotated = TestRsaKeys.generate();
        X509Certificate certificate = PKI.alipayCertificate(rotated.getPublic(), Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(365)));
        String sn = PemCertificates.sn(certificate);
        this.gateway.offer(sn, TestPki.pem(certificate, PKI.ca));
        this.gateway.signWith(rotated.getPrivate(), sn);
        this.gateway.paid("D12");
        try (CapturedLogs logs = CapturedLogs.of(AliPayCertificates.class, Level.INFO)) {
            assertThat(this.adapter.query("D12")).isPresent();
            assertThat(this.adapter.query("D12")).isPresent();
            assertThat(this.adapter.precreate(order("D13"))).isNotBlank();
            assertThat(logs.at(Level.INFO)).singleElement().asString().startsWith("pays.aliPayment trusts Alipay's "
                    + "certificate " + sn + " from now on").contains("put it in alipayCert at the next deployment");
        }
        assertThat(this.gateway.calls(CertModeGateway.DOWNLOAD)).isEqualTo(1);
        assertThat(this.certificates.alipayCertificates()).containsKeys(this.certificates.alipayCertSn(), sn);
        CertModeGateway.Received download = this.gateway.received().stream()
            .filter((request) -> request.method().equals(CertModeGateway.DOWNLOAD)).findFirst().orElseThrow();
        assertThat(download.params()).containsEntry("biz_content", "{\"alipay_cert_sn\":\"" + sn + "\"}")
            .containsEntry("app_cert_sn", this.certificates.appCertSn());
    }

    @Test
    void aRotatedCertificateSentWithoutItsIssuerChainsThroughTheConfiguredOne() {
        KeyPair rotated = TestRsaKeys.generate();
        X509Certificate certificate = PKI.alipayCertificate(rotated.getPublic(), Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(365)));
        String sn = PemCertificates.sn(certificate);
        this.gateway.offer(sn, TestPki.pem(certificate));
        this.gateway.signWith(rotated.getPrivate(), sn);
        assertThat(this.adapter.query("D14")).isEmpty();
        assertThat(this.gateway.calls(CertModeGateway.DOWNLOAD)).isEqualTo(1);
    }

    @Test
    void aDownloadedCertificateThatDoesNotChainToTheRootIsAThirdPartyErrorAndNotKept() {
        TestPki other = new TestPki();
        KeyPair rotated = TestRsaKeys.generate();
        X509Certificate certificate = other.alipayCertificate(rotated.getPublic(), Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(365)));
        String sn = PemCertificates.sn(certificate);
        this.gateway.offer(sn, TestPki.pem(certificate, other.ca));
        this.gateway.signWith(rotated.getPrivate(), sn);
        this.gateway.paid("D15");
        assertThirdPartyError(() -> this.adapter.query("D15"), "alipay.trade.query was signed with Alipay's "
                + "certificate " + sn + ", which this instance does not trust: it does not chain to alipayRootCert");
        assertThirdPartyError(() -> this.adapter.query("D15"), "does not chain to alipayRootCert");
        assertThat(this.gateway.calls(CertModeGateway.DOWNLOAD)).as("an untrusted one is not kept").isEqualTo(2);
        assertThat(this.certificates.alipayCertificates()).doesNotContainKey(sn);
    }

    @Test
    void anExpiredDownloadedCertificateIsAThirdPartyError() {
        KeyPair rotated = TestRsaKeys.generate();
        X509Certificate certificate = PKI.alipayCertificate(rotated.getPublic(),
                Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(1)));
        String sn = PemCertificates.sn(certificate);
        this.gateway.offer(sn, TestPki.pem(certificate, PKI.ca));
        this.gateway.signWith(rotated.getPrivate(), sn);
        assertThirdPartyError(() -> this.adapter.query("D16"), "is not valid now");
    }

    @Test
    void aDownloadedCertificateOfAnotherSnIsAThirdPartyError() {
        KeyPair rotated = TestRsaKeys.generate();
        X509Certificate certificate = PKI.alipayCertificate(rotated.getPublic(), Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(365)));
        String claimed = "0123456789abcdef0123456789abcdef";
        this.gateway.offer(claimed, TestPki.pem(certificate, PKI.ca));
        this.gateway.signWith(rotated.getPrivate(), claimed);
        assertThirdPartyError(() -> this.adapter.query("D17"), "the certificate sent has the SN "
                + PemCertificates.sn(certificate));
    }

    @Test
    void anSnAlipayCannotResolveIsAThirdPartyError() {
        this.gateway.signWith(TestRsaKeys.generate().getPrivate(), "0123456789abcdef0123456789abcdef");
        assertThirdPartyError(() -> this.adapter.query("D18"), "alipay.open.app.alipaycert.download did not give "
                + "Alipay's certificate 0123456789abcdef0123456789abcdef: code=40004, sub_code=isv.alipay-cert-not-exist");
    }

    @Test
    void anSnThatIsNoSerialNumberIsNeverSentToAlipay() {
        this.gateway.signWith(PKI.alipayKeys.getPrivate(), "\\\"},\\\"x");
        assertThirdPartyError(() -> this.adapter.query("D19"), "which is no certificate SN");
        assertThat(this.gateway.calls(CertModeGateway.DOWNLOAD)).isZero();
    }

    @Test
    void aCertificateModeClientOfTheCallersOwnIsCalledWithCertificateExecute() throws Exception {
        this.gateway.paid("D20");
        SdkAliPayGateway own = new SdkAliPayGateway(this.config, sdkCertificateClient());
        assertThat(own.query("D20")).isPresent();
    }

    // Notifications

    @Test
    void notificationsVerifyWithTheAlipayCertificateAndWithARotatedOneOnceLearned() {
        NotifyVerifier verifier = new NotifyVerifier(this.config);
        Map<String, String> notification = Map.of("app_id", this.config.appId(), "out_trade_no", "D21",
                "trade_status", "TRADE_SUCCESS", "total_amount", "0.01", "charset", "utf-8");
        assertThat(verifier.verify(NotifyVerifier.sign(notification, PKI.alipayKeys.getPrivate()))).isTrue();
        KeyPair rotated = TestRsaKeys.generate();
        Map<String, String> signedByRotated = NotifyVerifier.sign(notification, rotated.getPrivate());
        assertThat(verifier.verify(signedByRotated)).as("not yet known").isFalse();
        X509Certificate certificate = PKI.alipayCertificate(rotated.getPublic(), Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(365)));
        String sn = PemCertificates.sn(certificate);
        this.gateway.offer(sn, TestPki.pem(certificate, PKI.ca));
        this.gateway.signWith(rotated.getPrivate(), sn);
        this.adapter.query("D21");
        assertThat(verifier.verify(signedByRotated)).isTrue();
        assertThat(verifier.verify(NotifyVerifier.sign(notification, PKI.alipayKeys.getPrivate()))).isTrue();
        assertThat(verifier.verify(NotifyVerifier.sign(notification, TestRsaKeys.generate().getPrivate()))).isFalse();
    }

    // The test gateway against the SDK's own certificate client

    @Test
    void theSdksCertificateClientAcceptsTheTestGatewaysAnswersAndItsRotation() throws Exception {
        DefaultAlipayClient sdk = sdkCertificateClient();
        this.gateway.paid("D22");
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizContent("{\"out_trade_no\":\"D22\"}");
        AlipayTradeQueryResponse answer = sdk.certificateExecute(request);
        assertThat(answer.getTradeStatus()).isEqualTo("TRADE_SUCCESS");
        KeyPair rotated = TestRsaKeys.generate();
        X509Certificate certificate = PKI.alipayCertificate(rotated.getPublic(), Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(365)));
        String sn = PemCertificates.sn(certificate);
        this.gateway.offer(sn, TestPki.pem(certificate, PKI.ca));
        this.gateway.signWith(rotated.getPrivate(), sn);
        assertThat(sdk.certificateExecute(request).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(this.gateway.calls(CertModeGateway.DOWNLOAD)).isEqualTo(1);
        CertPathSecurity.ensure();
    }

    private DefaultAlipayClient sdkCertificateClient() throws Exception {
        AlipayConfig sdk = new AlipayConfig();
        sdk.setServerUrl(this.gateway.url());
        sdk.setAppId(this.config.appId());
        sdk.setPrivateKey(PKI.appPrivateKey());
        sdk.setAppCertContent(PKI.appCertPem());
        sdk.setAlipayPublicCertContent(PKI.alipayCertPem());
        sdk.setRootCertContent(PKI.rootBundlePem());
        DefaultAlipayClient client = new DefaultAlipayClient(sdk);
        CertPathSecurity.ensure();
        return client;
    }

    private static AliPayGateway.TradeOrder order(String orderId) {
        return new AliPayGateway.TradeOrder(orderId, "Tea", new BigDecimal("0.01"),
                Instant.now().plus(Duration.ofMinutes(30)));
    }

    private static boolean sdkVerifies(Map<String, String> params) {
        try {
            return AlipaySignature.rsaCheckV2(new HashMap<>(params),
                    Base64.getEncoder().encodeToString(PKI.appKeys.getPublic().getEncoded()), "UTF-8", "RSA2");
        }
        catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }

    private static Map<String, String> query(String url) {
        return decode(url.substring(url.indexOf('?') + 1));
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            try {
                params.put(URLDecoder.decode(pair.substring(0, eq), "UTF-8"),
                        URLDecoder.decode(pair.substring(eq + 1), "UTF-8"));
            }
            catch (UnsupportedEncodingException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return params;
    }

    private static void assertThirdPartyError(Runnable call, String message) {
        PayException ex = assertThatExceptionOfType(PayException.class).isThrownBy(call::run).actual();
        assertThat(ex.code()).isEqualTo(PayErrorCode.THIRD_PARTY_ERROR);
        assertThat(ex.getMessage()).contains(message);
    }
}
