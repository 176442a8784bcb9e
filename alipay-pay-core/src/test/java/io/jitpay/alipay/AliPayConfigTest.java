package io.jitpay.alipay;

import java.nio.charset.Charset;
import java.security.KeyPair;
import java.time.Duration;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.alipay.sandbox.TestRsaKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AliPayConfigTest {

    private static final KeyPair APP = TestRsaKeys.generate();

    private static final KeyPair ALIPAY = TestRsaKeys.generate();

    private static final String APP_PRIVATE = TestRsaKeys.pkcs8Base64(APP);

    private static final String ALIPAY_PUBLIC = TestRsaKeys.x509Base64(ALIPAY);

    @Test
    void bareBase64KeysAsTheAlipayKeyToolPrintsThemAreAccepted() {
        AliPayConfig config = valid().build();
        assertThat(config.privateKey().getEncoded()).isEqualTo(APP.getPrivate().getEncoded());
        assertThat(config.publicKey().getEncoded()).isEqualTo(ALIPAY.getPublic().getEncoded());
    }

    @ParameterizedTest
    @ValueSource(strings = { "\n", "\r\n", "\r" })
    void pemKeysWithAnyLineBreaksAreAccepted(String newline) {
        AliPayConfig config = valid()
            .privateKey(TestRsaKeys.pem("PRIVATE KEY", APP.getPrivate().getEncoded(), newline))
            .publicKey(TestRsaKeys.pem("PUBLIC KEY", ALIPAY.getPublic().getEncoded(), newline))
            .build();
        assertThat(config.privateKey().getEncoded()).isEqualTo(APP.getPrivate().getEncoded());
        assertThat(config.publicKey().getEncoded()).isEqualTo(ALIPAY.getPublic().getEncoded());
    }

    @Test
    void pkcs1KeysArePemOrBareBase64AreAccepted() {
        byte[] pkcs1 = TestRsaKeys.pkcs1Private(APP);
        for (String text : new String[] { TestRsaKeys.pem("RSA PRIVATE KEY", pkcs1, "\n"), TestRsaKeys.base64(pkcs1) }) {
            AliPayConfig config = valid().privateKey(text).build();
            assertThat(config.privateKey().getEncoded()).isEqualTo(APP.getPrivate().getEncoded());
        }
        byte[] publicPkcs1 = TestRsaKeys.pkcs1Public(ALIPAY);
        for (String text : new String[] { TestRsaKeys.pem("RSA PUBLIC KEY", publicPkcs1, "\n"),
            TestRsaKeys.base64(publicPkcs1) }) {
            AliPayConfig config = valid().publicKey(text).build();
            assertThat(config.publicKey().getEncoded()).isEqualTo(ALIPAY.getPublic().getEncoded());
        }
    }

    @Test
    void keysWithBlanksAroundAndInsideAreAccepted() {
        String spaced = "  " + APP_PRIVATE.substring(0, 100) + "\n  " + APP_PRIVATE.substring(100) + "  \n";
        assertThat(valid().privateKey(spaced).build().privateKey().getEncoded())
            .isEqualTo(APP.getPrivate().getEncoded());
    }

    @Test
    void applicationPublicKeyInTheAlipayKeySlotIsRefusedWithTheFix() {
        assertConfigError(valid().publicKey(TestRsaKeys.x509Base64(APP)), "publicKey",
                "publicKey holds your application's own public key; put the Alipay public key from the open platform "
                        + "console there");
    }

    @Test
    void publicKeyInThePrivateKeySlotIsRefused() {
        assertConfigError(valid().privateKey(ALIPAY_PUBLIC), "privateKey", "privateKey holds a public key");
        assertConfigError(valid().privateKey(TestRsaKeys.pem("PUBLIC KEY", ALIPAY.getPublic().getEncoded(),
                "\n")), "privateKey", "privateKey holds a public key");
    }

    @Test
    void privateKeyInThePublicKeySlotIsRefused() {
        assertConfigError(valid().publicKey(TestRsaKeys.pkcs8Base64(ALIPAY)), "publicKey",
                "publicKey holds a private key");
    }

    @Test
    void textThatIsNotBase64IsRefused() {
        assertConfigError(valid().privateKey("this is not a key!"), "privateKey", "neither PEM nor base64");
        assertConfigError(valid().publicKey("MIIB***"), "publicKey", "neither PEM nor base64");
    }

    @Test
    void base64ThatIsNotAKeyIsRefused() {
        assertConfigError(valid().privateKey("aGVsbG8gd29ybGQ="), "privateKey", "not a readable RSA private key");
        assertConfigError(valid().publicKey("aGVsbG8gd29ybGQ="), "publicKey", "not a readable RSA public key");
    }

    @Test
    void truncatedKeyIsRefused() {
        assertConfigError(valid().privateKey(APP_PRIVATE.substring(0, APP_PRIVATE.length() / 2)), "privateKey",
                "privateKey");
    }

    @Test
    void pemWithoutItsEndLineIsRefused() {
        String pem = TestRsaKeys.pem("PRIVATE KEY", APP.getPrivate().getEncoded(), "\n");
        assertConfigError(valid().privateKey(pem.substring(0, pem.indexOf("-----END"))), "privateKey",
                "no matching END line");
    }

    @Test
    void encryptedPrivateKeyIsRefused() {
        assertConfigError(valid().privateKey(TestRsaKeys.pem("ENCRYPTED PRIVATE KEY", new byte[] { 1, 2, 3 }, "\n")),
                "privateKey", "encrypted private key");
    }

    @Test
    void certificateIsRefusedAsAlipayPublicKey() {
        assertConfigError(valid().publicKey(TestRsaKeys.pem("CERTIFICATE", new byte[] { 1, 2, 3 }, "\n")), "publicKey",
                "publicKey holds a certificate");
    }

    @Test
    void shortKeysAreRefused() {
        KeyPair small = TestRsaKeys.generate(1024);
        assertConfigError(valid().privateKey(TestRsaKeys.pkcs8Base64(small)), "privateKey", "1024-bit");
    }

    @Test
    void missingValuesAreRefusedWithTheFieldName() {
        assertConfigError(valid().appId(" "), "appId", "appId is empty");
        assertConfigError(valid().appId("2021 0001"), "appId", "appId contains blanks");
        assertConfigError(valid().privateKey(null), "privateKey", "privateKey is empty");
        assertConfigError(valid().publicKey(""), "publicKey", "publicKey is empty");
    }

    @Test
    void otherSettingsAreChecked() {
        assertConfigError(valid().gatewayUrl("openapi.alipay.com/gateway.do"), "gatewayUrl", "absolute http(s) URL");
        assertConfigError(valid().notifyUrl("ftp://example.com/notify"), "notifyUrl", "absolute http(s) URL");
        assertConfigError(valid().charset(Charset.forName("ISO-8859-1")), "charset", "use UTF-8");
        assertConfigError(valid().orderTimeout(Duration.ZERO), "orderTimeout", "positive duration");
        assertConfigError(valid().orderTimeout(Duration.ofDays(16)), "orderTimeout", "at most PT360H");
        assertConfigError(valid().readTimeout(Duration.ofSeconds(-1)), "readTimeout", "positive duration");
        assertConfigError(valid().name("pays.aliPayment"), "name", "Java identifier");
    }

    @Test
    void defaultsAreProductionGatewayUtf8Rsa2AndThirtyMinuteOrders() {
        AliPayConfig config = valid().build();
        assertThat(config.gatewayUrl()).isEqualTo("https://openapi.alipay.com/gateway.do");
        assertThat(config.charset().name()).isEqualTo("UTF-8");
        assertThat(config.signType()).isEqualTo("RSA2");
        assertThat(config.orderTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.name()).isEqualTo("aliPayment");
    }

    @Test
    void gbkIsAccepted() {
        assertThat(valid().charset(Charset.forName("GBK")).build().charset().name()).isEqualTo("GBK");
    }

    @Test
    void quitUrlDefaultsToTheReturnUrl() {
        assertThat(valid().returnUrl("https://shop.example.com/paid").build().quitUrl())
            .isEqualTo("https://shop.example.com/paid");
    }

    @Test
    void toStringMasksBothKeys() {
        AliPayConfig config = valid().build();
        assertThat(config.toString()).contains("privateKey=******", "publicKey=******", "appId=2021000000000001")
            .doesNotContain(APP_PRIVATE.substring(30, 60), ALIPAY_PUBLIC.substring(30, 60));
    }

    @Test
    void errorMessagesNeverContainTheKey() {
        String truncated = APP_PRIVATE.substring(0, 200);
        PayException ex = configError(valid().privateKey(truncated));
        assertThat(ex.getMessage()).doesNotContain(truncated.substring(20, 60));
        PayException appKey = configError(valid().publicKey(TestRsaKeys.x509Base64(APP)));
        assertThat(appKey.getMessage()).doesNotContain(TestRsaKeys.x509Base64(APP).substring(30, 60));
    }

    /** As a key arrives from an .env file or a container secret: quoted, with line breaks written as \\n. */
    @ParameterizedTest
    @ValueSource(strings = { "\"%s\"", "'%s'", " \"%s\"\n" })
    void keysPastedWithQuotesOrLiteralLineBreaksAreAccepted(String quoting) {
        String pem = TestRsaKeys.pem("PRIVATE KEY", APP.getPrivate().getEncoded(), "\n").replace("\n", "\\n");
        String crlf = TestRsaKeys.pem("PUBLIC KEY", ALIPAY.getPublic().getEncoded(), "\r\n")
            .replace("\r\n", "\\r\\n");
        AliPayConfig config = valid().privateKey(quoting.formatted(pem)).publicKey(quoting.formatted(crlf)).build();
        assertThat(config.privateKey().getEncoded()).isEqualTo(APP.getPrivate().getEncoded());
        assertThat(config.publicKey().getEncoded()).isEqualTo(ALIPAY.getPublic().getEncoded());
        assertThat(valid().privateKey("\"" + APP_PRIVATE + "\"").build().privateKey().getEncoded())
            .isEqualTo(APP.getPrivate().getEncoded());
    }

    /** Whatever was pasted, no part of the key reaches a message, a cause or a stack trace's text. */
    @Test
    void noErrorCarriesAnyPartOfTheKeyWhateverWasPasted() {
        String pem = TestRsaKeys.pem("PRIVATE KEY", APP.getPrivate().getEncoded(), "\n");
        String[] pastes = { APP_PRIVATE + ";", "\"" + APP_PRIVATE, APP_PRIVATE.substring(0, 700) + "!"
                + APP_PRIVATE.substring(700), pem.replace("\n", "\\n").replace("-----END", "x-----END"),
            pem.substring(0, pem.length() - 30), "key=" + APP_PRIVATE, APP_PRIVATE.substring(0, 1000),
            "MII" + APP_PRIVATE.substring(3, 400).replace('A', '%'), pem.replace("PRIVATE KEY", "PRIVATE  KEY") };
        for (String paste : pastes) {
            PayException ex = configError(valid().privateKey(paste));
            String told = describe(ex);
            for (int i = 0; i + 12 <= APP_PRIVATE.length(); i += 6) {
                assertThat(told).as("what the error tells about paste %s", paste.length())
                    .doesNotContain(APP_PRIVATE.substring(i, i + 12));
            }
        }
    }

    @Test
    void plainHttpGatewayIsRefusedUnlessItIsOnThisMachine() {
        assertConfigError(valid().gatewayUrl("http://openapi.alipay.com/gateway.do"), "gatewayUrl",
                "gatewayUrl 'http://openapi.alipay.com/gateway.do' is plain http to another machine; use https");
        assertConfigError(valid().gatewayUrl("http://10.0.0.7:8080/gateway.do"), "gatewayUrl", "plain http");
        for (String local : new String[] { "http://127.0.0.1:8080/gateway.do", "http://localhost:8080/gateway.do",
            "http://[::1]:8080/gateway.do", "https://openapi.alipay.com/gateway.do" }) {
            assertThat(valid().gatewayUrl(local).build().gatewayUrl()).isEqualTo(local);
        }
    }

    /** Everything an error shows: its message, its causes' messages and the text of its stack trace. */
    private static String describe(Throwable error) {
        java.io.StringWriter out = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(out));
        StringBuilder text = new StringBuilder(out.toString());
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            text.append(cause).append('\n');
        }
        return text.toString();
    }

    private static AliPayConfig.Builder valid() {
        return AliPayConfig.builder().appId("2021000000000001").privateKey(APP_PRIVATE).publicKey(ALIPAY_PUBLIC);
    }

    private static void assertConfigError(AliPayConfig.Builder builder, String field, String message) {
        PayException ex = configError(builder);
        assertThat(ex.configField()).isEqualTo(field);
        assertThat(ex.getMessage()).contains(message);
    }

    private static PayException configError(AliPayConfig.Builder builder) {
        return assertThatExceptionOfType(PayException.class).isThrownBy(builder::build)
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.CONFIG_ERROR))
            .actual();
    }

    static UnaryOperator<AliPayConfig.Builder> identity() {
        return UnaryOperator.identity();
    }
}
