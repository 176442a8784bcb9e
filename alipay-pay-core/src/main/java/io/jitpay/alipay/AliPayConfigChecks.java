package io.jitpay.alipay;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jitpay.pay.PayException;

/**
 * The checks of {@link AliPayConfig.Builder#build()}: each value is refused with a
 * {@link io.jitpay.pay.PayErrorCode#CONFIG_ERROR} that names the field and the fix, never a key.
 */
final class AliPayConfigChecks {

    private static final Logger logger = LoggerFactory.getLogger(AliPayConfig.class);

    private static final Set<String> CHARSETS = Set.of("UTF-8", "GBK", "GB2312");

    /** Alipay's modes of a QR code inside the PC cashier page; 4 takes a width. */
    private static final Set<String> QR_PAY_MODES = Set.of("0", "1", "2", "3", "4");

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private static final String TWO_MODES = "key mode (公钥): publicKey alone, the Alipay public key the console shows; "
            + "certificate mode (公钥证书): appCert, alipayCert and alipayRootCert, without publicKey";

    private AliPayConfigChecks() {
    }

    static String appId(@Nullable String value) {
        String appId = requireText(value, "appId",
                "set it to the APPID of your application in the Alipay open platform console");
        if (appId.chars().anyMatch(Character::isWhitespace)) {
            throw PayException.config("appId", "contains blanks", "copy the APPID (digits only) from the "
                    + "Alipay open platform console");
        }
        return appId;
    }

    static String name(@Nullable String value) {
        String name = (value != null) ? value : "";
        if (!NAME.matcher(name).matches()) {
            throw PayException.config("name", "'" + name + "' is not a valid instance name", "use a Java "
                    + "identifier such as aliPayment");
        }
        return name;
    }

    /**
     * The certificates of certificate mode, or {@code null} in key mode. The modes exclude each other: setting both,
     * or some of the certificates only, is refused.
     */
    static @Nullable AliPayCertificates certificates(@Nullable String publicKey, @Nullable String appCert,
            @Nullable String alipayCert, @Nullable String alipayRootCert, PrivateKey privateKey, String owner) {
        List<String> set = new ArrayList<>(3);
        if (blankToNull(appCert) != null) {
            set.add("appCert");
        }
        if (blankToNull(alipayCert) != null) {
            set.add("alipayCert");
        }
        if (blankToNull(alipayRootCert) != null) {
            set.add("alipayRootCert");
        }
        if (set.isEmpty()) {
            return null;
        }
        String named = String.join(", ", set);
        if (blankToNull(publicKey) != null) {
            throw PayException.config("publicKey", "is set together with " + named + " of certificate mode",
                    "use one mode: " + TWO_MODES);
        }
        if (appCert == null || alipayCert == null || alipayRootCert == null || set.size() < 3) {
            String missing = (!set.contains("appCert")) ? "appCert"
                    : (!set.contains("alipayCert")) ? "alipayCert" : "alipayRootCert";
            throw PayException.config(missing, "is empty, but " + named + ((set.size() == 1) ? " is" : " are")
                    + " set", "certificate mode needs all three: appCert (appCertPublicKey_<appid>.crt), alipayCert "
                            + "(alipayCertPublicKey_RSA2.crt) and alipayRootCert (alipayRootCert.crt); or none of them "
                            + "and publicKey for key mode");
        }
        return AliPayCertificates.of(appCert, alipayCert, alipayRootCert, privateKey, owner, Instant.now());
    }

    /** Alipay's public key of key mode, which must not be the application's own. */
    static PublicKey alipayPublicKey(@Nullable String value, PrivateKey privateKey) {
        if (blankToNull(value) == null) {
            throw PayException.config("publicKey", "is empty", "set it to the Alipay public key, or use the "
                    + "certificates instead: " + TWO_MODES);
        }
        PublicKey publicKey = RsaKeys.parsePublicKey(value, "publicKey");
        if (RsaKeys.isPairOf(publicKey, privateKey)) {
            throw PayException.config("publicKey", "holds your application's own public key", "put the "
                    + "Alipay public key from the open platform console there");
        }
        return publicKey;
    }

    static Charset charset(Charset charset) {
        if (!CHARSETS.contains(charset.name().toUpperCase(Locale.ROOT))) {
            throw PayException.config("charset", charset.name() + " is not supported by Alipay",
                    "use UTF-8 (or GBK)");
        }
        return charset;
    }

    static @Nullable String pageQrPayMode(@Nullable String value) {
        String mode = blankToNull(value);
        if (mode != null && !QR_PAY_MODES.contains(mode)) {
            throw PayException.config("pageQrPayMode", "'" + mode + "' is not one of Alipay's modes",
                    "use 0, 1, 2, 3 (a QR code of a given size in the page) or 4 (of qrcodeWidth pixels)");
        }
        return mode;
    }

    static @Nullable Integer pageQrcodeWidth(@Nullable Integer width) {
        if (width != null && (width < 100 || width > 2000)) {
            throw PayException.config("pageQrcodeWidth", width + " is out of range",
                    "use a width in pixels between 100 and 2000, with pageQrPayMode 4");
        }
        return width;
    }

    static String requireText(@Nullable String value, String field, String fix) {
        if (value == null || value.isBlank()) {
            throw PayException.config(field, "is empty", fix);
        }
        return value.trim();
    }

    static @Nullable String blankToNull(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }

    static @Nullable String url(@Nullable String value, String field, boolean required) {
        String url = blankToNull(value);
        if (url == null) {
            if (required) {
                throw PayException.config(field, "is empty", "set it to " + AliPayConfig.PRODUCTION_GATEWAY_URL);
            }
            return null;
        }
        URI uri;
        try {
            uri = URI.create(url);
        }
        catch (IllegalArgumentException ex) {
            throw PayException.config(field, "'" + url + "' is not a URL", "use an absolute http(s) URL", ex);
        }
        String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw PayException.config(field, "'" + url + "' is not an absolute http(s) URL",
                    "use an absolute http(s) URL");
        }
        return url;
    }

    /**
     * A plain-http gateway is refused unless it is on this machine (the embedded sandbox, tests): over the internet,
     * anyone on the path could forge the unsigned error answers that the SDK accepts.
     */
    static String gatewayUrl(@Nullable String value) {
        String url = Objects.requireNonNull(url(value, "gatewayUrl", true));
        URI uri = URI.create(url);
        if ("http".equalsIgnoreCase(uri.getScheme()) && !isLocal(uri.getHost())) {
            throw PayException.config("gatewayUrl", "'" + url + "' is plain http to another machine",
                    "use https, as Alipay's gateways do; plain http is only accepted for a loopback address "
                            + "(the embedded sandbox)");
        }
        if (AliPayConfig.RETIRED_SANDBOX_HOST.equalsIgnoreCase(uri.getHost())) {
            logger.warn("gatewayUrl {} is the retired Alipay sandbox, which rejects every app id; use {}", url,
                    AliPayConfig.SANDBOX_GATEWAY_URL);
        }
        return url;
    }

    static Duration duration(@Nullable Duration value, String field, Duration max) {
        if (value == null || value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
            throw PayException.config(field, value + " is out of range", "use a positive duration of at most " + max);
        }
        return value;
    }

    private static boolean isLocal(String host) {
        String name = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
        if ("localhost".equalsIgnoreCase(name)) {
            return true;
        }
        // Only literal addresses are judged: a name is never resolved here (no DNS lookup at start-up).
        if (!name.matches("\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(name);
            return address.isLoopbackAddress() || address.isAnyLocalAddress();
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }
}
