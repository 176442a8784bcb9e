package io.jitpay.alipay.sandbox;

import java.nio.charset.Charset;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A verified gateway call, as a trade API sees it.
 *
 * @param method  for example {@code alipay.trade.query}
 * @param params  every request parameter, query and body merged
 * @param biz     the parsed {@code biz_content}
 * @param charset the request's charset
 */
record ApiCall(String method, Map<String, String> params, Map<String, Object> biz, Charset charset) {

    /** A protocol parameter such as {@code notify_url}, or {@code null}. */
    @Nullable String param(String name) {
        return this.params.get(name);
    }

    /** A {@code biz_content} field as trimmed text, {@code ""} when absent. */
    String field(String name) {
        return text(this.biz.get(name));
    }

    static String text(@Nullable Object value) {
        return (value != null) ? value.toString().trim() : "";
    }
}
