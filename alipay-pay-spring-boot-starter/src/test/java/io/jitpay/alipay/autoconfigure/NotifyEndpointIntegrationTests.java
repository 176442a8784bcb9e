package io.jitpay.alipay.autoconfigure;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.filter.OncePerRequestFilter;

import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.NotifyForm;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.alipay.sandbox.NotificationDelivery;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayStatusChangedEvent;
import io.jitpay.pay.PayType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notification endpoint over real HTTP in a running application, with notifications sent by the embedded sandbox.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = NotifyEndpointIntegrationTests.Shop.class)
class NotifyEndpointIntegrationTests {

    @RegisterExtension
    static final AliPaySandboxExtension sandbox = new AliPaySandboxExtension();

    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private AliPayment payment;

    @Autowired
    private ShopEvents events;

    @Autowired
    private DataSource dataSource;

    @DynamicPropertySource
    static void alipay(DynamicPropertyRegistry registry) {
        SandboxProperties.register(registry, sandbox);
    }

    @BeforeEach
    void forgetEvents() {
        this.events.clear();
    }

    @Test
    void paymentNotifiedBySandboxIsAcknowledgedAndFiresOneEventAfterCommit() {
        PayLog order = paidOrder("Coffee");
        sandbox.get().notifyTo(order.orderId(), endpoint(), StandardCharsets.UTF_8);
        await().until(() -> sandbox.get().deliveries(order.orderId()).stream().anyMatch(NotificationDelivery::acknowledged));
        assertThat(sandbox.get().deliveries(order.orderId())).singleElement()
            .satisfies((delivery) -> assertThat(delivery.response()).isEqualTo("success"));
        assertThat(status(order)).isEqualTo(PayStatus.SUCCESS);
        assertThat(this.events.inTransaction()).singleElement()
            .satisfies((event) -> assertThat(event.status()).isEqualTo(PayStatus.SUCCESS));
        await().until(() -> this.events.afterCommit().size() == 1);
        assertThat(this.events.committedStatusSeenAfterCommit()).containsExactly("success");
    }

    @Test
    void gbkNotificationIsDecodedWithTheCharsetItNames() {
        PayLog order = paidOrder("中文商品：咖啡");
        sandbox.get().notifyTo(order.orderId(), endpoint(), Charset.forName("GBK"));
        await().until(() -> sandbox.get().deliveries(order.orderId()).stream().anyMatch(NotificationDelivery::acknowledged));
        assertThat(sandbox.get().deliveries(order.orderId()).get(0).params()).containsEntry("charset", "gbk")
            .containsEntry("subject", "中文商品：咖啡");
        assertThat(status(order)).isEqualTo(PayStatus.SUCCESS);
    }

    @Test
    void forgedNotificationAnswersFailure() throws Exception {
        PayLog order = paidOrder("Coffee");
        Map<String, String> forged = unsigned(sandbox.get().notification(order.orderId()));
        forged.put("sign", sandbox.get().notification(order.orderId()).get("sign").replace('A', 'B'));
        forged.put("sign_type", "RSA2");
        assertAnswer(post(forged, StandardCharsets.UTF_8), 200, "failure");
        assertThat(status(order)).isEqualTo(PayStatus.WAIT);
        assertThat(this.events.inTransaction()).isEmpty();
    }

    @Test
    void notificationWithATamperedAmountAnswersFailure() throws Exception {
        PayLog order = paidOrder("Coffee");
        Map<String, String> tampered = new LinkedHashMap<>(sandbox.get().notification(order.orderId()));
        tampered.put("total_amount", "0.01");
        assertAnswer(post(tampered, StandardCharsets.UTF_8), 200, "failure");
        assertThat(status(order)).isEqualTo(PayStatus.WAIT);
    }

    /** Signed by Alipay but never applicable: a retry cannot help, so Alipay is told to stop, and a person looks. */
    @Test
    void signedNotificationForAnotherAppIsAcknowledgedAndJournaledAsRejected() throws Exception {
        PayLog order = paidOrder("Coffee");
        Map<String, String> params = unsigned(sandbox.get().notification(order.orderId()));
        params.put("app_id", "2021009999999999");
        assertAnswer(post(sandbox.get().sign(params, StandardCharsets.UTF_8), StandardCharsets.UTF_8), 200, "success");
        assertThat(status(order)).isEqualTo(PayStatus.WAIT);
        assertThat(lastJournaled()).containsEntry("OUTCOME", "REJECTED").containsEntry("REJECTION", "WRONG_APP");
    }

    @Test
    void signedNotificationForAnUnknownOrderIsAcknowledgedAndJournaledAsRejected() throws Exception {
        PayLog order = paidOrder("Coffee");
        Map<String, String> params = unsigned(sandbox.get().notification(order.orderId()));
        params.put("out_trade_no", "NOT_OURS");
        assertAnswer(post(sandbox.get().sign(params, StandardCharsets.UTF_8), StandardCharsets.UTF_8), 200, "success");
        assertThat(lastJournaled()).containsEntry("OUTCOME", "REJECTED").containsEntry("REJECTION", "UNKNOWN_ORDER");
    }

    /** A filter that reads a request parameter makes Tomcat consume the form before the endpoint can read it. */
    @Test
    void notificationWhoseBodyAFilterConsumedIsStillApplied() throws Exception {
        PayLog order = paidOrder("Coffee");
        HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(URI.create(endpoint()))
            .header("Content-Type", FORM).header(ParameterReadingFilter.HEADER, "true")
            .POST(HttpRequest.BodyPublishers.ofString(NotifyForm.encode(sandbox.get().notification(order.orderId()),
                    StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertAnswer(answer, 200, "success");
        assertThat(status(order)).isEqualTo(PayStatus.SUCCESS);
        assertThat(this.events.inTransaction()).hasSize(1);
    }

    @Test
    void emptyBodyIsJournaledAsEmptyNotAsABadSignature() throws Exception {
        assertAnswer(postRaw("", FORM), 400, "failure");
        assertThat(lastJournaled()).containsEntry("OUTCOME", "REJECTED").containsEntry("REJECTION", "EMPTY_BODY");
        assertThat((String) lastJournaled().get("ERROR")).contains("empty body");
    }

    @Test
    void malformedContentTypeIsRefusedWithA415NotA500() throws Exception {
        PayLog order = paidOrder("Coffee");
        String body = NotifyForm.encode(sandbox.get().notification(order.orderId()), StandardCharsets.UTF_8);
        assertAnswer(postRaw(body, ";;;=/"), 415, "failure");
        assertThat(lastJournaled()).containsEntry("REJECTION", "UNSUPPORTED_CONTENT_TYPE");
        assertThat(status(order)).isEqualTo(PayStatus.WAIT);
        // A broken charset parameter in the header does not matter: the form names its own charset.
        assertAnswer(postRaw(body, "application/x-www-form-urlencoded; charset=\"utf-8"), 200, "success");
        assertThat(status(order)).isEqualTo(PayStatus.SUCCESS);
    }

    @Test
    void charsetThatDecodesButCannotEncodeIsRefusedWithA400() throws Exception {
        PayLog order = paidOrder("Coffee");
        Map<String, String> params = new LinkedHashMap<>(sandbox.get().notification(order.orderId()));
        params.put("charset", "ISO-2022-CN");
        assertAnswer(postRaw(NotifyForm.encode(params, StandardCharsets.UTF_8), FORM), 400, "failure");
        assertThat(lastJournaled()).containsEntry("REJECTION", "MALFORMED");
        assertThat((String) lastJournaled().get("ERROR")).contains("not one Alipay uses");
        assertThat(status(order)).isEqualTo(PayStatus.WAIT);
    }

    @Test
    void fortyConcurrentDuplicatesAllAnswerSuccessAndFireOneEvent() throws Exception {
        PayLog order = paidOrder("Coffee");
        Map<String, String> notification = sandbox.get().notification(order.orderId());
        ExecutorService threads = Executors.newFixedThreadPool(40);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Callable<HttpResponse<String>> delivery = () -> {
                    start.await();
                    return post(notification, StandardCharsets.UTF_8);
                };
                answers.add(threads.submit(delivery));
            }
            start.countDown();
            for (Future<HttpResponse<String>> answer : answers) {
                assertAnswer(answer.get(), 200, "success");
            }
        }
        finally {
            threads.shutdownNow();
        }
        assertThat(this.events.inTransaction()).hasSize(1);
        assertThat(status(order)).isEqualTo(PayStatus.SUCCESS);
    }

    @Test
    void listenerFailureAnswersFailureAndTheNextDeliverySucceeds() throws Exception {
        PayLog order = paidOrder("Coffee");
        Map<String, String> notification = sandbox.get().notification(order.orderId());
        this.events.failNext();
        assertAnswer(post(notification, StandardCharsets.UTF_8), 200, "failure");
        assertThat(status(order)).isEqualTo(PayStatus.WAIT);
        assertAnswer(post(notification, StandardCharsets.UTF_8), 200, "success");
        assertThat(status(order)).isEqualTo(PayStatus.SUCCESS);
        assertThat(this.events.inTransaction()).hasSize(1);
    }

    @Test
    void getIsNotAllowed() throws Exception {
        HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(URI.create(endpoint())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertAnswer(answer, 405, "failure");
        assertThat(answer.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void bodyOverSixtyFourKibibytesIsRefused() throws Exception {
        assertAnswer(postRaw("out_trade_no=1&subject=" + "x".repeat(65 * 1024), FORM), 413, "failure");
    }

    @Test
    void otherContentTypesAreRefused() throws Exception {
        assertAnswer(postRaw("{\"out_trade_no\":\"1\"}", "application/json"), 415, "failure");
    }

    @Test
    void repeatedParametersAreRefused() throws Exception {
        PayLog order = paidOrder("Coffee");
        String body = NotifyForm.encode(sandbox.get().notification(order.orderId()), StandardCharsets.UTF_8) + "&total_amount=0.01";
        assertAnswer(postRaw(body, FORM), 400, "failure");
        assertThat(status(order)).isEqualTo(PayStatus.WAIT);
    }

    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    /** An order paid at the sandbox whose notification has not been delivered. */
    private PayLog paidOrder(String subject) {
        PayLog order = this.payment.create(subject, new BigDecimal("9.90"));
        this.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
        sandbox.get().pay(order.orderId());
        return order;
    }

    private Map<String, Object> lastJournaled() {
        return JdbcClient.create(this.dataSource).sql("SELECT * FROM jitpay_notify_log ORDER BY id DESC").query()
            .listOfRows().get(0);
    }

    private PayStatus status(PayLog order) {
        return this.payment.find(order.orderId()).orElseThrow().status();
    }

    private String endpoint() {
        return "http://127.0.0.1:" + this.port + "/jitpay/alipay/notify";
    }

    private HttpResponse<String> post(Map<String, String> params, Charset charset) throws Exception {
        return postRaw(NotifyForm.encode(params, charset), "application/x-www-form-urlencoded; charset=" + charset.name());
    }

    private HttpResponse<String> postRaw(String body, String contentType) throws Exception {
        return this.http.send(HttpRequest.newBuilder(URI.create(endpoint())).header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1)).build(),
                HttpResponse.BodyHandlers.ofString());
    }


    private static Map<String, String> unsigned(Map<String, String> signed) {
        Map<String, String> params = new LinkedHashMap<>(signed);
        params.remove("sign");
        params.remove("sign_type");
        return params;
    }

    private static void assertAnswer(HttpResponse<String> answer, int status, String body) {
        assertThat(answer.statusCode()).isEqualTo(status);
        assertThat(answer.body()).isEqualTo(body);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                (type) -> assertThat(type).startsWith("text/plain"));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ ShopEvents.class, ParameterReadingFilter.class })
    static class Shop {
    }

    /** A filter such as many applications have (logging, tenant resolution) that reads a request parameter. */
    @Component
    static class ParameterReadingFilter extends OncePerRequestFilter {

        static final String HEADER = "X-Test-Read-Parameters";

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getHeader(HEADER) != null) {
                request.getParameter("out_trade_no");
            }
            chain.doFilter(request, response);
        }
    }

    /**
     * What a shop's business code would do with the events. Read through methods: with Spring Modulith on the class
     * path, a bean with a transactional event listener is a proxy.
     */
    @Component
    static class ShopEvents {

        private final List<PayStatusChangedEvent> inTransaction = new CopyOnWriteArrayList<>();

        private final List<PayStatusChangedEvent> afterCommit = new CopyOnWriteArrayList<>();

        private final List<String> committedStatusSeenAfterCommit = new CopyOnWriteArrayList<>();

        private volatile boolean failNext;

        List<PayStatusChangedEvent> inTransaction() {
            return this.inTransaction;
        }

        List<PayStatusChangedEvent> afterCommit() {
            return this.afterCommit;
        }

        List<String> committedStatusSeenAfterCommit() {
            return this.committedStatusSeenAfterCommit;
        }

        void failNext() {
            this.failNext = true;
        }

        private final DataSource dataSource;

        ShopEvents(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @EventListener
        void fulfil(PayStatusChangedEvent event) {
            if (this.failNext) {
                this.failNext = false;
                throw new IllegalStateException("the shop's stock service is down");
            }
            this.inTransaction.add(event);
        }

        @TransactionalEventListener
        void afterCommit(PayStatusChangedEvent event) {
            this.afterCommit.add(event);
            this.committedStatusSeenAfterCommit.add(JdbcClient.create(this.dataSource)
                .sql("SELECT status FROM jitpay_pay_log WHERE order_id = ?").param(event.payLog().orderId())
                .query(String.class).single());
        }

        void clear() {
            this.inTransaction.clear();
            this.afterCommit.clear();
            this.committedStatusSeenAfterCommit.clear();
        }
    }
}
