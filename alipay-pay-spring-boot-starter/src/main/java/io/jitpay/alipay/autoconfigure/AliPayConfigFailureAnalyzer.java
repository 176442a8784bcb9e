package io.jitpay.alipay.autoconfigure;

import java.util.Map;

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

    private static final Map<String, String> PROPERTIES = Map.ofEntries(
            Map.entry("name", "jitpay.alipay.name"),
            Map.entry("appId", "jitpay.alipay.app-id"),
            Map.entry("privateKey", "jitpay.alipay.private-key"),
            Map.entry("publicKey", "jitpay.alipay.public-key"),
            Map.entry("gatewayUrl", "jitpay.alipay.gateway-url"),
            Map.entry("notifyUrl", "jitpay.alipay.notify-url"),
            Map.entry("returnUrl", "jitpay.alipay.return-url"),
            Map.entry("quitUrl", "jitpay.alipay.quit-url"),
            Map.entry("sellerId", "jitpay.alipay.seller-id"),
            Map.entry("charset", "jitpay.alipay.charset"),
            Map.entry("orderTimeout", "jitpay.alipay.order-timeout"),
            Map.entry("connectTimeout", "jitpay.alipay.connect-timeout"),
            Map.entry("readTimeout", "jitpay.alipay.read-timeout"),
            Map.entry("store", "spring.datasource.url"));

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, PayException cause) {
        String field = cause.configField();
        if (cause.code() != PayErrorCode.CONFIG_ERROR || field == null) {
            return null;
        }
        String property = PROPERTIES.getOrDefault(field, "jitpay.alipay." + field);
        String description = "The Alipay payment configuration is invalid: " + property + " " + cause.problem() + ".";
        String action = "Update " + property + ((cause.fix() != null) ? ": " + cause.fix() + "." : ".");
        return new FailureAnalysis(description, action, cause);
    }
}
