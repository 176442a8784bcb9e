package io.jitpay.benchmarks.load;

import java.io.IOException;
import java.security.PublicKey;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.jitpay.alipay.NotifyForm;
import io.jitpay.benchmarks.Fixtures;

/** The least a notification endpoint must do: decode the form, check the signature, one conditional UPDATE. */
class BaselineNotifyServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient JdbcClient jdbc;

    private final transient PublicKey alipayKey;

    BaselineNotifyServlet(DataSource dataSource, PublicKey alipayKey) {
        this.jdbc = JdbcClient.create(dataSource);
        this.alipayKey = alipayKey;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The same form codec as the endpoint: the baseline leaves out only what the library adds on top.
        Map<String, String> params = NotifyForm.decode(request.getInputStream().readAllBytes());
        boolean ok = Fixtures.verify(params, this.alipayKey);
        if (ok) {
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
            this.jdbc.sql("UPDATE jitpay_pay_log SET status = 'success', trade_no = :tradeNo, paid_at = :now, "
                    + "updated_at = :now WHERE order_id = :orderId AND status = 'wait'")
                .param("tradeNo", params.get("trade_no"))
                .param("now", now)
                .param("orderId", params.get("out_trade_no"))
                .update();
        }
        response.setContentType("text/plain");
        response.getWriter().write(ok ? "success" : "failure");
    }
}
