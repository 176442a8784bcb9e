package io.jitpay.sample;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.pay.PayStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refund form over real HTTP: a resubmitted form refunds once, a refund over what is left is explained on the
 * order page, and another session cannot refund the order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:refund-shop;DB_CLOSE_DELAY=-1")
@ActiveProfiles("dev")
class RefundFormTest {

    private static final Pattern REFUND_ID = Pattern.compile("name=\"refundId\" value=\"([^\"]+)\"");

    @Value("${local.server.port}")
    private int port;

    @Autowired
    @Qualifier("aliPayment")
    private AliPayment payment;

    @Autowired
    private AliPaySandbox sandbox;

    @Test
    void aResubmittedRefundFormRefundsOnce() throws Exception {
        Shopper staff = new Shopper(this.port);
        String id = paidOrder(staff, "10.00");
        String refundId = refundId(staff, id);
        Map<String, String> form = Map.of("amount", "4.00", "reason", "Late", "refundId", refundId);
        assertThat(staff.submit("/orders/" + id + "/refunds", form).statusCode()).isEqualTo(302);
        assertThat(staff.submit("/orders/" + id + "/refunds", form).statusCode()).isEqualTo(302);
        assertThat(this.sandbox.refunds(id)).hasSize(1);
        assertThat(this.payment.findRefunds(id)).hasSize(1);
        assertThat(this.payment.find(id).orElseThrow().refundedAmount()).isEqualByComparingTo("4.00");
        assertThat(staff.get("/orders/" + id).body()).contains("Paid, ¥4.00 refunded")
            .containsPattern("id=\"refund-amount\"[^>]*value=\"6.00\"");
    }

    @Test
    void aRefundOverWhatIsLeftIsExplainedAndChangesNothing() throws Exception {
        Shopper staff = new Shopper(this.port);
        String id = paidOrder(staff, "10.00");
        HttpResponse<String> refused = staff.submit("/orders/" + id + "/refunds",
                Map.of("amount", "10.01", "reason", "", "refundId", refundId(staff, id)));
        assertThat(refused.statusCode()).isEqualTo(302);
        String page = staff.get("/orders/" + id).body();
        assertThat(page).contains("id=\"error\"").contains("10.01");
        assertThat(this.sandbox.refunds(id)).isEmpty();
        assertThat(this.payment.findRefunds(id)).isEmpty();
    }

    @Test
    void anotherSessionCannotRefundTheOrder() throws Exception {
        Shopper alice = new Shopper(this.port);
        Shopper mallory = new Shopper(this.port);
        String id = paidOrder(alice, "10.00");
        HttpResponse<String> answer = mallory.submit("/orders/" + id + "/refunds",
                Map.of("amount", "10.00", "refundId", "S1"));
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(this.sandbox.refunds(id)).isEmpty();
        assertThat(this.payment.find(id).orElseThrow().refundedAmount()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    private String paidOrder(Shopper shopper, String amount) throws Exception {
        String id = shopper.placeOrder("Teapot", amount);
        this.sandbox.pay(id);
        assertThat(this.payment.check(id).status()).isEqualTo(PayStatus.SUCCESS);
        return id;
    }

    private static String refundId(Shopper shopper, String id) throws Exception {
        Matcher field = REFUND_ID.matcher(shopper.get("/orders/" + id).body());
        assertThat(field.find()).as("the paid order's page has a refund form").isTrue();
        return field.group(1);
    }
}
