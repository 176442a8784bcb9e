package io.jitpay.alipay;

import io.jitpay.alipay.jdbc.TestDatabase;

/** Reconciliation on embedded H2. */
class H2ReconciliationTest extends ReconciliationContractTest {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2("reconciliation");
    }
}
