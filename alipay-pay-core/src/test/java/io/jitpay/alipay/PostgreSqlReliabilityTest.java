package io.jitpay.alipay;

import io.jitpay.alipay.jdbc.TestDatabase;

/** Reliability on PostgreSQL ({@code JITPAY_TEST_POSTGRES_URL}). */
class PostgreSqlReliabilityTest extends ReliabilityContractTest {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres("jitpay_reliability");
    }
}
