package io.jitpay.alipay;

import io.jitpay.alipay.jdbc.TestDatabase;

/** Refunds on embedded H2. */
class H2RefundTest extends RefundContractTest {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2("refunds");
    }
}
