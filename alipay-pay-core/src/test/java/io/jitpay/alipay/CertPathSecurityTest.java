package io.jitpay.alipay;

import java.security.KeyPair;
import java.security.Security;

import ch.qos.logback.classic.Level;
import com.alipay.api.DefaultAlipayClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import io.jitpay.alipay.sandbox.TestRsaKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK's client classes empty {@code jdk.certpath.disabledAlgorithms} when they load. However the SDK got loaded
 * first (here, as an application that builds its own {@code DefaultAlipayClient} would), the JDK's value is back once
 * a gateway is built, and a WARN says so.
 */
class CertPathSecurityTest {

    private static final KeyPair APP = TestRsaKeys.generate();

    private static final KeyPair ALIPAY = TestRsaKeys.generate();

    private final String jdkValue = CertPathSecurity.jdkValue();

    @AfterEach
    void restore() {
        Security.setProperty(CertPathSecurity.PROPERTY, this.jdkValue);
    }

    @Test
    void theJdksValueIsKnownEvenWhenTheSdkEmptiedItFirst() {
        assertThat(this.jdkValue).isNotBlank().contains("MD2").contains("SHA1");
    }

    @Test
    void aGatewayOverAnApplicationsOwnClientRestoresThePropertyAndWarns() {
        AliPayConfig config = AliPayConfig.builder().appId("2021000000000001")
            .privateKey(TestRsaKeys.pkcs8Base64(APP)).publicKey(TestRsaKeys.x509Base64(ALIPAY))
            .gatewayUrl("http://127.0.0.1:9/gateway.do").build();
        DefaultAlipayClient own = new DefaultAlipayClient("http://127.0.0.1:9/gateway.do", config.appId(),
                TestRsaKeys.pkcs8Base64(APP), "json", "UTF-8", TestRsaKeys.x509Base64(ALIPAY), "RSA2");
        Security.setProperty(CertPathSecurity.PROPERTY, "");
        try (CapturedLogs logs = CapturedLogs.of(CertPathSecurity.class)) {
            new SdkAliPayGateway(config, own);
            assertThat(Security.getProperty(CertPathSecurity.PROPERTY)).isEqualTo(this.jdkValue);
            assertThat(logs.at(Level.WARN)).singleElement().asString().contains("restored");
        }
    }

    @Test
    void aGatewayBuiltFromTheConfigurationAlsoChecks() {
        Security.setProperty(CertPathSecurity.PROPERTY, "");
        new SdkAliPayGateway(AliPayConfig.builder().appId("2021000000000001")
            .privateKey(TestRsaKeys.pkcs8Base64(APP)).publicKey(TestRsaKeys.x509Base64(ALIPAY))
            .build());
        assertThat(Security.getProperty(CertPathSecurity.PROPERTY)).isEqualTo(this.jdkValue);
    }
}
