package io.jitpay.alipay.sandbox;

import java.util.Set;

/** The sandbox's HTML: one page layout and the one escaping function every text in a page goes through. */
final class HtmlPages {

    /** The sub_codes of a signature that is missing, of an unknown type or wrong. */
    private static final Set<String> SIGNATURE_FAILURES = Set.of("isv.missing-signature", "isv.missing-signature-type",
            "isv.invalid-signature-type", "isv.invalid-signature");

    private HtmlPages() {
    }

    /** A page in the cashier's layout; {@code content} is HTML, the title is text. */
    static String page(String title, String content) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                + escape(title) + "</title><style>"
                + "body{font-family:system-ui,sans-serif;background:#f3f6fb;margin:0;color:#1f2d3d}"
                + "main{max-width:420px;margin:48px auto;background:#fff;border-radius:12px;padding:32px;"
                + "box-shadow:0 2px 12px rgba(0,0,0,.08);text-align:center}"
                + ".brand{color:#1677ff;font-weight:600;letter-spacing:.04em}.amount{font-size:2.2em;margin:8px 0}"
                + ".order,.note{color:#6b7785;font-size:.9em}.error{color:#c0392b}"
                + "button{background:#1677ff;color:#fff;border:0;border-radius:8px;font-size:1.1em;"
                + "padding:12px 40px;cursor:pointer}"
                + "</style></head><body><main>" + content + "</main></body></html>";
    }

    /**
     * The error page Alipay's cashier shows for a refused {@code wap.pay} or {@code page.pay} request: "错误代码" with
     * the sub_code (without its {@code isv.} prefix, as {@code invalid-signature} appears there) and "错误原因". The
     * full sub_code and detail follow for the developer.
     */
    static String cashierError(String subCode, String detail) {
        String code = subCode.startsWith("isv.") ? subCode.substring("isv.".length()) : subCode;
        String reason = SIGNATURE_FAILURES.contains(subCode) ? "验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配"
                : ResultCodes.subMsg(subCode);
        return page("支付宝 - 错误", "<p class=\"brand\">Alipay sandbox</p><h1>The payment request was refused</h1>"
                + "<p class=\"error\">错误代码 <code id=\"error-code\">" + escape(code) + "</code></p>"
                + "<p class=\"error\">错误原因: " + escape(reason) + "</p>" + developerNote(subCode, detail));
    }

    /**
     * What Alipay's app shows for a refused order string: "系统繁忙，请稍后再试" with {@code ALIN10070} when the
     * signature failed, {@code ALIN10146} otherwise; the merchant's app is handed {@code resultStatus} 4000.
     */
    static String appError(String subCode, String detail) {
        String alin = SIGNATURE_FAILURES.contains(subCode) ? "ALIN10070" : "ALIN10146";
        return page("支付宝", "<p class=\"brand\">Alipay sandbox app</p><h1 class=\"error\">系统繁忙，请稍后再试 (<span "
                + "id=\"error-code\">" + alin + "</span>)</h1><p class=\"note\">resultStatus 4000</p>"
                + developerNote(subCode, detail));
    }

    private static String developerNote(String subCode, String detail) {
        return "<p class=\"note\">sub_code <code id=\"sub-code\">" + escape(subCode) + "</code>"
                + (detail.isEmpty() ? "" : ": " + escape(detail)) + "</p>";
    }

    /** Escapes text for HTML content and attribute values; subjects and order ids come from the merchant. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
