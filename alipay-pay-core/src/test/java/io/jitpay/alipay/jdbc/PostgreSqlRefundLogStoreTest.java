package io.jitpay.alipay.jdbc;

/** The refund ledger's contract on PostgreSQL ({@code JITPAY_TEST_POSTGRES_URL}). */
class PostgreSqlRefundLogStoreTest extends RefundLogStoreContractTest {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres("jitpay_refund_contract");
    }
}
