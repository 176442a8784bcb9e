package io.jitpay.alipay;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import com.sun.net.httpserver.HttpServer;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jspecify.annotations.Nullable;

import io.jitpay.alipay.jdbc.JdbcNotifyJournal;
import io.jitpay.alipay.jdbc.JdbcPayLogStore;
import io.jitpay.alipay.jdbc.JdbcReconciliationStore;
import io.jitpay.alipay.jdbc.JdbcRefundLogStore;
import io.jitpay.alipay.jdbc.JdbcStoreSchema;
import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.pay.NotifyResult;
import io.jitpay.pay.PayStatusChangedEvent;
import io.jitpay.pay.PayStatusListener;
import io.jitpay.pay.RefundStatusChangedEvent;

/**
 * A payment instance wired as in production, against the embedded sandbox over HTTP: the real SDK adapter, a fresh
 * in-memory H2 store, and a small HTTP endpoint that takes the sandbox's notifications and hands them to
 * {@link AliPayment#notify}.
 */
final class PaymentFixture implements AutoCloseable {

    private static final AtomicInteger databases = new AtomicInteger();

    final AliPaySandbox sandbox;

    final DataSource dataSource;

    private final Runnable closeDataSource;

    final JdbcPayLogStore store;

    final JdbcNotifyJournal journal;

    final List<PayStatusChangedEvent> events = new CopyOnWriteArrayList<>();

    final List<NotifyResult> notifyResults = new CopyOnWriteArrayList<>();

    final List<RefundStatusChangedEvent> refundEvents = new CopyOnWriteArrayList<>();

    final HttpServer notifyEndpoint;

    final AliPayment payment;

    /** A listener that a test may set, called before the recording one; throwing from it rolls a transition back. */
    volatile PayStatusListener extraListener = (event) -> {
    };

    private PaymentFixture(AliPaySandbox sandbox, @Nullable DataSource dataSource,
            UnaryOperator<AliPayConfig.Builder> config, Clock clock) throws IOException {
        this.sandbox = sandbox;
        if (dataSource != null) {
            this.dataSource = dataSource;
            this.closeDataSource = () -> {
            };
        }
        else {
            JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:pay" + databases.incrementAndGet()
                    + ";DB_CLOSE_DELAY=-1", "sa", "");
            pool.setMaxConnections(64);
            this.dataSource = pool;
            this.closeDataSource = pool::dispose;
        }
        new JdbcStoreSchema(this.dataSource).initialize();
        this.store = new JdbcPayLogStore(this.dataSource);
        this.journal = new JdbcNotifyJournal(this.dataSource);
        this.notifyEndpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        this.notifyEndpoint.createContext("/notify", (exchange) -> {
            try (exchange) {
                NotifyResult result = payment().notify(NotifyRequest.of(
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestBody().readNBytes(NotifyForm.MAX_BYTES + 1),
                        exchange.getRemoteAddress().getAddress().getHostAddress()));
                this.notifyResults.add(result);
                byte[] answer = result.body().getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(result.httpStatus(), answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        });
        this.notifyEndpoint.setExecutor(Executors.newCachedThreadPool());
        this.notifyEndpoint.start();
        AliPayConfig.Builder builder = AliPayConfig.builder()
            .appId(sandbox.appId())
            .privateKey(sandbox.appPrivateKey())
            .publicKey(sandbox.alipayPublicKey())
            .gatewayUrl(sandbox.gatewayUrl())
            .notifyUrl(notifyUrl())
            .returnUrl("http://127.0.0.1:8080/return")
            .sellerId(sandbox.sellerId())
            .readTimeout(Duration.ofSeconds(2));
        this.payment = AliPayment.builder(config.apply(builder).build(), this.store)
            .journal(this.journal)
            .refundStore(new JdbcRefundLogStore(this.dataSource))
            .reconciliationStore(new JdbcReconciliationStore(this.dataSource))
            .refundListener(this.refundEvents::add)
            .clock(clock)
            .listener((event) -> this.extraListener.onPayStatusChanged(event))
            .listener(this.events::add)
            .build();
    }

    private AliPayment payment() {
        return this.payment;
    }

    static PaymentFixture start(AliPaySandbox sandbox) throws IOException {
        return new PaymentFixture(sandbox, null, UnaryOperator.identity(), Clock.systemUTC());
    }

    static PaymentFixture start(AliPaySandbox sandbox, UnaryOperator<AliPayConfig.Builder> config)
            throws IOException {
        return new PaymentFixture(sandbox, null, config, Clock.systemUTC());
    }

    /** A payment instance on a given database (its own pool, as a separate application instance would have). */
    static PaymentFixture start(AliPaySandbox sandbox, DataSource dataSource, UnaryOperator<AliPayConfig.Builder> config,
            Clock clock) throws IOException {
        return new PaymentFixture(sandbox, dataSource, config, clock);
    }

    String notifyUrl() {
        return "http://127.0.0.1:" + this.notifyEndpoint.getAddress().getPort() + "/notify";
    }

    /** A snapshot of every stored row, to prove that a refused operation changed nothing. */
    List<Object> snapshot() {
        return List.of(table("jitpay_pay_log"), table("jitpay_alipay_log"), table("jitpay_refund_log"));
    }

    /** As {@link #snapshot()}, without the sweeper's schedule, which a failed sweep moves. */
    List<Object> snapshotWithoutClaims() {
        List<Map<String, Object>> orders = table("jitpay_pay_log");
        orders.forEach((row) -> row.keySet().removeIf((column) -> column.equalsIgnoreCase("next_check_at")));
        return List.of(orders, table("jitpay_alipay_log"));
    }

    /** A table's rows in the order of its primary key, so that two snapshots of the same rows are equal. */
    private List<Map<String, Object>> table(String name) {
        String key = name.equals("jitpay_refund_log") ? "refund_id" : "order_id";
        return org.springframework.jdbc.core.simple.JdbcClient.create(this.dataSource)
            .sql("SELECT * FROM " + name + " ORDER BY " + key).query().listOfRows();
    }

    int rows(String table) {
        try (var connection = this.dataSource.getConnection();
                var statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
        catch (java.sql.SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() {
        this.notifyEndpoint.stop(0);
        this.closeDataSource.run();
    }

    /** A signed notification's parameters without its signature, to change and sign again. */
    static Map<String, String> unsigned(Map<String, String> signed) {
        Map<String, String> params = new java.util.LinkedHashMap<>(signed);
        params.remove("sign");
        params.remove("sign_type");
        return params;
    }
}
