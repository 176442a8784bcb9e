package io.jitpay.alipay.sandbox;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import com.alipay.api.internal.util.AlipaySignature;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestRsaKeysTest {

    private static final KeyPair PAIR = TestRsaKeys.generate();

    @Test
    void generatesANew2048BitPairOnEveryCall() {
        assertThat(((RSAPublicKey) PAIR.getPublic()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(TestRsaKeys.generate().getPublic()).isNotEqualTo(PAIR.getPublic());
        assertThat(((RSAPublicKey) TestRsaKeys.generate(1024).getPublic()).getModulus().bitLength()).isEqualTo(1024);
    }

    @Test
    void base64FormsAreWhatTheSdkSignsAndVerifiesWith() throws Exception {
        String signature = AlipaySignature.rsaSign("content", TestRsaKeys.pkcs8Base64(PAIR), "UTF-8", "RSA2");
        assertThat(AlipaySignature.rsaCheck("content", signature, TestRsaKeys.x509Base64(PAIR), "UTF-8", "RSA2"))
            .isTrue();
        assertThat(TestRsaKeys.base64(new byte[] { (byte) 0xfb, (byte) 0xff })).isEqualTo("+/8=");
    }

    @Test
    void pkcs1FormsCarryTheSameKey() throws Exception {
        RSAPrivateKey pkcs1 = RSAPrivateKey.getInstance(TestRsaKeys.pkcs1Private(PAIR));
        RSAPrivateCrtKey original = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(PAIR.getPrivate().getEncoded()));
        assertThat(pkcs1.getModulus()).isEqualTo(original.getModulus());
        assertThat(pkcs1.getPrivateExponent()).isEqualTo(original.getPrivateExponent());

        org.bouncycastle.asn1.pkcs.RSAPublicKey publicPkcs1 = org.bouncycastle.asn1.pkcs.RSAPublicKey
            .getInstance(TestRsaKeys.pkcs1Public(PAIR));
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
            .generatePublic(new X509EncodedKeySpec(PAIR.getPublic().getEncoded()));
        assertThat(publicPkcs1.getModulus()).isEqualTo(publicKey.getModulus());
        assertThat(publicPkcs1.getPublicExponent()).isEqualTo(publicKey.getPublicExponent());
    }

    @Test
    void pemHas64CharacterLinesAndTheGivenLineSeparator() {
        byte[] der = PAIR.getPrivate().getEncoded();
        String pem = TestRsaKeys.pem("PRIVATE KEY", der, "\r\n");
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\r\n").endsWith("\r\n-----END PRIVATE KEY-----\r\n");
        String[] lines = pem.split("\r\n");
        assertThat(lines[1]).hasSize(64);
        assertThat(lines[lines.length - 2].length()).isBetween(1, 64);
        assertThat(pem.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        String body = pem.substring(pem.indexOf("\r\n") + 2, pem.indexOf("-----END")).replace("\r\n", "");
        assertThat(Base64.getDecoder().decode(body)).isEqualTo(der);
    }
}
