package io.jitpay.alipay.jdbc;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on embedded H2. */
class H2PayLogStoreTest extends PayLogStoreContractTest {

    private static JdbcConnectionPool pool;

    @BeforeAll
    static void startDatabase() {
        pool = JdbcConnectionPool.create("jdbc:h2:mem:store-contract;DB_CLOSE_DELAY=-1", "sa", "");
        pool.setMaxConnections(32);
    }

    @AfterAll
    static void stopDatabase() {
        pool.dispose();
    }

    @Override
    protected DataSource dataSource() {
        return pool;
    }

    @Override
    protected DatabasePlatform expectedPlatform() {
        return DatabasePlatform.H2;
    }
}
