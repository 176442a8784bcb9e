package io.jitpay.alipay.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.util.ClassUtils;

/**
 * Spring Boot's own auto-configurations, by name: their packages differ between Boot 3 and Boot 4, and this suite runs
 * on both.
 */
final class BootAutoConfigurations {

    private static final String[] JDBC = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration" };

    private BootAutoConfigurations() {
    }

    /** The DataSource and transaction auto-configurations, then ours. */
    static AutoConfigurations withJdbc() {
        List<Class<?>> classes = new ArrayList<>();
        for (String name : JDBC) {
            if (ClassUtils.isPresent(name, BootAutoConfigurations.class.getClassLoader())) {
                classes.add(ClassUtils.resolveClassName(name, BootAutoConfigurations.class.getClassLoader()));
            }
        }
        classes.add(AliPayAutoConfiguration.class);
        return AutoConfigurations.of(classes.toArray(Class<?>[]::new));
    }
}
