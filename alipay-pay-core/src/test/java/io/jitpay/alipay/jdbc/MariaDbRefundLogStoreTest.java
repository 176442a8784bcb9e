package io.jitpay.alipay.jdbc;

/** The refund ledger's contract on MariaDB ({@code JITPAY_TEST_MARIADB_URL}). */
class MariaDbRefundLogStoreTest extends RefundLogStoreContractTest {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.mariadb("jitpay_refund_contract");
    }
}
