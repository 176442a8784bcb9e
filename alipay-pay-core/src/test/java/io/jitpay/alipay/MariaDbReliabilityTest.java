package io.jitpay.alipay;

import io.jitpay.alipay.jdbc.TestDatabase;

/** Reliability on MariaDB ({@code JITPAY_TEST_MARIADB_URL}). */
class MariaDbReliabilityTest extends ReliabilityContractTest {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.mariadb("jitpay_reliability");
    }
}
