package io.jitpay.alipay;

import io.jitpay.alipay.jdbc.TestDatabase;

/** Reconciliation on PostgreSQL ({@code JITPAY_TEST_POSTGRES_URL}). */
class PostgreSqlReconciliationTest extends ReconciliationContractTest {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres("jitpay_reconciliation");
    }
}
