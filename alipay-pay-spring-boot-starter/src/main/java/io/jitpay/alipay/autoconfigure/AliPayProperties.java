package io.jitpay.alipay.autoconfigure;

import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * Configuration of the Alipay payment instances ({@code jitpay.alipay.*}): the top-level instance's application
 * properties, what all instances share (the notification endpoint, the store, the sweeper, the journal), and further
 * applications under {@code apps}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("jitpay.alipay")
public class AliPayProperties extends AliPayAppProperties {

    /**
     * Name of the top-level payment instance: its bean name, and with "pays." in front its full name.
     */
    private String name = "aliPayment";

    private final Notify notify = new Notify();

    private final Store store = new Store();

    private final Sweeper sweeper = new Sweeper();

    private final Journal journal = new Journal();

    private final Health health = new Health();

    private final Reconciliation reconciliation = new Reconciliation();

    /**
     * Further Alipay applications, by name: each makes an AliPayment bean of that name (full name "pays.<name>")
     * and takes every per-application property of jitpay.alipay.* (app id, keys, gateway, URLs, seller, charset,
     * timeouts, refund, page and barcode settings); an unset one falls back to the top-level value.
     */
    private final Map<String, AliPayAppProperties> apps = new LinkedHashMap<>();

    public String getName() {
        return this.name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Notify getNotify() {
        return this.notify;
    }

    public Store getStore() {
        return this.store;
    }

    public Sweeper getSweeper() {
        return this.sweeper;
    }

    public Journal getJournal() {
        return this.journal;
    }

    public Health getHealth() {
        return this.health;
    }

    public Map<String, AliPayAppProperties> getApps() {
        return this.apps;
    }

    public Reconciliation getReconciliation() {
        return this.reconciliation;
    }

    /** The endpoint that receives Alipay's asynchronous notifications. */
    public static class Notify {

        /**
         * Whether to serve the notification endpoint (servlet web applications with Spring MVC).
         */
        private boolean enabled;

        /**
         * Path of the notification endpoint. It accepts only POST.
         */
        private String path = "/jitpay/alipay/notify";

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return this.path;
        }

        public void setPath(String path) {
            this.path = path;
        }
    }

    /** The JDBC order store. */
    public static class Store {

        /**
         * When to create the order tables at start-up: "embedded" databases only, "always" or "never". The scripts
         * are idempotent.
         */
        private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

        public DatabaseInitializationMode getInitializeSchema() {
            return this.initializeSchema;
        }

        public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
            this.initializeSchema = initializeSchema;
        }
    }

    /** The journal of received notifications (table jitpay_notify_log). */
    public static class Journal {

        /**
         * How long received notifications are kept in the journal for audit and replay.
         */
        private Duration retention = Duration.ofDays(30);

        /**
         * Time between two purges of notifications older than the retention. The purge runs whether or not the
         * sweeper does.
         */
        private Duration purgeInterval = Duration.ofHours(1);

        public Duration getRetention() {
            return this.retention;
        }

        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        public Duration getPurgeInterval() {
            return this.purgeInterval;
        }

        public void setPurgeInterval(Duration purgeInterval) {
            this.purgeInterval = purgeInterval;
        }
    }

    /** The sweeper that settles orders past their deadline. */
    public static class Sweeper {

        /**
         * Whether to sweep orders past their deadline (ask Alipay, record the paid ones, close the rest and mark them
         * timeout) and to confirm processing refunds. Safe with many application instances.
         */
        private boolean enabled = true;

        /**
         * Time between two sweeps.
         */
        private Duration interval = Duration.ofMinutes(1);

        /**
         * Most orders handled in one batch; a sweep runs batches until no due order is left.
         */
        private int batchSize = 100;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return this.interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public int getBatchSize() {
            return this.batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }
    }

    /** The "alipay" health contributor, with Spring Boot Actuator. */
    public static class Health {

        /**
         * Whether the health check also probes the Alipay gateway (a query of an order that cannot exist, whose signed
         * "no such trade" answer proves the gateway and the keys work). At most one probe a minute per instance.
         */
        private boolean gateway;

        public boolean isGateway() {
            return this.gateway;
        }

        public void setGateway(boolean gateway) {
            this.gateway = gateway;
        }
    }

    /** The daily reconciliation of every payment instance against Alipay's trade bill. */
    public static class Reconciliation {

        /**
         * Whether to reconcile the previous day (Beijing time) of every payment instance against Alipay's trade bill
         * once a day, logging each report and publishing it as a ReconciliationCompletedEvent.
         */
        private boolean enabled;

        /**
         * When to reconcile: a cron expression of six fields (second, minute, hour, day of month, month, day of
         * week) in the reconciliation's time zone. Alipay has a day's bill by about 09:00 Beijing time the next day.
         */
        private String cron = "0 0 10 * * *";

        /**
         * Time zone of the cron expression. The day reconciled is always the previous day in Beijing time, the day
         * of Alipay's bills.
         */
        private ZoneId zone = ZoneId.of("Asia/Shanghai");

        /**
         * Time between two attempts at a day that could not be reconciled (its bill not ready yet, or Alipay out of
         * reach); attempts stop at the next scheduled run.
         */
        private Duration retryInterval = Duration.ofMinutes(30);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getCron() {
            return this.cron;
        }

        public void setCron(String cron) {
            this.cron = cron;
        }

        public ZoneId getZone() {
            return this.zone;
        }

        public void setZone(ZoneId zone) {
            this.zone = zone;
        }

        public Duration getRetryInterval() {
            return this.retryInterval;
        }

        public void setRetryInterval(Duration retryInterval) {
            this.retryInterval = retryInterval;
        }
    }
}
