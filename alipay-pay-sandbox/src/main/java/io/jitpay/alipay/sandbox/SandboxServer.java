package io.jitpay.alipay.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/** The JDK HTTP server under the sandbox: bound first (so the port is known), then serving the handlers. */
final class SandboxServer {

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and the client's
        // delayed ACK add about 40 ms to every answer. The property is read once, by the first server in the JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer http;

    private final ExecutorService threads;

    private SandboxServer(HttpServer http, ExecutorService threads) {
        this.http = http;
        this.threads = threads;
    }

    /**
     * Binds the address without serving yet.
     * @throws UncheckedIOException when the address cannot be bound
     */
    static SandboxServer bind(String host, int port) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 256);
            ExecutorService threads = Executors.newCachedThreadPool((task) -> {
                Thread thread = new Thread(task, "alipay-sandbox-http");
                thread.setDaemon(true);
                return thread;
            });
            http.setExecutor(threads);
            return new SandboxServer(http, threads);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot bind the Alipay sandbox to " + host + ":" + port, ex);
        }
    }

    /** The address it is bound to, with the port actually chosen. */
    InetSocketAddress address() {
        return this.http.getAddress();
    }

    /** Serves the gateway, the app and the cashier of a sandbox. */
    void serve(SandboxContext context) {
        GatewayHandler gateway = new GatewayHandler(context);
        this.http.createContext("/gateway.do", gateway);
        this.http.createContext("/app", new AppPayHandler(gateway));
        CashierHandler cashier = new CashierHandler(context);
        this.http.createContext("/qr/", cashier);
        this.http.createContext("/cashier/", cashier);
        this.http.createContext(BillLinks.PATH, context.billLinks());
        startAsDaemon();
    }

    /**
     * The JDK server's dispatcher thread inherits the daemon flag of the thread that starts it; started from a daemon
     * thread, a sandbox that is never closed does not keep the JVM alive.
     */
    private void startAsDaemon() {
        Thread starter = new Thread(this.http::start, "alipay-sandbox-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the Alipay sandbox", ex);
        }
    }

    void stop() {
        this.http.stop(0);
        this.threads.shutdownNow();
    }
}
