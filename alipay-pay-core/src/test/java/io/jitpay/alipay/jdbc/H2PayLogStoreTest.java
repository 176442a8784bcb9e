package io.jitpay.alipay.jdbc;

/** The store contract on embedded H2. */
class H2PayLogStoreTest extends PayLogStoreContractTest {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2("store-contract");
    }
}
