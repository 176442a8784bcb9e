package io.jitpay.alipay.autoconfigure;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;

/**
 * Turns an unusable Alipay configuration into Spring Boot's "APPLICATION FAILED TO START" report, naming the
 * {@code jitpay.alipay.*} property and what to put there. The core's messages never contain a key, and neither does
 * this report.
 */
class AliPayConfigFailureAnalyzer extends AbstractFailureAnalyzer<PayException> {

    private static final Map<String, String> PROPERTIES = Map.ofEntries(
            Map.entry("name", "jitpay.alipay.name"),
            Map.entry("appId", "jitpay.alipay.app-id"),
            Map.entry("privateKey", "jitpay.alipay.private-key"),
            Map.entry("publicKey", "jitpay.alipay.public-key"),
            Map.entry("gatewayUrl", "jitpay.alipay.gateway-url"),
            Map.entry("notifyUrl", "jitpay.alipay.notify-url"),
            Map.entry("returnUrl", "jitpay.alipay.return-url"),
            Map.entry("quitUrl", "jitpay.alipay.quit-url"),
            Map.entry("charset", "jitpay.alipay.charset"),
            Map.entry("signType", "jitpay.alipay.sign-type"),
            Map.entry("orderTimeout", "jitpay.alipay.order-timeout"),
            Map.entry("connectTimeout", "jitpay.alipay.connect-timeout"),
            Map.entry("readTimeout", "jitpay.alipay.read-timeout"),
            Map.entry("store", "spring.datasource.url"));

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, PayException cause) {
        if (cause.code() != PayErrorCode.CONFIG_ERROR || cause.configField() == null) {
            return null;
        }
        String field = cause.configField();
        String property = PROPERTIES.getOrDefault(field, "jitpay.alipay." + field);
        String message = cause.getMessage();
        message = message.substring(message.indexOf(']') + 1).trim();
        if (message.startsWith(field)) {
            message = property + message.substring(field.length());
        }
        int fix = message.indexOf("; ");
        String description = "The Alipay payment configuration is invalid: "
                + ((fix > 0) ? message.substring(0, fix) : message) + ".";
        String action = (fix > 0) ? "Update " + property + ": " + message.substring(fix + 2) + "."
                : "Update " + property + ".";
        return new FailureAnalysis(description, action, cause);
    }
}
