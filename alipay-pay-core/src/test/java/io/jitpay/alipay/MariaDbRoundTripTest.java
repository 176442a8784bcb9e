package io.jitpay.alipay;

import io.jitpay.alipay.jdbc.TestDatabase;

/** Round trips of a notification on MariaDb. */
class MariaDbRoundTripTest extends RoundTripContractTest {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.mariadb("jitpay_round_trips");
    }

    @Override
    protected int firstDeliveryRoundTrips() {
        return 7;
    }

    @Override
    protected int duplicateRoundTrips() {
        return 1;
    }

    @Override
    protected int duplicateElsewhereRoundTrips() {
        return 6;
    }
}
