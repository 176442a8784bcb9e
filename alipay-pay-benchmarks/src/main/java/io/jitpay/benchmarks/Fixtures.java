package io.jitpay.benchmarks;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import io.jitpay.alipay.AliPayConfig;
import io.jitpay.alipay.jdbc.JdbcPayLogStore;
import io.jitpay.alipay.jdbc.JdbcStoreSchema;
import io.jitpay.alipay.sandbox.TestRsaKeys;

/** What the benchmarks share: keys, databases, orders and signed notifications. */
public final class Fixtures {

    public static final String APP_ID = "2021000000000001";

    public static final String SELLER_ID = "2088000000000001";

    public static final KeyPair APP = TestRsaKeys.generate();

    public static final KeyPair ALIPAY = TestRsaKeys.generate();

    private Fixtures() {
    }

    public static AliPayConfig config(String gatewayUrl) {
        return config(gatewayUrl, APP, ALIPAY);
    }

    public static AliPayConfig config(String gatewayUrl, KeyPair app, KeyPair alipay) {
        return AliPayConfig.builder()
            .appId(APP_ID)
            .privateKey(base64(app.getPrivate().getEncoded()))
            .publicKey(base64(alipay.getPublic().getEncoded()))
            .gatewayUrl(gatewayUrl)
            .sellerId(SELLER_ID)
            .build();
    }

    public static HikariDataSource h2(String name) {
        return pool("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", 8);
    }

    /** A schema of its own on the PostgreSQL of {@code JITPAY_BENCH_POSTGRES_URL} (default the local test database). */
    public static HikariDataSource postgres(String schema) {
        String url = System.getenv().getOrDefault("JITPAY_BENCH_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getenv().getOrDefault("JITPAY_BENCH_POSTGRES_USER", "postgres");
        try (HikariDataSource admin = pool(url, user, "", 1)) {
            new JdbcTemplate(admin).execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            new JdbcTemplate(admin).execute("CREATE SCHEMA " + schema);
        }
        return pool(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, "", 16);
    }

    /**
     * The database of a benchmark's {@code db} parameter: {@code h2} (in memory) or {@code postgres} (a schema of its
     * own, see {@link #postgres}).
     * @param db   {@code h2} or {@code postgres}
     * @param name the in-memory database's or the schema's name, a plain identifier
     * @return a pool on it
     */
    public static HikariDataSource database(String db, String name) {
        return switch (db) {
            case "h2" -> h2(name);
            case "postgres" -> postgres(name);
            default -> throw new IllegalArgumentException("db is h2 or postgres, not " + db);
        };
    }

    public static HikariDataSource pool(String url, String user, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    public static JdbcPayLogStore store(DataSource dataSource) {
        new JdbcStoreSchema(dataSource).initialize();
        return new JdbcPayLogStore(dataSource);
    }

    /** Inserts waiting orders {@code prefix0 .. prefix(count-1)} of 9.90 yuan, created at the given time. */
    public static List<String> orders(DataSource dataSource, String prefix, int count, Instant createdAt) {
        return orders(dataSource, prefix, 0, count, createdAt);
    }

    /** Inserts waiting orders {@code prefix<from> .. prefix<to-1>} of 9.90 yuan, created at the given time. */
    public static List<String> orders(DataSource dataSource, String prefix, int from, int to, Instant createdAt) {
        List<String> ids = IntStream.range(from, to).mapToObj((i) -> prefix + i).toList();
        java.sql.Timestamp at = java.sql.Timestamp.valueOf(java.time.LocalDateTime.ofInstant(createdAt,
                java.time.ZoneOffset.UTC));
        java.sql.Timestamp expires = java.sql.Timestamp.valueOf(java.time.LocalDateTime.ofInstant(
                createdAt.plus(java.time.Duration.ofMinutes(30)), java.time.ZoneOffset.UTC));
        List<Object[]> rows = new ArrayList<>(ids.size());
        for (String id : ids) {
            rows.add(new Object[] { id, at, expires, at, expires });
        }
        new JdbcTemplate(dataSource).batchUpdate("INSERT INTO jitpay_pay_log (order_id, full_name, subject, amount, "
                + "status, created_at, expires_at, updated_at, next_check_at) "
                + "VALUES (?, 'pays.aliPayment', 'Coffee', 9.90, 'wait', ?, ?, ?, ?)", rows);
        return ids;
    }

    /** Real-shaped TRADE_SUCCESS notifications for the orders, signed with the "Alipay" key, on all cores. */
    public static List<Map<String, String>> notifications(List<String> orderIds, PrivateKey alipayKey) {
        return orderIds.parallelStream().map((id) -> notification(id, alipayKey)).toList();
    }

    public static Map<String, String> notification(String orderId, PrivateKey alipayKey) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("gmt_create", "2026-11-26 10:00:00");
        params.put("charset", "utf-8");
        params.put("seller_email", "merchant@example.com");
        params.put("subject", "Coffee");
        params.put("buyer_id", "2088102534368455");
        params.put("invoice_amount", "9.90");
        params.put("notify_id", "2026112600222100000" + Math.abs(orderId.hashCode()));
        params.put("fund_bill_list", "[{\"amount\":\"9.90\",\"fundChannel\":\"ALIPAYACCOUNT\"}]");
        params.put("notify_type", "trade_status_sync");
        params.put("trade_status", "TRADE_SUCCESS");
        params.put("receipt_amount", "9.90");
        params.put("app_id", APP_ID);
        params.put("buyer_pay_amount", "9.90");
        params.put("seller_id", SELLER_ID);
        params.put("gmt_payment", "2026-11-26 10:00:05");
        params.put("notify_time", "2026-11-26 10:00:06");
        params.put("version", "1.0");
        params.put("out_trade_no", orderId);
        params.put("total_amount", "9.90");
        params.put("trade_no", "20261126220014" + String.format("%014d", Math.abs((long) orderId.hashCode())));
        params.put("auth_app_id", APP_ID);
        params.put("buyer_logon_id", "xud***@126.com");
        params.put("point_amount", "0.00");
        params.put("sign", sign(content(params), alipayKey));
        params.put("sign_type", "RSA2");
        return params;
    }

    /** The V1 signed text: every non-empty parameter but sign and sign_type, sorted, as k=v&amp;... */
    public static String content(Map<String, String> params) {
        StringBuilder content = new StringBuilder(1024);
        for (Map.Entry<String, String> param : new TreeMap<>(params).entrySet()) {
            String name = param.getKey();
            if (!name.equals("sign") && !name.equals("sign_type") && param.getValue() != null
                    && !param.getValue().isEmpty()) {
                content.append((content.length() > 0) ? "&" : "").append(name).append('=').append(param.getValue());
            }
        }
        return content.toString();
    }

    public static boolean verify(Map<String, String> params, PublicKey key) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update(content(params).getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(params.get("sign")));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static String sign(String content, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return base64(signature.sign());
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static BigDecimal amount() {
        return new BigDecimal("9.90");
    }

    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

}
