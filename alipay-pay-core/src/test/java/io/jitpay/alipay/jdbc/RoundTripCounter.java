package io.jitpay.alipay.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that writes down every call that goes to the database server: each statement executed (a batch
 * counts once), each commit and rollback, and each switch of auto-commit. What is a round trip depends on the driver:
 * PostgreSQL's sends {@code BEGIN} with the next statement, so a switch of auto-commit costs nothing there, where
 * MariaDB's sends {@code set autocommit} at once; {@link #roundTrips} counts accordingly. H2 in memory has no wire:
 * its statements and commits are counted as if it had, its switches of auto-commit are not.
 */
public final class RoundTripCounter extends DelegatingDataSource {

    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "executeBatch", "executeLargeBatch");

    private final List<String> calls = new CopyOnWriteArrayList<>();

    private final boolean autoCommitIsARoundTrip;

    /**
     * Counts the calls on a data source.
     * @param target   the data source
     * @param database the database, which decides whether switching auto-commit is a round trip
     */
    public RoundTripCounter(DataSource target, TestDatabase database) {
        super(target);
        this.autoCommitIsARoundTrip = database.platform() == DatabasePlatform.MYSQL;
    }

    @Override
    public Connection getConnection() throws java.sql.SQLException {
        return counting(super.getConnection());
    }

    /** Forgets the calls so far. */
    public void reset() {
        this.calls.clear();
    }

    /**
     * The round trips since the last {@link #reset}.
     * @return statements, commits, rollbacks and, where the driver sends them at once, auto-commit switches
     */
    public int roundTrips() {
        return (int) this.calls.stream()
            .filter((call) -> this.autoCommitIsARoundTrip || !call.startsWith("setAutoCommit"))
            .count();
    }

    /**
     * The calls since the last {@link #reset}, for a failure message.
     * @return each call, with the SQL of statements
     */
    public List<String> calls() {
        return List.copyOf(this.calls);
    }

    private Connection counting(Connection connection) {
        return proxy(Connection.class, connection, (method, args) -> {
            switch (method.getName()) {
                case "commit", "rollback" -> this.calls.add(method.getName());
                case "setAutoCommit" -> {
                    if (connection.getAutoCommit() != (Boolean) args[0]) {
                        this.calls.add("setAutoCommit(" + args[0] + ")");
                    }
                }
                default -> {
                }
            }
            Object result = method.invoke(connection, args);
            if (result instanceof Statement statement && method.getName().startsWith("prepare")) {
                String sql = String.valueOf(args[0]);
                return counting(method.getReturnType(), statement, sql);
            }
            if (result instanceof Statement statement) {
                return counting(method.getReturnType(), statement, null);
            }
            return result;
        });
    }

    private Object counting(Class<?> type, Statement statement, String preparedSql) {
        return proxy(type, statement, (method, args) -> {
            if (EXECUTIONS.contains(method.getName())) {
                String sql = (preparedSql != null) ? preparedSql : (args != null && args.length > 0) ? args[0] + "" : "";
                this.calls.add(sql.replaceAll("\\s+", " ").trim());
            }
            return method.invoke(statement, args);
        });
    }

    private static <T> T proxy(Class<T> type, Object target, Call call) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return call.invoke(method, args);
            }
            catch (InvocationTargetException ex) {
                throw ex.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(RoundTripCounter.class.getClassLoader(), new Class<?>[] { type },
                handler));
    }

    @FunctionalInterface
    private interface Call {

        Object invoke(Method method, Object[] args) throws Throwable;
    }
}
