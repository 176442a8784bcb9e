package io.jitpay.sample;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

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
import io.jitpay.alipay.sandbox.SandboxAuthCodes;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The in-store till over real HTTP, the sandbox's scripted payment codes playing the buyer's Alipay: a code that pays,
 * a refused code and another on the same order, a payment the buyer confirms on the phone, and orders that another
 * session can neither see nor pay, nor a cross-site form charge.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:access-shop;DB_CLOSE_DELAY=-1")
@ActiveProfiles("dev")
class InStoreTillTest {

    private static final String TILL_FORM = "id=\"code-form\"";

    @Value("${local.server.port}")
    private int port;

    @Autowired
    @Qualifier("aliPayment")
    private AliPayment payment;

    @Autowired
    private AliPaySandbox sandbox;

    @Autowired
    private JdbcClient jdbc;

    private Shopper cashier;

    @BeforeEach
    void till() {
        this.cashier = new Shopper(this.port);
    }

    @Test
    void aCodeThatPaysAtOncePaysTheOrder() throws Exception {
        String id = this.cashier.payInStore("Cup of coffee", "9.90", SandboxAuthCodes.PAYS);

        assertThat(this.payment.find(id)).get().satisfies((order) -> {
            assertThat(order.status()).isEqualTo(PayStatus.SUCCESS);
            assertThat(order.payType()).isEqualTo(PayType.BARCODE_PAY);
        });
        String page = this.cashier.get("/in-store/" + id).body();
        assertThat(page).contains(">Paid<", "id=\"paid-note\"", "In store").doesNotContain(TILL_FORM);
        assertThat(this.sandbox.calls("alipay.trade.pay", id)).isEqualTo(1);
    }

    @Test
    void aRefusedCodeIsExplainedAndTheOrderTakesAnother() throws Exception {
        String id = this.cashier.payInStore("Cup of coffee", "9.90", SandboxAuthCodes.NO_BALANCE);

        String refused = this.cashier.get("/in-store/" + id).body();
        assertThat(refused).contains("Waiting for payment", "id=\"refusal\"",
                "The buyer&#39;s balance is not enough; ask the buyer to choose another way to pay in Alipay "
                        + "(ACQ.BUYER_BALANCE_NOT_ENOUGH: ",
                "The order is still waiting: take another code from the buyer.", TILL_FORM);
        assertThat(this.payment.find(id).orElseThrow().status()).isEqualTo(PayStatus.WAIT);
        assertThat(this.cashier.get("/orders/" + id).body()).contains("id=\"till-link\"");

        HttpResponse<String> again = this.cashier.submit("/in-store/" + id + "/code",
                Map.of("code", "2800 1234 5678 9012 34"));
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(again.headers().firstValue("Location").orElseThrow()).endsWith("/in-store/" + id);
        assertThat(this.payment.find(id).orElseThrow().status()).isEqualTo(PayStatus.SUCCESS);
        assertThat(this.cashier.get("/in-store/" + id).body()).contains(">Paid<").doesNotContain("id=\"refusal\"");
        assertThat(this.sandbox.calls("alipay.trade.pay", id)).isEqualTo(2);
    }

    @Test
    void aPaymentTheBuyerConfirmsOnThePhoneIsUnderWayUntilTheyDo() throws Exception {
        String id = this.cashier.payInStore("Cup of coffee", "9.90", SandboxAuthCodes.NEEDS_CONFIRMATION);

        String underWay = this.cashier.get("/in-store/" + id).body();
        assertThat(underWay).contains("id=\"under-way\"", "id=\"buyer-confirms\"").doesNotContain(TILL_FORM);
        assertThat(this.cashier.get("/in-store/" + id + "/status").body()).contains("\"underWay\":true");
        // A second code for the same order is not sent while the first waits for its buyer.
        this.cashier.submit("/in-store/" + id + "/code", Map.of("code", SandboxAuthCodes.PAYS));
        assertThat(this.sandbox.calls("alipay.trade.pay", id)).isEqualTo(1);

        assertThat(this.cashier.submit("/in-store/" + id + "/buyer-confirms", Map.of()).statusCode()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(10)).until(() -> this.cashier.get("/in-store/" + id + "/status").body()
            .contains("\"underWay\":false"));
        assertThat(this.payment.find(id).orElseThrow().status()).isEqualTo(PayStatus.SUCCESS);
        assertThat(this.cashier.get("/in-store/" + id).body()).contains(">Paid<").doesNotContain("id=\"under-way\"");
    }

    @Test
    void aCheckoutOrderIsPaidAtItsOwnPageNotAtTheTill() throws Exception {
        String id = this.cashier.placeOrder("Cup of coffee", "9.90");
        HttpResponse<String> till = this.cashier.get("/in-store/" + id);
        assertThat(till.statusCode()).isEqualTo(302);
        assertThat(till.headers().firstValue("Location").orElseThrow()).endsWith("/orders/" + id);
        this.cashier.submit("/in-store/" + id + "/code", Map.of("code", SandboxAuthCodes.PAYS));
        assertThat(this.sandbox.calls("alipay.trade.pay", id)).isZero();
        assertThat(this.cashier.get("/orders/" + id).body()).doesNotContain("id=\"till-link\"");
    }

    @Test
    void whatIsNoPaymentCodeIsExplainedAndNothingIsCreated() throws Exception {
        long before = shopOrderCount();
        HttpResponse<String> page = this.cashier.submit("/in-store",
                Map.of("subject", "Cup of coffee", "amount", "9.90", "code", "12345"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"error\"", "The payment code must be the 16 to 24 digits under the "
                + "barcode in the buyer&#39;s Alipay (got 5 characters)").doesNotContain("12345");
        assertThat(shopOrderCount()).isEqualTo(before);
    }

    @Test
    void theSandboxsTestCodesAreOnTheTillInTheDevProfile() throws Exception {
        assertThat(this.cashier.get("/in-store").body()).contains("id=\"test-codes\"", SandboxAuthCodes.PAYS,
                SandboxAuthCodes.NEEDS_CONFIRMATION, SandboxAuthCodes.INVALID, SandboxAuthCodes.NO_BALANCE);
    }

    @Test
    void anotherSessionCanNeitherSeeNorPayNorConfirmAnInStoreOrder() throws Exception {
        String id = this.cashier.payInStore("Cup of coffee", "9.90", SandboxAuthCodes.INVALID);
        String waiting = this.cashier.payInStore("Green tea", "5.50", SandboxAuthCodes.NEEDS_CONFIRMATION);
        Shopper mallory = new Shopper(this.port);

        assertThat(mallory.get("/in-store/" + id).statusCode()).isEqualTo(404);
        assertThat(mallory.get("/in-store/" + id + "/status").statusCode()).isEqualTo(404);
        assertThat(mallory.submit("/in-store/" + id + "/code", Map.of("code", SandboxAuthCodes.PAYS)).statusCode())
            .isEqualTo(404);
        assertThat(mallory.submit("/in-store/" + waiting + "/buyer-confirms", Map.of()).statusCode()).isEqualTo(404);

        assertThat(this.sandbox.calls("alipay.trade.pay", id)).isEqualTo(1);
        assertThat(this.payment.find(id).orElseThrow().status()).isEqualTo(PayStatus.WAIT);
        assertThat(this.sandbox.trade(waiting).orElseThrow().isPaid()).isFalse();
        this.sandbox.confirm(waiting);
    }

    @Test
    void withoutTheCsrfTokenNothingIsChargedOrConfirmed() throws Exception {
        long before = shopOrderCount();
        assertThat(this.cashier.post("/in-store", Map.of("subject", "Cup of coffee", "amount", "9.90", "code",
                SandboxAuthCodes.PAYS)).statusCode()).isEqualTo(403);
        assertThat(shopOrderCount()).isEqualTo(before);

        String id = this.cashier.payInStore("Cup of coffee", "9.90", SandboxAuthCodes.INVALID);
        assertThat(this.cashier.post("/in-store/" + id + "/code", Map.of("code", SandboxAuthCodes.PAYS)).statusCode())
            .isEqualTo(403);
        assertThat(this.sandbox.calls("alipay.trade.pay", id)).isEqualTo(1);

        String waiting = this.cashier.payInStore("Green tea", "5.50", SandboxAuthCodes.NEEDS_CONFIRMATION);
        assertThat(this.cashier.post("/in-store/" + waiting + "/buyer-confirms", Map.of()).statusCode())
            .isEqualTo(403);
        assertThat(this.sandbox.trade(waiting).orElseThrow().isPaid()).isFalse();
        this.sandbox.confirm(waiting);
    }

    private long shopOrderCount() {
        return this.jdbc.sql("SELECT COUNT(*) FROM shop_order").query(Long.class).single();
    }
}
