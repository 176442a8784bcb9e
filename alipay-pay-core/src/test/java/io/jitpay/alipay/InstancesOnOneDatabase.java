package io.jitpay.alipay;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import io.jitpay.alipay.jdbc.TestDatabase;
import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;

/**
 * What the contract suites that run payment instances against one database share: the database (a subclass for each
 * database creates it), the sandbox of the subclass's extension, and the instances a test starts, which are closed
 * after it together with their pools and the sandbox's faults.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InstancesOnOneDatabase {

    /** The database under test, created once for the class. */
    TestDatabase database;

    /** The sandbox every instance of the class talks to. */
    AliPaySandbox sandbox;

    /** The instances the running test started: closed after it. */
    final List<PaymentFixture> fixtures = new ArrayList<>();

    /** The database under test. */
    protected abstract TestDatabase createDatabase();

    /** The subclass's sandbox extension, which it configures. */
    protected abstract AliPaySandboxExtension sandboxes();

    @BeforeAll
    final void openDatabaseAndSandbox() {
        this.database = createDatabase();
        this.sandbox = sandboxes().get();
    }

    @AfterAll
    final void closeDatabase() {
        if (this.database != null) {
            this.database.close();
        }
    }

    @AfterEach
    final void closeInstances() {
        this.fixtures.forEach(PaymentFixture::close);
        this.fixtures.clear();
        this.database.closePools();
        this.sandbox.clearFaults();
    }

    /** Closes an instance after the test. */
    PaymentFixture track(PaymentFixture fixture) {
        this.fixtures.add(fixture);
        return fixture;
    }
}
