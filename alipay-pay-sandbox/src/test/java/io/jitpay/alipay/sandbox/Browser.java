package io.jitpay.alipay.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The buyer's browser in tests: real HTTP, and no redirect followed by itself, so each step can be checked. It can
 * submit the SDK's auto-submitting {@code punchout_form} as a browser does.
 */
final class Browser {

    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]*)\"");

    private static final Pattern HIDDEN = Pattern.compile(
            "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String url, String form) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Submits a {@code pageExecute(request)} form: its hidden fields form-encoded in the body, to its action. */
    HttpResponse<String> submit(String formHtml, Charset charset) throws IOException, InterruptedException {
        Matcher action = ACTION.matcher(formHtml);
        if (!action.find()) {
            throw new IllegalArgumentException("No form action in " + formHtml);
        }
        StringBuilder body = new StringBuilder();
        Matcher field = HIDDEN.matcher(formHtml);
        while (field.find()) {
            body.append((body.length() > 0) ? "&" : "").append(URLEncoder.encode(field.group(1), charset)).append('=')
                .append(URLEncoder.encode(unescape(field.group(2)), charset));
        }
        return post(unescape(action.group(1)), body.toString());
    }

    static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** The decoded query parameters of a URL. */
    static Map<String, String> query(String url) {
        return FormEncoding.parse(URI.create(url).getRawQuery(), StandardCharsets.UTF_8);
    }

    /** The text of an element with an id, unescaped as a browser shows it. */
    static String text(String html, String id) {
        Matcher matcher = Pattern.compile("id=\"" + id + "\">([^<]*)<").matcher(html);
        if (!matcher.find()) {
            throw new IllegalArgumentException("No element " + id + " in " + html);
        }
        return unescape(matcher.group(1));
    }

    static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&amp;", "&");
    }
}
