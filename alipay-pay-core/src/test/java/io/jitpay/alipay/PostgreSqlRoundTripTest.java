package io.jitpay.alipay;

import io.jitpay.alipay.jdbc.TestDatabase;

/** Round trips of a notification on PostgreSql. */
class PostgreSqlRoundTripTest extends RoundTripContractTest {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres("jitpay_round_trips");
    }

    @Override
    protected int firstDeliveryRoundTrips() {
        return 2;
    }

    @Override
    protected int duplicateRoundTrips() {
        return 1;
    }

    @Override
    protected int duplicateElsewhereRoundTrips() {
        return 4;
    }
}
