package io.jitpay.alipay.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.alipay.api.internal.util.json.JSONWriter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.jspecify.annotations.Nullable;

/**
 * The buyer's side: {@code /qr/{token}} (what scanning the QR code opens) and {@code /cashier/{token}} (where the
 * mobile-web and PC page requests and the app's order string land) show the one cashier; posting
 * {@code /cashier/{token}/pay} pays, sends the notification and returns the browser to the merchant's
 * {@code return_url} with signed parameters ({@code method} is the creating method's, plus {@code .return}); an app
 * trade shows the signed result Alipay's app hands back.
 */
final class CashierHandler implements HttpHandler {

    private final SandboxContext context;

    CashierHandler(SandboxContext context) {
        this.context = context;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            // "", "qr" | "cashier", token [, "pay"]
            Trade trade = (path.length >= 3) ? this.context.trades().byToken(path[2]) : null;
            if (trade == null) {
                send(exchange, 404, HtmlPages.page("Not found", "<h1>No such payment</h1><p>The link is unknown or "
                        + "the sandbox was restarted.</p>"));
                return;
            }
            boolean pay = path.length == 4 && "pay".equals(path[3]) && "cashier".equals(path[1]);
            if (pay && "POST".equals(exchange.getRequestMethod())) {
                pay(exchange, trade);
            }
            else if (!pay && "GET".equals(exchange.getRequestMethod())) {
                // Opening the cashier is when Alipay creates the trade.
                trade.engage(this.context.now());
                send(exchange, 200, cashier(trade));
            }
            else {
                send(exchange, 405, HtmlPages.page("Not allowed", "<h1>Method not allowed</h1>"));
            }
        }
    }

    private void pay(HttpExchange exchange, Trade trade) throws IOException {
        boolean paidNow = trade.pay(this.context.now());
        if (paidNow) {
            this.context.notifications().announce(trade);
        }
        else if (!trade.snapshot(this.context.now()).isPaid()) {
            send(exchange, 409, HtmlPages.page("Closed", "<h1>This payment is closed</h1><p class=\"error\">The order "
                    + "was cancelled or has expired; nothing was paid.</p>"));
            return;
        }
        String returnUrl = returnUrl(trade);
        if (returnUrl != null) {
            Exchanges.redirect(exchange, 303, returnUrl);
            return;
        }
        // Alipay's app hands the merchant's app a signed synchronous result; browsers without return_url just stop.
        String result = TradeApi.APP_PAY.equals(trade.method) ? "<p class=\"note\">resultStatus 9000</p><pre id=\""
                + "result\">" + HtmlPages.escape(appPayResult(trade)) + "</pre>" : "";
        send(exchange, 200, HtmlPages.page("Paid", "<h1 id=\"paid\">Payment complete</h1><p class=\"amount\">¥"
                + trade.amount.toPlainString() + "</p><p>" + HtmlPages.escape(trade.subject)
                + "</p>" + result + "<p class=\"note\">You can close this page.</p>"));
    }

    /**
     * The {@code result} Alipay's app returns to the merchant's app: {@code alipay_trade_app_pay_response} with the
     * fields of Alipay's documented sample, signed like a gateway answer over the exact bytes of the inner object.
     */
    private String appPayResult(Trade trade) {
        Map<String, String> inner = new LinkedHashMap<>();
        inner.put("code", ResultCodes.SUCCESS);
        inner.put("msg", ResultCodes.msg(ResultCodes.SUCCESS));
        inner.put("app_id", this.context.appId());
        inner.put("auth_app_id", this.context.appId());
        inner.put("charset", trade.charset.name().toLowerCase(Locale.ROOT));
        inner.put("timestamp", WireTime.format(this.context.now()));
        inner.put("out_trade_no", trade.orderId);
        inner.put("total_amount", trade.amount.toPlainString());
        inner.put("trade_no", trade.tradeNo);
        inner.put("seller_id", this.context.sellerId());
        String content = new JSONWriter().write(inner);
        return "{\"alipay_trade_app_pay_response\":" + content + ",\"sign\":\""
                + this.context.keys().sign(content, trade.charset) + "\",\"sign_type\":\"" + SandboxKeys.RSA2 + "\"}";
    }

    /**
     * The merchant's return URL with the signed synchronous-return parameters (V1 rule, as Alipay signs them), or
     * {@code null}. Merchants must not take it as proof of payment; the notification is.
     */
    private @Nullable String returnUrl(Trade trade) {
        if (trade.returnUrl == null) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("charset", trade.charset.name().toLowerCase(Locale.ROOT));
        params.put("out_trade_no", trade.orderId);
        params.put("method", trade.method + ".return");
        params.put("total_amount", trade.amount.toPlainString());
        params.put("trade_no", trade.tradeNo);
        params.put("auth_app_id", this.context.appId());
        params.put("version", "1.0");
        params.put("app_id", this.context.appId());
        params.put("seller_id", this.context.sellerId());
        params.put("timestamp", WireTime.format(this.context.now()));
        Map<String, String> signed = this.context.keys().signV1(params, trade.charset);
        return trade.returnUrl + (trade.returnUrl.contains("?") ? "&" : "?")
                + FormEncoding.encode(signed, trade.charset);
    }

    private String cashier(Trade trade) {
        SandboxTrade snapshot = trade.snapshot(this.context.now());
        String body;
        if (snapshot.isPaid()) {
            body = "<h1 id=\"paid\">Already paid</h1>";
        }
        else if (!trade.payable(this.context.now())) {
            body = "<h1>This payment is closed</h1><p class=\"error\">The order was cancelled or has expired.</p>";
        }
        else {
            body = "<form method=\"post\" action=\"/cashier/" + trade.token + "/pay\">"
                    + "<button id=\"pay\" type=\"submit\">Pay ¥" + trade.amount.toPlainString() + "</button></form>";
        }
        return HtmlPages.page("Alipay sandbox cashier", "<p class=\"brand\">Alipay sandbox</p><h2>"
                + HtmlPages.escape(trade.subject) + "</h2><p class=\"amount\">¥" + trade.amount.toPlainString()
                + "</p><p class=\"order\">Order <code>" + HtmlPages.escape(trade.orderId) + "</code></p>" + body
                + "<p class=\"note\">An offline sandbox: no real money moves.</p>");
    }

    private static void send(HttpExchange exchange, int status, String html) throws IOException {
        Exchanges.send(exchange, status, "text/html", html, StandardCharsets.UTF_8);
    }
}
