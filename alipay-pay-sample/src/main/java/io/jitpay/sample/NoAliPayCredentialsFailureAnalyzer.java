package io.jitpay.sample;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns {@link NoAliPayCredentialsException} into Spring Boot's "APPLICATION FAILED TO START" report: which credentials
 * to set for real payments, or how to run offline with the dev profile.
 */
class NoAliPayCredentialsFailureAnalyzer extends AbstractFailureAnalyzer<NoAliPayCredentialsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoAliPayCredentialsException cause) {
        return new FailureAnalysis(cause.description(), cause.action(), cause);
    }
}
