package io.jitpay.alipay.sandbox;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The extension's lifecycle, proven by running small test classes on the JUnit Platform and recording which sandbox
 * each of their tests saw.
 */
class AliPaySandboxExtensionTest {

    static final List<AliPaySandbox> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void forget() {
        seen.clear();
    }

    @Test
    void onAStaticFieldOneSandboxServesTheClassAndItsNestedClassesThenCloses() {
        TestExecutionSummary summary = run(StaticField.class);
        assertThat(summary.getTotalFailureCount()).isZero();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(3);
        assertThat(seen).hasSize(3).containsOnly(seen.get(0));
        assertThat(seen.get(0).appId()).isEqualTo("2021000000000077");
        assertThatIllegalStateException().isThrownBy(seen.get(0)::port);
    }

    @Test
    void onAnInstanceFieldEachTestGetsASandboxOfItsOwnClosedAfterIt() {
        TestExecutionSummary summary = run(InstanceField.class);
        assertThat(summary.getTotalFailureCount()).isZero();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(seen).hasSize(2).doesNotHaveDuplicates();
        assertThat(seen).allSatisfy((sandbox) -> assertThatIllegalStateException().isThrownBy(sandbox::port));
    }

    @Test
    void outsideTheTestsThereIsNoSandbox() {
        AliPaySandboxExtension extension = new AliPaySandboxExtension();
        assertThatIllegalStateException().isThrownBy(extension::get).withMessageContaining("@RegisterExtension");
        assertThatIllegalStateException().isThrownBy(extension::springProperties);
    }

    @Test
    void inCertificateModeTheSpringPropertiesHoldTheThreeCertificatesInsteadOfThePublicKey() {
        TestExecutionSummary summary = run(CertificateMode.class);
        assertThat(summary.getTotalFailureCount()).isZero();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create()
            .execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), listener);
        return listener.getSummary();
    }

    /** Not run by the build itself (a nested class); {@link #run} runs it. */
    static class StaticField {

        @RegisterExtension
        static AliPaySandboxExtension sandbox = new AliPaySandboxExtension(
                (builder) -> builder.appId("2021000000000077"));

        @Test
        void first() {
            seen.add(sandbox.get());
        }

        @Test
        void second() {
            seen.add(sandbox.get());
        }

        @Nested
        class Inner {

            @Test
            void nested() {
                assertThat(sandbox.get().port()).isPositive();
                seen.add(sandbox.get());
            }
        }
    }

    /** Not run by the build itself (a nested class); {@link #run} runs it. */
    static class CertificateMode {

        @RegisterExtension
        static AliPaySandboxExtension sandbox = new AliPaySandboxExtension(AliPaySandbox.Builder::certificateMode);

        @Test
        void springProperties() {
            SandboxCertificates certificates = sandbox.get().certificates();
            assertThat(sandbox.get().isCertificateMode()).isTrue();
            assertThat(sandbox.springProperties()).containsEntry("jitpay.alipay.app-cert", certificates.appCertPem())
                .containsEntry("jitpay.alipay.alipay-cert", certificates.alipayCertPem())
                .containsEntry("jitpay.alipay.alipay-root-cert", certificates.alipayRootCertPem())
                .doesNotContainKey("jitpay.alipay.public-key");
        }
    }

    /** Not run by the build itself (a nested class); {@link #run} runs it. */
    static class InstanceField {

        @RegisterExtension
        AliPaySandboxExtension sandbox = new AliPaySandboxExtension();

        @Test
        void first() {
            seen.add(this.sandbox.get());
        }

        @Test
        void second() {
            seen.add(this.sandbox.get());
        }
    }
}
