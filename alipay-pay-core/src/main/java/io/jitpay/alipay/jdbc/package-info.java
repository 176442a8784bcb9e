/**
 * The JDBC order store: {@link io.jitpay.alipay.jdbc.JdbcPayLogStore} on Spring's {@code JdbcClient}, with schema
 * scripts for H2, PostgreSQL and MySQL/MariaDB in this package.
 */
@NullMarked
package io.jitpay.alipay.jdbc;

import org.jspecify.annotations.NullMarked;
