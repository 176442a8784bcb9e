package io.jitpay.alipay.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;

/**
 * Turns an unusable Alipay configuration into Spring Boot's "APPLICATION FAILED TO START" report, naming the
 * {@code jitpay.alipay.*} property and what to put there. The report is built from the exception's parts (field,
 * problem, fix), never by slicing its message; the core's messages never contain a key, and neither does this report.
 */
class AliPayConfigFailureAnalyzer extends AbstractFailureAnalyzer<PayException> {

    /** The core's field names whose property is not simply the field in kebab case under the prefix. */
    private static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("refundInterval", "refund.interval"),
            Map.entry("refundQueryDelay", "refund.query-delay"),
            Map.entry("refundProcessingLimit", "refund.processing-limit"),
            Map.entry("pageQrPayMode", "page.qr-pay-mode"),
            Map.entry("pageQrcodeWidth", "page.qrcode-width"),
            Map.entry("barcodePollInterval", "barcode.poll-interval"),
            Map.entry("barcodePollTimeout", "barcode.poll-timeout"));

    private static final String APPS = "apps.";

    /** The fields a problem or fix may mention, by name: those of the keys and certificates. */
    private static final List<String> MENTIONED = List.of("privateKey", "publicKey", "appCert", "alipayCert",
            "alipayRootCert");

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, PayException cause) {
        String field = cause.configField();
        if (cause.code() != PayErrorCode.CONFIG_ERROR || field == null) {
            return null;
        }
        String property = property(field);
        String app = application(field);
        String description = "The Alipay payment configuration is invalid: " + property + " "
                + properties(cause.problem(), app) + ".";
        String fix = cause.fix();
        String action = "Update " + property + ((fix != null) ? ": " + properties(fix, app) + "." : ".");
        return new FailureAnalysis(description, action, cause);
    }

    /**
     * A problem or fix with the fields it mentions (the key and certificate fields, which name each other) written as
     * the properties of the same application; {@code alipayRootCert.crt} and the like are file names, left alone.
     */
    static String properties(String text, String app) {
        String written = text;
        for (String field : MENTIONED) {
            written = written.replaceAll("\\b" + field + "\\b(?!\\.crt)",
                    Matcher.quoteReplacement(property(app + field)));
        }
        return written;
    }

    /** {@code apps.shopB.} for a field of the entry {@code shopB}, else {@code ""}. */
    private static String application(String field) {
        if (!field.startsWith(APPS)) {
            return "";
        }
        int dot = field.indexOf('.', APPS.length());
        return (dot < 0) ? "" : field.substring(0, dot + 1);
    }

    /**
     * The property a field of the configuration comes from: {@code privateKey} is {@code jitpay.alipay.private-key},
     * {@code apps.shopA.privateKey} is {@code jitpay.alipay.apps.shopA.private-key}, {@code store} is the data source.
     */
    static String property(String field) {
        if (field.equals("store")) {
            return "spring.datasource.url";
        }
        String app = "";
        String rest = field;
        if (field.startsWith(APPS)) {
            int dot = field.indexOf('.', APPS.length());
            if (dot < 0) {
                return AliPayApps.PREFIX + "." + field;
            }
            app = field.substring(0, dot + 1);
            rest = field.substring(dot + 1);
        }
        String renamed = RENAMED.get(rest);
        return AliPayApps.PREFIX + "." + app + ((renamed != null) ? renamed : kebab(rest));
    }

    private static String kebab(String camel) {
        StringBuilder kebab = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                kebab.append('-').append(Character.toLowerCase(c));
            }
            else {
                kebab.append(c);
            }
        }
        return kebab.toString();
    }
}
