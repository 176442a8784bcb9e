package io.jitpay.alipay.sandbox;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.CertAlipayRequest;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.internal.util.AntCertificationUtil;
import com.alipay.api.request.AlipayOpenAppAlipaycertDownloadRequest;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.response.AlipayOpenAppAlipaycertDownloadResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Certificate mode against the unmodified official SDK: its certificate client ({@code CertAlipayRequest} with the
 * sandbox's three files, {@code certificateExecute}) computes the SNs the sandbox expects, accepts every answer, and
 * follows a rotation by downloading the new certificate itself and checking it against the root bundle. Requests with
 * a missing or wrong SN get Alipay's refusals.
 */
class CertificateModeSdkTest {

    private static final KeyPair APP_KEYS = TestRsaKeys.generate();

    private static AliPaySandbox sandbox;

    private static SandboxCertificates certificates;

    private static TestMerchant merchant;

    private final Browser browser = new Browser();

    @BeforeAll
    static void start() throws Exception {
        sandbox = AliPaySandbox.builder().certificateMode().appKeyPair(APP_KEYS).notifyRetryScale(0.001).start();
        certificates = sandbox.certificates();
        merchant = new TestMerchant();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        merchant.close();
    }

    @Test
    void theSdkComputesTheSerialNumbersTheSandboxExpects() throws AlipayApiException {
        assertThat(AntCertificationUtil.getCertSN(AntCertificationUtil.getCertFromContent(certificates.appCertPem())))
            .isEqualTo(certificates.appCertSn()).hasSize(32);
        assertThat(AntCertificationUtil.getCertSN(AntCertificationUtil.getCertFromContent(
                certificates.alipayCertPem()))).isEqualTo(certificates.alipayCertSn());
        // The root bundle holds two RSA-signed roots and an EC one, which the SN skips.
        assertThat(AntCertificationUtil.getRootCertSN(certificates.alipayRootCertPem()))
            .isEqualTo(certificates.alipayRootCertSn()).matches("[0-9a-f]{32}_[0-9a-f]{32}");
        assertThat(AntCertificationUtil.isTrusted(certificates.alipayCertPem(), certificates.alipayRootCertPem()))
            .isTrue();
    }

    @Test
    void theSdksCertificateClientFromFilesGetsSignedAnswersNamingAlipaysCertificate(@TempDir Path files)
            throws Exception {
        AlipayClient client = new DefaultAlipayClient(certRequest(files, certificates.appCertPem(),
                certificates.alipayRootCertPem()));
        String orderId = "CERT" + System.nanoTime();
        AlipayTradePrecreateResponse created = client.certificateExecute(precreate(orderId));
        assertThat(created.isSuccess()).isTrue();
        // Where the real gateway puts it: after the response object, before the sign.
        assertThat(created.getBody()).contains("},\"alipay_cert_sn\":\"" + certificates.alipayCertSn()
                + "\",\"sign\":\"");
        AlipayTradeQueryResponse notScanned = client.certificateExecute(query(orderId));
        assertThat(notScanned.getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
        sandbox.pay(orderId);
        assertThat(client.certificateExecute(query(orderId)).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
    }

    @Test
    void theSdksCertificateClientFromContentsGetsSignedAnswersToo() throws Exception {
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(sandbox.gatewayUrl());
        config.setAppId(sandbox.appId());
        config.setPrivateKey(sandbox.appPrivateKey());
        config.setAppCertContent(certificates.appCertPem());
        config.setAlipayPublicCertContent(certificates.alipayCertPem());
        config.setRootCertContent(certificates.alipayRootCertPem());
        AlipayClient client = new DefaultAlipayClient(config);
        String orderId = "CONTENT" + System.nanoTime();
        assertThat(client.certificateExecute(precreate(orderId)).isSuccess()).isTrue();
        assertThat(client.certificateExecute(query(orderId)).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    }

    @Test
    void afterARotationTheSdkDownloadsTheNewCertificateOnceAndNotificationsVerifyWithIt(@TempDir Path files)
            throws Exception {
        try (AliPaySandbox rotating = AliPaySandbox.builder().certificateMode().start()) {
            SandboxCertificates own = rotating.certificates();
            String before = own.alipayCertSn();
            AlipayClient client = new DefaultAlipayClient(certRequest(rotating, files, own.appCertPem(),
                    own.alipayRootCertPem()));
            String orderId = "ROT" + System.nanoTime();
            assertThat(client.certificateExecute(precreate(orderId)).isSuccess()).isTrue();

            String rotated = own.rotateAlipayCertificate();
            assertThat(rotated).isNotEqualTo(before).isEqualTo(own.alipayCertSn());
            assertThat(own.alipayCertSns()).containsExactly(before, rotated);
            AlipayTradeQueryResponse answer = client.certificateExecute(query(orderId));
            assertThat(answer.getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
            assertThat(answer.getBody()).contains("\"alipay_cert_sn\":\"" + rotated + "\"");
            // A download names no order: its calls are counted under "".
            assertThat(rotating.calls(CertificateApi.DOWNLOAD, "")).as("the SDK downloaded it").isEqualTo(1);
            assertThat(client.certificateExecute(precreate("ROT" + System.nanoTime())).isSuccess()).isTrue();
            assertThat(rotating.calls(CertificateApi.DOWNLOAD, "")).as("once").isEqualTo(1);

            rotating.pay(orderId);
            Map<String, String> notification = rotating.notification(orderId);
            Path newCert = Files.writeString(files.resolve("alipayCertPublicKey_RSA2_new.crt"), own.alipayCertPem());
            Path oldCert = files.resolve("alipayCertPublicKey_RSA2.crt");
            assertThat(AlipaySignature.rsaCertCheckV1(new HashMap<>(notification), newCert.toString(), "UTF-8",
                    "RSA2")).isTrue();
            assertThat(AlipaySignature.rsaCertCheckV1(new HashMap<>(notification), oldCert.toString(), "UTF-8",
                    "RSA2")).isFalse();
        }
    }

    @Test
    void theDownloadApiServesTheCurrentAndEveryEarlierCertificateAndRefusesAnUnknownSn(@TempDir Path files)
            throws Exception {
        AlipayClient client = new DefaultAlipayClient(certRequest(files, certificates.appCertPem(),
                certificates.alipayRootCertPem()));
        String first = certificates.alipayCertSns().get(0);
        AlipayOpenAppAlipaycertDownloadResponse old = client.certificateExecute(download(first));
        assertThat(old.isSuccess()).isTrue();
        String oldPem = new String(Base64.getDecoder().decode(old.getAlipayCertContent()), StandardCharsets.US_ASCII);
        assertThat(AntCertificationUtil.getCertSN(AntCertificationUtil.getCertFromContent(oldPem))).isEqualTo(first);
        assertThat(oldPem).contains("-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----");

        AlipayOpenAppAlipaycertDownloadResponse current = client.certificateExecute(
                download(certificates.alipayCertSn()));
        assertThat(new String(Base64.getDecoder().decode(current.getAlipayCertContent()), StandardCharsets.US_ASCII))
            .isEqualTo(certificates.alipayCertPem());

        AlipayOpenAppAlipaycertDownloadResponse unknown = client.certificateExecute(
                download("0123456789abcdef0123456789abcdef"));
        assertThat(unknown.getCode()).isEqualTo("40004");
        assertThat(unknown.getSubCode()).isEqualTo("isv.alipay-cert-not-exist");
    }

    @Test
    void aRootBundleOfAnotherRootIsRefusedAsAlipayRefusesIt(@TempDir Path files) throws Exception {
        try (AliPaySandbox other = AliPaySandbox.builder().certificateMode().start()) {
            AlipayClient client = new DefaultAlipayClient(certRequest(files, certificates.appCertPem(),
                    other.certificates().alipayRootCertPem()));
            AlipayTradePrecreateResponse refused = client.certificateExecute(precreate("ROOT" + System.nanoTime()));
            assertThat(refused.isSuccess()).isFalse();
            assertThat(refused.getCode()).isEqualTo("40002");
            assertThat(refused.getMsg()).isEqualTo("Invalid Arguments");
            assertThat(refused.getSubCode()).isEqualTo("isv.invalid-alipay-root-cert-sn");
            assertThat(refused.getSubMsg()).isEqualTo("无效支付宝根证书序列号");
        }
    }

    @Test
    void anApplicationCertificateAlipayDidNotIssueIsRefused(@TempDir Path files) throws Exception {
        // Another sandbox certifies the same key: the signature would verify, but the SN names no certificate here.
        try (AliPaySandbox other = AliPaySandbox.builder().certificateMode().appKeyPair(APP_KEYS).start()) {
            AlipayClient client = new DefaultAlipayClient(certRequest(files, other.certificates().appCertPem(),
                    certificates.alipayRootCertPem()));
            AlipayTradePrecreateResponse refused = client.certificateExecute(precreate("APP" + System.nanoTime()));
            assertThat(refused.getCode()).isEqualTo("40002");
            assertThat(refused.getSubCode()).isEqualTo("isv.app-cert-not-exist");
            assertThat(refused.getSubMsg()).isEqualTo("应用公钥证书不存在");
        }
    }

    @Test
    void aKeyModeRequestMissesTheApplicationsSnAndGetsASignedRefusal() throws AlipayApiException {
        AlipayTradePrecreateResponse refused = SdkClients.of(sandbox).execute(precreate("KEY" + System.nanoTime()));
        assertThat(refused.getCode()).isEqualTo("40001");
        assertThat(refused.getMsg()).isEqualTo("Missing Required Arguments");
        assertThat(refused.getSubCode()).isEqualTo("isv.missing-app-cert-sn");
        assertThat(refused.getBody()).contains("\"alipay_cert_sn\":\"").contains("\"sign\":\"");
    }

    @Test
    void aPageRequestReachesTheCashierOnlyWithTheRightSerialNumbers(@TempDir Path files) throws Exception {
        AlipayClient client = new DefaultAlipayClient(certRequest(files, certificates.appCertPem(),
                certificates.alipayRootCertPem()));
        String orderId = "PAGE" + System.nanoTime();
        String link = client.pageExecute(pagePay(orderId), "GET").getBody();
        assertThat(Browser.query(link)).containsEntry("app_cert_sn", certificates.appCertSn())
            .containsEntry("alipay_root_cert_sn", certificates.alipayRootCertSn());
        HttpResponse<String> accepted = this.browser.get(link);
        assertThat(accepted.statusCode()).isEqualTo(302);
        assertThat(Browser.location(accepted)).isEqualTo(sandbox.cashierUrl(orderId));

        try (AliPaySandbox other = AliPaySandbox.builder().certificateMode().start()) {
            AlipayClient wrongRoot = new DefaultAlipayClient(certRequest(files.resolve("other"),
                    certificates.appCertPem(), other.certificates().alipayRootCertPem()));
            String refused = this.browser.get(wrongRoot.pageExecute(pagePay("PAGE" + System.nanoTime()), "GET")
                .getBody()).body();
            assertThat(Browser.text(refused, "error-code")).isEqualTo("invalid-alipay-root-cert-sn");
            assertThat(Browser.text(refused, "sub-code")).isEqualTo("isv.invalid-alipay-root-cert-sn");
        }
    }

    @Test
    void aKeyModeSandboxHasNoCertificates() {
        try (AliPaySandbox keyMode = AliPaySandbox.builder().start()) {
            assertThatIllegalStateException().isThrownBy(keyMode::certificates).withMessageContaining("certificateMode()");
        }
    }

    @Test
    void noKeyIsPrintedWithTheCertificates() {
        assertThat(certificates.toString()).contains(certificates.appCertSn())
            .doesNotContain(sandbox.appPrivateKey().substring(0, 40));
    }

    /** The SDK's legacy certificate set-up, from files as the console downloads them. */
    private static CertAlipayRequest certRequest(Path files, String appCert, String rootCert) throws Exception {
        return certRequest(sandbox, files, appCert, rootCert);
    }

    private static CertAlipayRequest certRequest(AliPaySandbox sandbox, Path files, String appCert, String rootCert)
            throws Exception {
        Files.createDirectories(files);
        CertAlipayRequest request = new CertAlipayRequest();
        request.setServerUrl(sandbox.gatewayUrl());
        request.setAppId(sandbox.appId());
        request.setPrivateKey(sandbox.appPrivateKey());
        request.setFormat("json");
        request.setCharset("UTF-8");
        request.setSignType("RSA2");
        request.setCertPath(Files.writeString(files.resolve("appCertPublicKey_" + sandbox.appId() + ".crt"), appCert)
            .toString());
        request.setAlipayPublicCertPath(Files.writeString(files.resolve("alipayCertPublicKey_RSA2.crt"),
                sandbox.certificates().alipayCertPem()).toString());
        request.setRootCertPath(Files.writeString(files.resolve("alipayRootCert.crt"), rootCert).toString());
        return request;
    }

    private static AlipayTradePrecreateRequest precreate(String orderId) {
        AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
        request.setNotifyUrl(merchant.notifyUrl());
        request.setBizContent("{\"out_trade_no\":\"" + orderId + "\",\"total_amount\":\"9.90\",\"subject\":\"Tea\"}");
        return request;
    }

    private static AlipayTradeQueryRequest query(String orderId) {
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizContent("{\"out_trade_no\":\"" + orderId + "\"}");
        return request;
    }

    private static AlipayOpenAppAlipaycertDownloadRequest download(String sn) {
        AlipayOpenAppAlipaycertDownloadRequest request = new AlipayOpenAppAlipaycertDownloadRequest();
        request.setBizContent("{\"alipay_cert_sn\":\"" + sn + "\"}");
        return request;
    }

    private static AlipayTradePagePayRequest pagePay(String orderId) {
        AlipayTradePagePayRequest request = new AlipayTradePagePayRequest();
        request.setBizContent("{\"out_trade_no\":\"" + orderId + "\",\"total_amount\":\"5.00\",\"subject\":\"Tea\","
                + "\"product_code\":\"FAST_INSTANT_TRADE_PAY\"}");
        return request;
    }
}
