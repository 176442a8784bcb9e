package io.jitpay.alipay;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.request.AlipayTradeQueryRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayType;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox answers with the same shapes as real Alipay, compared with real Alipay-signed data. */
class SandboxFidelityTest {

    @RegisterExtension
    static final AliPaySandboxExtension sandboxes = new AliPaySandboxExtension();

    private static final Pattern FIELD = Pattern.compile("\"([a-z_]+)\":");

    @Test
    void queryResponseOfAPaidTradeHasExactlyTheFieldsRealAlipaySends() throws Exception {
        String real = AlipayVectors.text("yansongda-pay/response_alipay_trade_query_response.json");
        AliPaySandbox sandbox = sandboxes.get();
        try (PaymentFixture fixture = PaymentFixture.start(sandbox, (config) -> config.notifyUrl(null))) {
            PayLog order = fixture.payment.create("Coffee", new BigDecimal("0.01"));
            fixture.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
            sandbox.pay(order.orderId());
            AlipayConfig config = new AlipayConfig();
            config.setServerUrl(sandbox.gatewayUrl());
            config.setAppId(sandbox.appId());
            config.setPrivateKey(sandbox.appPrivateKey());
            config.setAlipayPublicKey(sandbox.alipayPublicKey());
            AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
            request.setBizContent("{\"out_trade_no\":\"" + order.orderId() + "\"}");
            String body = new DefaultAlipayClient(config).execute(request).getBody();
            assertThat(fields(body)).isEqualTo(fields(real));
            assertThat(body.indexOf("\"code\"")).isLessThan(body.indexOf("\"msg\""));
        }
    }

    @Test
    void notificationCarriesEveryFieldOfARealOne() throws Exception {
        Map<String, String> real = AlipayVectors.params("yansongda-pay/notify_2023122122001499160501589436.json");
        AliPaySandbox sandbox = sandboxes.get();
        try (PaymentFixture fixture = PaymentFixture.start(sandbox, (config) -> config.notifyUrl(null))) {
            PayLog order = fixture.payment.create("Coffee", new BigDecimal("0.01"));
            fixture.payment.getPayUrl(order.orderId(), PayType.PRE_PAY);
            sandbox.pay(order.orderId());
            assertThat(sandbox.notification(order.orderId()).keySet()).containsAll(real.keySet());
        }
    }

    private static Set<String> fields(String json) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
