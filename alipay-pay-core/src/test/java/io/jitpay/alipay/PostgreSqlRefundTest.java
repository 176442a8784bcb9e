package io.jitpay.alipay;

import io.jitpay.alipay.jdbc.TestDatabase;

/** Refunds on PostgreSQL ({@code JITPAY_TEST_POSTGRES_URL}). */
class PostgreSqlRefundTest extends RefundContractTest {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres("jitpay_refunds");
    }
}
