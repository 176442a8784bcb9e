package io.jitpay.alipay;

import io.jitpay.alipay.jdbc.TestDatabase;

/** Reconciliation on MariaDB ({@code JITPAY_TEST_MARIADB_URL}). */
class MariaDbReconciliationTest extends ReconciliationContractTest {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.mariadb("jitpay_reconciliation");
    }
}
