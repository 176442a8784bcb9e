package io.jitpay.sample;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import io.jitpay.alipay.sandbox.AliPaySandbox;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order form explains what the core refuses, in the shopper's words: the problem and its fix, built from the
 * {@code PayException}'s parts, without the error code.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:access-shop;DB_CLOSE_DELAY=-1")
@ActiveProfiles("dev")
class OrderFormTest {

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private AliPaySandbox sandbox;

    @Test
    void aSubjectAlipayForbidsIsExplainedAndTheFormKeepsWhatWasTyped() throws Exception {
        HttpResponse<String> page = new Shopper(this.port).submit("/orders",
                Map.of("subject", "Tea & cake", "amount", "12.00", "payType", "PRE_PAY"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"error\"")
            .contains("Subject contains")
            .contains("which Alipay does not allow in a subject; leave them out.")
            .contains("value=\"Tea &amp; cake\"")
            .doesNotContain("INVALID_PARAM_ERROR");
    }

    @Test
    void anAmountThatIsNotANumberIsExplained() throws Exception {
        HttpResponse<String> page = new Shopper(this.port).submit("/orders",
                Map.of("subject", "Cup of coffee", "amount", "nine", "payType", "PRE_PAY"));
        assertThat(page.body()).contains("Amount &#39;nine&#39; is not a number; enter yuan such as 9.90.")
            .doesNotContain("INVALID_PARAM_ERROR");
    }

    @Test
    void payingOnPcAnswersWithAFormThatPostsThePagePayRequestToTheGateway() throws Exception {
        HttpResponse<String> page = new Shopper(this.port).submit("/orders",
                Map.of("subject", "Desk lamp", "amount", "128.00", "payType", "PAGE_PAY"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Taking you to the Alipay cashier")
            .containsPattern("<form [^>]*action=\"" + Pattern.quote(this.sandbox.gatewayUrl()) + "\\?[^\"]*"
                    + "method=alipay.trade.page.pay")
            .contains("<script>");
    }

    @Test
    void theCheckoutTakesNoWayToPayItCannotShow() throws Exception {
        for (String payType : new String[] { "APP_PAY", "BARCODE_PAY", "CASH" }) {
            HttpResponse<String> page = new Shopper(this.port).submit("/orders",
                    Map.of("subject", "Cup of coffee", "amount", "9.90", "payType", payType));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("id=\"error\"").doesNotContain("UNKNOWN_PAY_TYPE");
        }
        assertThat(new Shopper(this.port).submit("/orders", Map.of("subject", "Cup of coffee", "amount", "9.90",
                "payType", "BARCODE_PAY")).body())
            .contains("The checkout takes PRE_PAY, WAP_PAY or PAGE_PAY; in store, the till takes the buyer&#39;s "
                    + "payment code.");
    }

    @Test
    void theShopsOwnSubjectIsOneAlipayAccepts() throws Exception {
        Shopper shopper = new Shopper(this.port);
        Matcher subject = Pattern.compile("name=\"subject\" id=\"subject\" value=\"([^\"]*)\"")
            .matcher(shopper.get("/").body());
        assertThat(subject.find()).isTrue();
        String id = shopper.placeOrder(subject.group(1), "9.90");
        assertThat(shopper.get("/orders/" + id).body()).contains(subject.group(1));
    }
}
