package io.jitpay.alipay;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The notification verifier against real Alipay-signed notifications. */
class NotifyVerifierVectorTest {

    private static final String YANSONGDA = "yansongda-pay/notify_2023122122001499160501589436.json";

    private static final String YUQUE = "alipay-sdk-nodejs-all/notify_yuque_2019081522001468450512505578.json";

    @Test
    void sandboxNotificationWithPlusAndChineseInTheSubjectVerifies() {
        Map<String, String> notification = AlipayVectors.params(YANSONGDA);
        assertThat(notification.get("subject")).isEqualTo("yansongda+测试 - 1");
        assertThat(verifier("yansongda-pay/alipayPublicCert.pub.pem").verify(notification)).isTrue();
    }

    /** Certificate mode: the key of the real Alipay certificate (the leaf of its two-certificate file) verifies it. */
    @Test
    void sandboxNotificationVerifiesWithTheKeyOfTheRealAlipayCertificate() {
        List<X509Certificate> bundle = PemCertificates.parse(AlipayVectors.text("yansongda-pay/alipayPublicCert.crt"))
            .certificates();
        PublicKey key = PemCertificates.leaf(bundle).getPublicKey();
        assertThat(key).isEqualTo(RsaKeys.parsePublicKey(AlipayVectors.text("yansongda-pay/alipayPublicCert.pub.pem"),
                "publicKey"));
        assertThat(new NotifyVerifier(key, StandardCharsets.UTF_8).verify(AlipayVectors.params(YANSONGDA))).isTrue();
    }

    @Test
    void productionNotificationWithHyphensInTheOrderIdVerifies() {
        Map<String, String> notification = AlipayVectors.params(YUQUE);
        assertThat(notification.get("out_trade_no")).isEqualTo("20190815155618536-564-57");
        assertThat(verifier("alipay-sdk-nodejs-all/notify-v1-inline-public-key.pem").verify(notification)).isTrue();
    }

    @Test
    void returnUrlParametersVerifyByTheSameRule() {
        String url = AlipayVectors.text("yansongda-pay/return_url_1703141270.txt").trim();
        Map<String, String> params = new LinkedHashMap<>(NotifyForm.decode(url.substring(url.indexOf('?') + 1)
            .getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(verifier("yansongda-pay/alipayPublicCert.pub.pem").verify(params)).isTrue();
    }

    @Test
    void verifyingLeavesTheCallersMapIntact() {
        Map<String, String> notification = AlipayVectors.params(YUQUE);
        Map<String, String> copy = new HashMap<>(notification);
        verifier("alipay-sdk-nodejs-all/notify-v1-inline-public-key.pem").verify(notification);
        assertThat(notification).isEqualTo(copy);
    }

    @Test
    void theKeyOfAnotherNotificationDoesNotVerifyIt() {
        assertThat(verifier("yansongda-pay/alipayPublicCert.pub.pem").verify(AlipayVectors.params(YUQUE))).isFalse();
    }

    @Test
    void sandboxNotificationIsRejectedAfterAnyOneCharacterOfAnyFieldChanges() {
        assertEveryOneCharacterChangeIsRejected(AlipayVectors.params(YANSONGDA),
                verifier("yansongda-pay/alipayPublicCert.pub.pem"));
    }

    @Test
    void productionNotificationIsRejectedAfterAnyOneCharacterOfAnyFieldChanges() {
        assertEveryOneCharacterChangeIsRejected(AlipayVectors.params(YUQUE),
                verifier("alipay-sdk-nodejs-all/notify-v1-inline-public-key.pem"));
    }

    @Test
    void droppingOrAddingAFieldIsRejected() {
        NotifyVerifier verifier = verifier("alipay-sdk-nodejs-all/notify-v1-inline-public-key.pem");
        Map<String, String> original = AlipayVectors.params(YUQUE);
        for (String field : original.keySet()) {
            if (field.equals("sign_type")) {
                continue;
            }
            Map<String, String> dropped = new LinkedHashMap<>(original);
            dropped.remove(field);
            assertThat(verifier.verify(dropped)).as("without %s", field).isFalse();
        }
        Map<String, String> added = new LinkedHashMap<>(original);
        added.put("refund_fee", "0.10");
        assertThat(verifier.verify(added)).isFalse();
    }

    @Test
    void malformedSignaturesAreRejectedWithoutThrowing() {
        NotifyVerifier verifier = verifier("alipay-sdk-nodejs-all/notify-v1-inline-public-key.pem");
        Map<String, String> notification = AlipayVectors.params(YUQUE);
        for (String sign : new String[] { "", "not base64!", "AAAA", notification.get("sign").substring(8) }) {
            notification.put("sign", sign);
            assertThat(verifier.verify(notification)).as(sign).isFalse();
        }
        notification.remove("sign");
        assertThat(verifier.verify(notification)).isFalse();
    }

    @Test
    void legacyRsaSignTypeIsRejected() {
        Map<String, String> notification = AlipayVectors.params(YUQUE);
        notification.put("sign_type", "RSA");
        assertThat(verifier("alipay-sdk-nodejs-all/notify-v1-inline-public-key.pem").verify(notification)).isFalse();
    }

    /**
     * Changes each character of each field in turn (for the signature, a character in the middle: the last base64
     * characters carry padding bits whose change may not change the bytes).
     */
    private static void assertEveryOneCharacterChangeIsRejected(Map<String, String> original,
            NotifyVerifier verifier) {
        assertThat(verifier.verify(original)).isTrue();
        List<String> accepted = new ArrayList<>();
        int tried = 0;
        for (Map.Entry<String, String> field : original.entrySet()) {
            String value = field.getValue();
            int from = field.getKey().equals("sign") ? value.length() / 2 : 0;
            int to = field.getKey().equals("sign") ? from + 8 : value.length();
            for (int i = from; i < to; i++) {
                char c = value.charAt(i);
                char other = (c == 'A') ? 'B' : 'A';
                Map<String, String> tampered = new LinkedHashMap<>(original);
                tampered.put(field.getKey(), value.substring(0, i) + other + value.substring(i + 1));
                tried++;
                if (verifier.verify(tampered)) {
                    accepted.add(field.getKey() + "[" + i + "]");
                }
            }
        }
        assertThat(tried).isGreaterThan(300);
        assertThat(accepted).as("changes that still verified").isEmpty();
    }

    private static NotifyVerifier verifier(String publicKeyFile) {
        PublicKey key = RsaKeys.parsePublicKey(AlipayVectors.text(publicKeyFile), "publicKey");
        return new NotifyVerifier(key, StandardCharsets.UTF_8);
    }
}
