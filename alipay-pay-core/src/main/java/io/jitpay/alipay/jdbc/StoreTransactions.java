package io.jitpay.alipay.jdbc;

import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The store's own transactions, on a transaction manager of its own data source: never the application's, which may
 * manage another data source and silently not cover this one, and never a caller's transaction in progress, whose old
 * snapshot would make a re-read loop spin (MySQL's default REPEATABLE READ keeps returning the status read first).
 * Listeners still join: they run on the connection this bound to the data source for the change.
 */
final class StoreTransactions {

    private final DataSource dataSource;

    private final TransactionTemplate own;

    private final TransactionTemplate outside;

    StoreTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
        DataSourceTransactionManager manager = new DataSourceTransactionManager(dataSource);
        this.own = new TransactionTemplate(manager);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.outside = new TransactionTemplate(manager);
        this.outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    /** Runs work in a new transaction of its own, suspending the caller's. */
    <T> T inOwnTransaction(Supplier<T> work) {
        return this.own.execute((status) -> work.get());
    }

    /** Runs one statement on a connection of its own, outside any transaction of the caller. */
    <T> T outsideCallerTransaction(Supplier<T> work) {
        if (TransactionSynchronizationManager.getResource(this.dataSource) == null) {
            return work.get();
        }
        return this.outside.execute((status) -> work.get());
    }
}
