package io.jitpay.alipay.jdbc;

/** The refund ledger's contract on embedded H2. */
class H2RefundLogStoreTest extends RefundLogStoreContractTest {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2("refund-contract");
    }
}
