package io.jitpay.sample;

import java.math.BigDecimal;
import java.time.Instant;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import io.jitpay.pay.PayType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop's schema script runs at every start: it creates the table on a new database and brings one made by an
 * earlier version of the shop up to date, keeping its orders.
 */
class ShopSchemaTest {

    @Test
    void aDatabaseOfTheEarlierShopGetsThePaymentAndRefusalColumnsAndKeepsItsOrders() {
        DataSource dataSource = h2("earlier-shop");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE TABLE shop_order (id VARCHAR(64) NOT NULL PRIMARY KEY, subject VARCHAR(256) NOT NULL, "
                + "amount DECIMAL(12, 2) NOT NULL, pay_type VARCHAR(16) NOT NULL, pay_url VARCHAR(2048), "
                + "created_at TIMESTAMP NOT NULL, fulfilled_at TIMESTAMP)").update();
        jdbc.sql("INSERT INTO shop_order (id, subject, amount, pay_type, created_at) "
                + "VALUES ('D1', 'Cup of coffee', 9.90, 'PRE_PAY', CURRENT_TIMESTAMP)").update();

        runSchema(dataSource);
        runSchema(dataSource);

        ShopOrders orders = new ShopOrders(jdbc);
        ShopOrder earlier = orders.find("D1").orElseThrow();
        assertThat(earlier.payment()).isEqualTo("pays.aliPayment");
        assertThat(earlier.refusal()).isNull();
        orders.insert(ShopOrder.placed("D2", "pays.shopB", "Green tea", new BigDecimal("5.50"), PayType.BARCODE_PAY,
                Instant.now()));
        orders.refusal("D2", "Refused.");
        assertThat(orders.find("D2").orElseThrow()).satisfies((order) -> {
            assertThat(order.payment()).isEqualTo("pays.shopB");
            assertThat(order.refusal()).isEqualTo("Refused.");
        });
    }

    @Test
    void aNewDatabaseGetsTheTableOnce() {
        DataSource dataSource = h2("new-shop");
        runSchema(dataSource);
        runSchema(dataSource);
        ShopOrders orders = new ShopOrders(JdbcClient.create(dataSource));
        orders.insert(ShopOrder.placed("D3", "pays.aliPayment", "Teapot", new BigDecimal("10.00"), PayType.PAGE_PAY,
                Instant.now()));
        assertThat(orders.find("D3")).get().extracting(ShopOrder::payType).isEqualTo(PayType.PAGE_PAY);
    }

    private static DataSource h2(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    private static void runSchema(DataSource dataSource) {
        new ResourceDatabasePopulator(new ClassPathResource("schema.sql")).execute(dataSource);
    }
}
