package io.jitpay.sample;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.SandboxAuthCodes;
import io.jitpay.pay.PayStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In-store payments whose outcome Alipay does not give at once, with a short wait for the buyer
 * ({@code jitpay.alipay.barcode.poll-timeout=2s}): one the buyer never confirms is cancelled at Alipay and the till
 * says so; one whose answer was lost is found paid by asking Alipay.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.datasource.url=jdbc:h2:mem:till-timeout;DB_CLOSE_DELAY=-1",
                "jitpay.alipay.barcode.poll-interval=200ms", "jitpay.alipay.barcode.poll-timeout=2s" })
@ActiveProfiles("dev")
class InStoreUnknownOutcomeTest {

    @Value("${local.server.port}")
    private int port;

    @Autowired
    @Qualifier("aliPayment")
    private AliPayment payment;

    @Autowired
    private AliPaySandbox sandbox;

    @Test
    void aPaymentTheBuyerNeverConfirmsIsCancelledAtAlipayAndTheTillSaysSo() throws Exception {
        Shopper cashier = new Shopper(this.port);
        String id = cashier.payInStore("Cup of coffee", "9.90", SandboxAuthCodes.NEEDS_CONFIRMATION);

        await().atMost(Duration.ofSeconds(10)).until(() -> cashier.get("/in-store/" + id + "/status").body()
            .contains("\"underWay\":false"));
        assertThat(this.payment.find(id).orElseThrow().status()).isEqualTo(PayStatus.CLOSE);
        assertThat(this.sandbox.calls("alipay.trade.cancel", id)).isEqualTo(1);
        assertThat(this.sandbox.trade(id).orElseThrow().isPaid()).isFalse();
        assertThat(cashier.get("/in-store/" + id).body()).contains("Cancelled", "The buyer did not confirm the "
                + "payment in time, so the shop cancelled it at Alipay; nothing was charged.")
            .doesNotContain("id=\"code-form\"");
    }

    @Test
    void aPaymentWhoseAnswerWasLostIsFoundPaid() throws Exception {
        Shopper cashier = new Shopper(this.port);
        String id = cashier.payInStore("Cup of coffee", "9.90", SandboxAuthCodes.UNKNOWN_BUT_PAID);

        await().atMost(Duration.ofSeconds(10)).until(() -> cashier.get("/in-store/" + id + "/status").body()
            .contains("\"underWay\":false"));
        assertThat(this.payment.find(id).orElseThrow().status()).isEqualTo(PayStatus.SUCCESS);
        assertThat(this.sandbox.calls("alipay.trade.cancel", id)).isZero();
        assertThat(cashier.get("/in-store/" + id).body()).contains(">Paid<").doesNotContain("id=\"refusal\"");
    }
}
