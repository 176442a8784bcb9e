package io.jitpay.alipay;

import io.jitpay.alipay.jdbc.TestDatabase;

/** Refunds on MariaDB ({@code JITPAY_TEST_MARIADB_URL}). */
class MariaDbRefundTest extends RefundContractTest {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.mariadb("jitpay_refunds");
    }
}
