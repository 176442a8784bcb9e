package io.jitpay.alipay.autoconfigure;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayStatusChangedEvent;
import io.jitpay.pay.PayType;
import io.jitpay.pay.RefundStatus;
import io.jitpay.pay.RefundStatusChangedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The at-least-once path for after-commit work, with Spring Modulith's JDBC event publication registry: payment and
 * refund events are recorded in the transaction of the change, and an {@code @ApplicationModuleListener} that fails
 * (or whose process dies) gets them again when the application restarts. A plain {@code @TransactionalEventListener}
 * would have lost them.
 */
class DurableEventsTests {

    @RegisterExtension
    static final AliPaySandboxExtension sandbox = new AliPaySandboxExtension();

    @Test
    void eventsWhoseListenerFailedAreDeliveredAgainAfterARestart() {
        String database = "jdbc:h2:mem:durable" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        String orderId;
        try (ConfigurableApplicationContext first = start(database)) {
            Fulfilment fulfilment = first.getBean(Fulfilment.class);
            fulfilment.failing(true);
            AliPayment payment = first.getBean(AliPayment.class);
            PayLog order = payment.create("Teapot", new BigDecimal("10.00"));
            orderId = order.orderId();
            payment.getPayUrl(orderId, PayType.PRE_PAY);
            sandbox.get().pay(orderId);
            assertThat(payment.check(orderId).status()).isEqualTo(PayStatus.SUCCESS);
            assertThat(payment.refund(orderId, new BigDecimal("4.00"), null).status())
                .isEqualTo(RefundStatus.SUCCESS);
            await().until(() -> fulfilment.attempts().size() == 2);
            // Recorded with the change, not completed: the listener threw.
            assertThat(publications(first, false)).hasSize(2);
            assertThat(publications(first, true)).isEmpty();
        }
        try (ConfigurableApplicationContext second = start(database)) {
            Fulfilment fulfilment = second.getBean(Fulfilment.class);
            await().until(() -> fulfilment.done().size() == 2);
            assertThat(fulfilment.done()).containsExactlyInAnyOrder("paid " + orderId, "refunded 4.00 of " + orderId);
            await().until(() -> publications(second, false).isEmpty());
            assertThat(publications(second, true)).hasSize(2);
        }
    }

    private static ConfigurableApplicationContext start(String database) {
        Map<String, Object> properties = new java.util.LinkedHashMap<>(sandbox.springProperties());
        properties.put("spring.datasource.url", database);
        properties.put("spring.modulith.events.jdbc.schema-initialization.enabled", "true");
        properties.put("spring.modulith.events.republish-outstanding-events-on-restart", "true");
        properties.put("jitpay.alipay.sweeper.enabled", "false");
        return new SpringApplicationBuilder(Shop.class).web(WebApplicationType.NONE).properties(properties).run();
    }

    private static List<Map<String, Object>> publications(ConfigurableApplicationContext context, boolean completed) {
        return JdbcClient.create(context.getBean(DataSource.class))
            .sql("SELECT * FROM event_publication WHERE completion_date IS " + (completed ? "NOT NULL" : "NULL"))
            .query().listOfRows();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Fulfilment.class)
    static class Shop {
    }

    /**
     * After-commit work that must happen at least once: hand the goods over, tell the customer of a refund. Its state
     * is read through methods: the bean is a proxy (the listener methods are asynchronous and transactional).
     */
    @Component
    static class Fulfilment {

        private volatile boolean failing;

        private final List<String> attempts = new CopyOnWriteArrayList<>();

        private final List<String> done = new CopyOnWriteArrayList<>();

        void failing(boolean failing) {
            this.failing = failing;
        }

        List<String> attempts() {
            return this.attempts;
        }

        List<String> done() {
            return this.done;
        }

        @ApplicationModuleListener
        void on(PayStatusChangedEvent event) {
            record("paid " + event.payLog().orderId());
        }

        @ApplicationModuleListener
        void on(RefundStatusChangedEvent event) {
            record("refunded " + event.refund().amount() + " of " + event.refund().orderId());
        }

        private void record(String work) {
            this.attempts.add(work);
            if (this.failing) {
                throw new IllegalStateException("The warehouse is down: " + work);
            }
            this.done.add(work);
        }
    }
}
