package io.jitpay.sample;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.pay.PayStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shop's forms are protected from cross-site requests: a POST that changes something needs the session's CSRF
 * token, which the shop's own forms carry; Alipay's notifications, which carry a signature instead, need none. Real HTTP
 * on a random port, the embedded sandbox playing Alipay.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:access-shop;DB_CLOSE_DELAY=-1")
@ActiveProfiles("dev")
class CsrfProtectionTest {

    @Value("${local.server.port}")
    private int port;

    @Autowired
    @Qualifier("aliPayment")
    private AliPayment payment;

    @Autowired
    private AliPaySandbox sandbox;

    @Autowired
    private JdbcClient jdbc;

    private Shopper alice;

    @BeforeEach
    void newBrowser() {
        this.alice = new Shopper(this.port);
    }

    @Test
    void everyShopFormCarriesTheSessionsCsrfToken() throws Exception {
        assertThat(Shopper.CSRF_FIELD.matcher(this.alice.get("/").body()).results()).hasSize(1);
        String id = this.alice.placeOrder("Cup of coffee", "9.90");
        String orderPage = this.alice.get("/orders/" + id).body();
        assertThat(Shopper.CSRF_FIELD.matcher(orderPage).results()).as("the Check and Cancel forms").hasSize(2);
        Matcher token = Shopper.CSRF_FIELD.matcher(orderPage);
        assertThat(token.find()).isTrue();
        assertThat(token.group(1)).isNotBlank();
    }

    @Test
    void placingAnOrderWithoutTheTokenIsForbiddenAndStoresNothing() throws Exception {
        long before = shopOrderCount();
        assertThat(this.alice.post("/orders", Map.of("subject", "Cup of coffee", "amount", "9.90", "payType",
                "PRE_PAY")).statusCode()).isEqualTo(403);
        assertThat(shopOrderCount()).isEqualTo(before);
    }

    @Test
    void checkAndCancelWithoutTheTokenAreForbiddenAndChangeNothing() throws Exception {
        String id = this.alice.placeOrder("Cup of coffee", "9.90");

        assertThat(this.alice.post("/orders/" + id + "/check", Map.of()).statusCode()).isEqualTo(403);
        assertThat(this.alice.post("/orders/" + id + "/cancel", Map.of()).statusCode()).isEqualTo(403);
        assertThat(this.alice.post("/orders/" + id + "/cancel", Map.of("_csrf", "forged")).statusCode())
            .isEqualTo(403);
        // A token is only good in the session it was issued to.
        String othersToken = new Shopper(this.port).csrfToken();
        assertThat(this.alice.post("/orders/" + id + "/cancel", Map.of("_csrf", othersToken)).statusCode())
            .isEqualTo(403);

        assertThat(this.payment.find(id).orElseThrow().status()).isEqualTo(PayStatus.WAIT);
        assertThat(this.sandbox.calls("alipay.trade.query", id)).isZero();
        assertThat(this.sandbox.calls("alipay.trade.close", id)).isZero();
        assertThat(this.sandbox.calls("alipay.trade.cancel", id)).isZero();
    }

    @Test
    void aRefusedFormSaysToReloadThePage() throws Exception {
        String id = this.alice.placeOrder("Cup of coffee", "9.90");
        String page = this.alice.post("/orders/" + id + "/cancel", Map.of()).body();
        assertThat(page).contains("This form has expired").contains("nothing was changed");
    }

    @Test
    void alipaysNotificationsNeedNoToken() throws Exception {
        String id = this.alice.placeOrder("Cup of coffee", "9.90");
        this.sandbox.pay(id);
        await().atMost(Duration.ofSeconds(10))
            .until(() -> this.payment.find(id).orElseThrow().status() == PayStatus.SUCCESS);
        assertThat(this.sandbox.deliveries(id)).anyMatch((delivery) -> delivery.acknowledged());
        assertThat(this.alice.get("/orders/" + id + "/status").body()).contains("\"status\":\"success\"");
    }

    private long shopOrderCount() {
        return this.jdbc.sql("SELECT COUNT(*) FROM shop_order").query(Long.class).single();
    }
}
