package io.jitpay.alipay.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/** A merchant's notification endpoint in tests: keeps every notification it gets and acknowledges it. */
final class TestMerchant implements AutoCloseable {

    private final HttpServer server;

    private final List<Map<String, String>> notifications = new CopyOnWriteArrayList<>();

    TestMerchant() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        this.server.createContext("/notify", (exchange) -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
                this.notifications.add(FormEncoding.parse(body, StandardCharsets.UTF_8));
                byte[] answer = "success".getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        });
        this.server.start();
    }

    String notifyUrl() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/notify";
    }

    /** The notifications of an order received so far, oldest first. */
    List<Map<String, String>> notifications(String orderId) {
        return this.notifications.stream().filter((n) -> orderId.equals(n.get("out_trade_no"))).toList();
    }

    @Override
    public void close() {
        this.server.stop(0);
    }
}
