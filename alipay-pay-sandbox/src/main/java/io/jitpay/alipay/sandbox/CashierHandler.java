package io.jitpay.alipay.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.jspecify.annotations.Nullable;

/**
 * The buyer's side: {@code /qr/{token}} (what scanning the QR code opens) and {@code /cashier/{token}} (where the
 * mobile-web form lands) show the cashier; posting {@code /cashier/{token}/pay} pays, sends the notification and
 * returns the browser to the merchant's {@code return_url} with signed parameters.
 */
final class CashierHandler implements HttpHandler {

    private final AliPaySandbox sandbox;

    CashierHandler(AliPaySandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            // "", "qr" | "cashier", token [, "pay"]
            Trade trade = (path.length >= 3) ? this.sandbox.tradeByToken(path[2]) : null;
            if (trade == null) {
                send(exchange, 404, page("Not found", "<h1>No such payment</h1><p>The link is unknown or the sandbox "
                        + "was restarted.</p>"));
                return;
            }
            boolean pay = path.length == 4 && "pay".equals(path[3]) && "cashier".equals(path[1]);
            if (pay && "POST".equals(exchange.getRequestMethod())) {
                pay(exchange, trade);
            }
            else if (!pay && "GET".equals(exchange.getRequestMethod())) {
                trade.engage(this.sandbox.now());
                send(exchange, 200, cashier(trade));
            }
            else {
                send(exchange, 405, page("Not allowed", "<h1>Method not allowed</h1>"));
            }
        }
    }

    private void pay(HttpExchange exchange, Trade trade) throws IOException {
        boolean paidNow = this.sandbox.payTrade(trade);
        if (!paidNow && !trade.snapshot(this.sandbox.now()).isPaid()) {
            send(exchange, 409, page("Closed", "<h1>This payment is closed</h1><p class=\"error\">The order was "
                    + "cancelled or has expired; nothing was paid.</p>"));
            return;
        }
        String returnUrl = returnUrl(trade);
        if (returnUrl != null) {
            Exchanges.redirect(exchange, 303, returnUrl);
            return;
        }
        send(exchange, 200, page("Paid", "<h1 id=\"paid\">Payment complete</h1><p class=\"amount\">¥"
                + trade.amount.toPlainString() + "</p><p>" + Exchanges.html(trade.subject)
                + "</p><p class=\"note\">You can close this page.</p>"));
    }

    /** The merchant's return URL with the signed synchronous-return parameters, or {@code null}. */
    private @Nullable String returnUrl(Trade trade) {
        if (trade.returnUrl == null) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("charset", trade.charset.name().toLowerCase(java.util.Locale.ROOT));
        params.put("out_trade_no", trade.orderId);
        params.put("method", trade.method + ".return");
        params.put("total_amount", trade.amount.toPlainString());
        params.put("trade_no", trade.tradeNo);
        params.put("auth_app_id", this.sandbox.appId());
        params.put("version", "1.0");
        params.put("app_id", this.sandbox.appId());
        params.put("seller_id", this.sandbox.sellerId());
        params.put("timestamp", this.sandbox.beijing(this.sandbox.now()));
        Map<String, String> signed = this.sandbox.keys().signV1(params, trade.charset);
        return trade.returnUrl + (trade.returnUrl.contains("?") ? "&" : "?") + Form.encode(signed, trade.charset);
    }

    private String cashier(Trade trade) {
        SandboxTrade snapshot = trade.snapshot(this.sandbox.now());
        String body;
        if (snapshot.isPaid()) {
            body = "<h1 id=\"paid\">Already paid</h1>";
        }
        else if (!trade.payable(this.sandbox.now())) {
            body = "<h1>This payment is closed</h1><p class=\"error\">The order was cancelled or has expired.</p>";
        }
        else {
            body = "<form method=\"post\" action=\"/cashier/" + trade.token + "/pay\">"
                    + "<button id=\"pay\" type=\"submit\">Pay ¥" + trade.amount.toPlainString() + "</button></form>";
        }
        return page("Alipay sandbox cashier", "<p class=\"brand\">Alipay sandbox</p><h2>"
                + Exchanges.html(trade.subject) + "</h2><p class=\"amount\">¥" + trade.amount.toPlainString()
                + "</p><p class=\"order\">Order <code>" + Exchanges.html(trade.orderId) + "</code></p>" + body
                + "<p class=\"note\">An offline sandbox: no real money moves.</p>");
    }

    static String page(String title, String content) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                + Exchanges.html(title) + "</title><style>"
                + "body{font-family:system-ui,sans-serif;background:#f3f6fb;margin:0;color:#1f2d3d}"
                + "main{max-width:420px;margin:48px auto;background:#fff;border-radius:12px;padding:32px;"
                + "box-shadow:0 2px 12px rgba(0,0,0,.08);text-align:center}"
                + ".brand{color:#1677ff;font-weight:600;letter-spacing:.04em}.amount{font-size:2.2em;margin:8px 0}"
                + ".order,.note{color:#6b7785;font-size:.9em}.error{color:#c0392b}"
                + "button{background:#1677ff;color:#fff;border:0;border-radius:8px;font-size:1.1em;"
                + "padding:12px 40px;cursor:pointer}"
                + "</style></head><body><main>" + content + "</main></body></html>";
    }

    private static void send(HttpExchange exchange, int status, String html) throws IOException {
        Exchanges.send(exchange, status, "text/html", html, StandardCharsets.UTF_8);
    }
}
