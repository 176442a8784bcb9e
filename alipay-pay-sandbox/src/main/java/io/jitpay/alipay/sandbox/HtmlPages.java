package io.jitpay.alipay.sandbox;

/** The sandbox's HTML: one page layout and the one escaping function every text in a page goes through. */
final class HtmlPages {

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

    /** The page a refused page request (such as {@code alipay.trade.wap.pay}) shows the buyer. */
    static String refusedPayment(String problem) {
        return page("Payment error", "<h1>The payment request was refused</h1><p class=\"error\">" + escape(problem)
                + "</p>");
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
