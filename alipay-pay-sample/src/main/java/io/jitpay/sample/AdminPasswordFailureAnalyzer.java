package io.jitpay.sample;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns {@link AdminPasswordException} into Spring Boot's "APPLICATION FAILED TO START" report: what is wrong with
 * {@code shop.admin.*}, and how to make a bcrypt hash.
 */
class AdminPasswordFailureAnalyzer extends AbstractFailureAnalyzer<AdminPasswordException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AdminPasswordException cause) {
        return new FailureAnalysis(cause.description(), cause.action(), cause);
    }
}
