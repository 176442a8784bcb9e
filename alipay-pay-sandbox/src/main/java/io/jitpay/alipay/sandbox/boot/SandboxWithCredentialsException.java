package io.jitpay.alipay.sandbox.boot;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The embedded sandbox was started ({@code jitpay.sandbox.enabled=true}) although Alipay credentials are configured.
 * The message names the property sources and the properties, never their values.
 */
final class SandboxWithCredentialsException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String description;

    private final String action;

    /**
     * @param credentials the credential property names, by the name of the property source that sets them
     */
    SandboxWithCredentialsException(Map<String, List<String>> credentials) {
        this(describe(credentials), act(credentials));
    }

    private SandboxWithCredentialsException(String description, String action) {
        super(description + " " + action);
        this.description = description;
        this.action = action;
    }

    /** What is wrong, for the failure report. */
    String description() {
        return this.description;
    }

    /** What to do, for the failure report. */
    String action() {
        return this.action;
    }

    private static String describe(Map<String, List<String>> credentials) {
        String where = credentials.entrySet().stream()
            .map((entry) -> String.join(", ", entry.getValue()) + " in '" + entry.getKey() + "'")
            .collect(Collectors.joining("; "));
        return "jitpay.sandbox.enabled=true started the embedded Alipay sandbox, but Alipay credentials are configured "
                + "too (" + where + "). The sandbox's properties take precedence over them, so payments would go to "
                + "the sandbox and nothing would be charged.";
    }

    private static String act(Map<String, List<String>> credentials) {
        String sources = credentials.keySet().stream().map((name) -> "'" + name + "'")
            .collect(Collectors.joining(", "));
        return "Remove jitpay.sandbox.enabled to take payments with these credentials (never enable it in "
                + "production), or remove the credentials from " + sources + " to develop against the sandbox.";
    }
}
