package io.jitpay.alipay.autoconfigure;

import org.springframework.test.context.TestPropertySource;

/** Two Alipay applications on one embedded H2 database. */
@TestPropertySource(properties = "spring.datasource.generate-unique-name=true")
class SeveralAppsOnH2Tests extends SeveralAppsEndpointTests {
}
