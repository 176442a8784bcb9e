package io.jitpay.alipay.jdbc;

/** The store contract on MariaDB ({@code JITPAY_TEST_MARIADB_URL}). */
class MariaDbPayLogStoreTest extends PayLogStoreContractTest {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.mariadb("jitpay_store_contract");
    }
}
