package io.jitpay.alipay.autoconfigure;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.jitpay.alipay.AliPayCertificates;
import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.NotificationDelivery;
import io.jitpay.alipay.sandbox.SandboxCertificates;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sandbox's development mode in certificate mode ({@code jitpay.sandbox.certificate-mode=true}) with the starter:
 * the application is configured with the sandbox's three certificates and no public key, and a payment goes through
 * to the notification endpoint, under the sandbox's checks of every request's serial numbers.
 */
class SandboxCertificateModeTests {

    @Test
    void theDevelopmentModeInCertificateModeTakesAPaymentThroughToTheNotification() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Shop.class).run("--server.port=0",
                "--spring.datasource.generate-unique-name=true", "--jitpay.sandbox.enabled=true",
                "--jitpay.sandbox.certificate-mode=true")) {
            AliPaySandbox sandbox = context.getBean(AliPaySandbox.class);
            SandboxCertificates played = sandbox.certificates();
            AliPayment payment = context.getBean("aliPayment", AliPayment.class);
            AliPayCertificates configured = payment.config().certificates();
            assertThat(configured).isNotNull();
            assertThat(configured.appCertSn()).isEqualTo(played.appCertSn());
            assertThat(configured.alipayCertSn()).isEqualTo(played.alipayCertSn());
            assertThat(configured.alipayRootCertSn()).isEqualTo(played.alipayRootCertSn());
            assertThat(context.getEnvironment().getProperty("jitpay.alipay.public-key")).isNull();

            PayLog order = payment.create("Tea", new BigDecimal("9.90"));
            assertThat(payment.getPayUrl(order.orderId(), PayType.PRE_PAY).payUrl()).startsWith(sandbox.baseUrl());
            sandbox.pay(order.orderId());
            await().until(() -> sandbox.deliveries(order.orderId()).stream()
                .anyMatch(NotificationDelivery::acknowledged));
            assertThat(payment.find(order.orderId())).get().extracting(PayLog::status).isEqualTo(PayStatus.SUCCESS);
            assertThat(payment.check(order.orderId()).status()).isEqualTo(PayStatus.SUCCESS);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Shop {
    }
}
