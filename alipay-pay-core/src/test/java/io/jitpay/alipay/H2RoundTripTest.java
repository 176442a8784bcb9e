package io.jitpay.alipay;

import io.jitpay.alipay.jdbc.TestDatabase;

/** Round trips of a notification on H2. */
class H2RoundTripTest extends RoundTripContractTest {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2("jitpay_round_trips");
    }

    @Override
    protected int firstDeliveryRoundTrips() {
        return 4;
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
