package io.jitpay.alipay.jdbc;

/** The store contract on PostgreSQL ({@code JITPAY_TEST_POSTGRES_URL}). */
class PostgreSqlPayLogStoreTest extends PayLogStoreContractTest {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres("jitpay_store_contract");
    }
}
