package io.jitpay.alipay;

import io.jitpay.alipay.jdbc.TestDatabase;

/** Reliability on embedded H2. */
class H2ReliabilityTest extends ReliabilityContractTest {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2("reliability");
    }
}
