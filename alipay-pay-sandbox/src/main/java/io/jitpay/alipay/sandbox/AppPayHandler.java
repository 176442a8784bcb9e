package io.jitpay.alipay.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * {@code /app}, the sandbox playing Alipay's app: a mobile app hands it the order string its server signed with
 * {@code sdkExecute(AlipayTradeAppPayRequest)}, as {@code orderString} in the query ({@code GET}) or in a form
 * ({@code POST}). The order string is checked as the gateway checks any request (app id, V2 signature, fields), then
 * the buyer lands on the cashier and pays there. A refused one shows the app's error; {@code /app} alone shows a form
 * to paste an order string into.
 */
final class AppPayHandler implements HttpHandler {

    /** The parameter that carries the order string, url-encoded once more. */
    static final String ORDER_STRING = "orderString";

    private final GatewayHandler gateway;

    AppPayHandler(GatewayHandler gateway) {
        this.gateway = gateway;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String verb = exchange.getRequestMethod();
            if (!"/app".equals(exchange.getRequestURI().getPath())) {
                send(exchange, 404, HtmlPages.page("Not found", "<h1>No such page</h1>"));
                return;
            }
            if (!"GET".equals(verb) && !"POST".equals(verb)) {
                send(exchange, 405, HtmlPages.page("Not allowed", "<h1>Method not allowed</h1>"));
                return;
            }
            String body = Exchanges.body(exchange);
            if (body == null) {
                send(exchange, 413, HtmlPages.page("Too large", "<h1>Request entity too large</h1>"));
                return;
            }
            String orderString;
            try {
                // The order string is ASCII once url-encoded, so the outer form decodes the same in any charset.
                String raw = ("GET".equals(verb) ? FormEncoding.parse(exchange.getRequestURI().getRawQuery(),
                        StandardCharsets.UTF_8) : FormEncoding.parse(body, StandardCharsets.UTF_8)).get(ORDER_STRING);
                orderString = (raw != null) ? raw.trim() : "";
            }
            catch (IllegalArgumentException ex) {
                send(exchange, 400, HtmlPages.page("Bad request", "<h1>Bad request</h1>"));
                return;
            }
            if (orderString.isEmpty()) {
                send(exchange, 200, HtmlPages.page("Alipay sandbox app", "<p class=\"brand\">Alipay sandbox app</p>"
                        + "<form method=\"post\" action=\"/app\"><p>Paste the order string your server signed with "
                        + "<code>sdkExecute</code>:</p><textarea name=\"" + ORDER_STRING + "\" rows=\"8\" cols=\"40\">"
                        + "</textarea><p><button id=\"open\" type=\"submit\">Open</button></p></form>"));
                return;
            }
            this.gateway.serve(exchange, orderString, "", true);
        }
    }

    private static void send(HttpExchange exchange, int status, String html) throws IOException {
        Exchanges.send(exchange, status, "text/html", html, StandardCharsets.UTF_8);
    }
}
