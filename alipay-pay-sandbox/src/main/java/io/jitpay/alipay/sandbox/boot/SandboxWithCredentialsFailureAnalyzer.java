package io.jitpay.alipay.sandbox.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns {@link SandboxWithCredentialsException} into Spring Boot's "APPLICATION FAILED TO START" report: which
 * property source holds credentials beside {@code jitpay.sandbox.enabled}, and which of the two to remove.
 */
class SandboxWithCredentialsFailureAnalyzer extends AbstractFailureAnalyzer<SandboxWithCredentialsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SandboxWithCredentialsException cause) {
        return new FailureAnalysis(cause.description(), cause.action(), cause);
    }
}
