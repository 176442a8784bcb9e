package io.jitpay.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.jitpay.benchmarks.Fixtures;
import io.jitpay.alipay.NotifyForm;

/**
 * The target of the notification load test: the starter's endpoint at {@code /jitpay/alipay/notify} and, beside it, a
 * minimal hand-written servlet at {@code /baseline/notify} (signature check plus one UPDATE). At start it stores
 * {@code bench.orders} waiting orders and writes one signed notification body per order to {@code bench.bodies};
 * {@code POST /bench/reset} makes every order wait again.
 */
@SpringBootApplication
public class NotifyLoadApp {

    public static void main(String[] args) {
        String[] keys = { "--jitpay.alipay.app-id=" + Fixtures.APP_ID,
            "--jitpay.alipay.private-key=" + Fixtures.base64(Fixtures.APP.getPrivate().getEncoded()),
            "--jitpay.alipay.public-key=" + Fixtures.base64(Fixtures.ALIPAY.getPublic().getEncoded()),
            "--jitpay.alipay.seller-id=" + Fixtures.SELLER_ID, "--jitpay.alipay.notify.enabled=true",
            "--jitpay.alipay.sweeper.enabled=false", "--jitpay.alipay.store.initialize-schema=always",
            "--jitpay.alipay.gateway-url=http://127.0.0.1:9/gateway.do", "--spring.main.banner-mode=off" };
        String[] all = new String[keys.length + args.length];
        System.arraycopy(keys, 0, all, 0, keys.length);
        System.arraycopy(args, 0, all, keys.length, args.length);
        SpringApplication.run(NotifyLoadApp.class, all);
    }

    @Bean
    ApplicationRunner prepare(DataSource dataSource, Environment environment) {
        return (args) -> {
            int count = environment.getProperty("bench.orders", Integer.class, 60_000);
            Path bodies = Paths.get(environment.getProperty("bench.bodies", "target/load/bodies.txt"));
            JdbcClient.create(dataSource).sql("DELETE FROM jitpay_pay_log").update();
            List<String> ids = Fixtures.orders(dataSource, "L", count, Instant.now());
            List<Map<String, String>> notifications = Fixtures.notifications(ids, Fixtures.ALIPAY.getPrivate());
            Files.createDirectories(bodies.toAbsolutePath().getParent());
            Files.write(bodies, notifications.stream().map(NotifyForm::encode).toList());
            System.out.println("READY " + count + " orders, bodies in " + bodies.toAbsolutePath());
        };
    }

    @Bean
    ServletRegistrationBean<BaselineNotifyServlet> baselineNotifyServlet(DataSource dataSource) {
        return new ServletRegistrationBean<>(new BaselineNotifyServlet(dataSource, Fixtures.ALIPAY.getPublic()),
                "/baseline/notify");
    }


    /** Makes every order wait again between runs, and counts what a run paid. */
    @RestController
    static class Reset {

        private final JdbcClient jdbc;

        Reset(DataSource dataSource) {
            this.jdbc = JdbcClient.create(dataSource);
        }

        @PostMapping("/bench/reset")
        String reset() {
            this.jdbc.sql("UPDATE jitpay_pay_log SET status = 'wait', trade_no = NULL, paid_at = NULL "
                    + "WHERE status <> 'wait'").update();
            this.jdbc.sql("DELETE FROM jitpay_alipay_log").update();
            this.jdbc.sql("DELETE FROM jitpay_notify_log").update();
            return "reset";
        }

        /** How many orders the last run paid: each request of a run must have paid one. */
        @GetMapping("/bench/paid")
        String paid() {
            return String.valueOf(this.jdbc.sql("SELECT COUNT(*) FROM jitpay_pay_log WHERE status = 'success'")
                .query(Long.class)
                .single());
        }
    }

}
