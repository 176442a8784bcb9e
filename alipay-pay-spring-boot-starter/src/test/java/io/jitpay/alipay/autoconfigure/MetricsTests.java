package io.jitpay.alipay.autoconfigure;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.micrometer.MicrometerPaymentObserver;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.alipay.sandbox.NotificationDelivery;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Actuator (and so a Micrometer registry), the payment instances record their metrics: here a notification
 * delivered over HTTP and the gateway calls around it, on Spring Boot 4 and, in the 3.5 suite, on 3.5.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = MetricsTests.App.class,
        properties = { "spring.datasource.generate-unique-name=true", "jitpay.alipay.notify.enabled=true",
            "jitpay.alipay.sweeper.interval=1h" })
@DirtiesContext
class MetricsTests {

    @RegisterExtension
    static final AliPaySandboxExtension sandbox = new AliPaySandboxExtension();

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private AliPayment payment;

    @Autowired
    private MeterRegistry meters;

    @DynamicPropertySource
    static void alipay(DynamicPropertyRegistry registry) {
        sandbox.springProperties().forEach((property, value) -> registry.add(property, () -> value));
    }

    @Test
    void aNotificationAndTheGatewayCallsAreMeasured() {
        PayLog order = this.payment.create("Coffee", new BigDecimal("9.90"));
        this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        sandbox.get().pay(order.orderId());
        sandbox.get().notifyTo(order.orderId(), "http://127.0.0.1:" + this.port + "/jitpay/alipay/notify",
                StandardCharsets.UTF_8);
        await().until(() -> sandbox.get().deliveries(order.orderId()).stream()
            .anyMatch(NotificationDelivery::acknowledged));
        assertThat(this.payment.find(order.orderId()).orElseThrow().status()).isEqualTo(PayStatus.SUCCESS);
        assertThat(this.meters.get(MicrometerPaymentObserver.NOTIFICATIONS).tag("payment", "pays.aliPayment")
            .tag("outcome", "applied").tag("reason", "none").counter().count()).isEqualTo(1);
        assertThat(this.meters.get(MicrometerPaymentObserver.GATEWAY_REQUESTS).tag("method", "alipay.trade.precreate")
            .tag("outcome", "success").timer().count()).isEqualTo(1);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
