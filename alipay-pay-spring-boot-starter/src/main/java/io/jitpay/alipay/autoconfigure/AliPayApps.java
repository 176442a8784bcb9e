package io.jitpay.alipay.autoconfigure;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

import io.jitpay.alipay.AliPayConfig;
import io.jitpay.pay.PayException;

/**
 * The Alipay applications configured under {@code jitpay.alipay}: the top-level one (when
 * {@code jitpay.alipay.app-id} is set) and each entry of {@code jitpay.alipay.apps}, whose unset properties fall back to
 * the top-level values. Read straight from the environment, so that bean definitions can be registered per application
 * before any bean exists.
 */
final class AliPayApps {

    static final String PREFIX = "jitpay.alipay";

    private static final Pattern BEAN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private final Binder binder;

    private final String topLevelName;

    private AliPayApps(Binder binder) {
        this.binder = binder;
        this.topLevelName = binder.bind(PREFIX + ".name", String.class).orElse(AliPayConfig.DEFAULT_NAME);
    }

    static AliPayApps of(Environment environment) {
        return new AliPayApps(Binder.get(environment));
    }

    /**
     * Whether {@code jitpay.alipay.app-id} is set: the top-level instance exists (and a blank app id then stops
     * start-up, as any other unusable value does).
     */
    boolean hasTopLevel() {
        return this.binder.bind(PREFIX + ".app-id", String.class).isBound();
    }

    /** Whether {@code jitpay.alipay.apps} has entries. */
    boolean hasEntries() {
        return this.binder.bind(PREFIX + ".apps", Bindable.mapOf(String.class, AliPayAppProperties.class))
            .map((entries) -> !entries.isEmpty()).orElse(false);
    }

    String topLevelName() {
        return this.topLevelName;
    }

    /**
     * The entries of {@code jitpay.alipay.apps}, each with the top-level values under its own, checked: a valid bean
     * name, not the top-level name, and no two entries for the same app id and seller.
     */
    Map<String, AliPayAppProperties> entries() {
        Map<String, AliPayAppProperties> raw = this.binder.bind(PREFIX + ".apps",
                Bindable.mapOf(String.class, AliPayAppProperties.class)).orElseGet(Map::of);
        Map<String, AliPayAppProperties> entries = new LinkedHashMap<>();
        Map<String, String> owners = new HashMap<>();
        if (hasTopLevel()) {
            AliPayAppProperties topLevel = new AliPayAppProperties();
            this.binder.bind(PREFIX, Bindable.ofInstance(topLevel));
            owners.put(topLevel.getAppId() + "/" + topLevel.getSellerId(), "");
        }
        Set<String> lowerCaseNames = new HashSet<>();
        for (String name : raw.keySet()) {
            String property = PREFIX + ".apps." + name;
            if (!BEAN_NAME.matcher(name).matches()) {
                throw PayException.config("apps." + name, "is not a valid application name", "name it with a Java "
                        + "identifier such as shopA: it becomes the bean name and the full name pays.<name>");
            }
            if (!lowerCaseNames.add(name.toLowerCase(Locale.ROOT))) {
                throw PayException.config("apps." + name, "differs from another entry's name only in case",
                        "give it a name of its own: property names are not case-sensitive");
            }
            if (hasTopLevel() && name.equals(this.topLevelName)) {
                throw PayException.config("apps." + name, "has the name of the top-level instance (jitpay.alipay.name)",
                        "give " + property + " another name, or set jitpay.alipay.name");
            }
            AliPayAppProperties merged = new AliPayAppProperties();
            this.binder.bind(PREFIX, Bindable.ofInstance(merged));
            this.binder.bind(PREFIX + ".apps." + name.toLowerCase(Locale.ROOT), Bindable.ofInstance(merged));
            // Key mode or certificate mode is the entry's own choice when it makes one: nothing of the other is kept.
            AliPayAppProperties own = raw.get(name);
            if (own != null && own.setsVerification()) {
                merged.setVerificationFrom(own);
            }
            String key = merged.getAppId() + "/" + merged.getSellerId();
            String other = owners.putIfAbsent(key, name);
            if (other != null) {
                String clash = other.isEmpty() ? "the top-level " + PREFIX + ".app-id and seller-id"
                        : "the app id and seller id of " + PREFIX + ".apps." + other;
                throw PayException.config("apps." + name, "has " + clash + " (" + key + "), so a notification "
                        + "could not tell them apart", "give each application its own app-id, or its own seller-id "
                                + "when sub-merchants share one app id");
            }
            entries.put(name, merged);
        }
        return entries;
    }

    /**
     * The core configuration of one application; a configuration error names the application's property.
     * @param name       the instance name
     * @param properties its properties
     * @param prefix     {@code ""} for the top level, {@code apps.<name>.} for an entry
     */
    static AliPayConfig config(String name, AliPayAppProperties properties, ResourceLoader resources, String prefix) {
        try {
            return AliPayConfig.builder()
                .name(name)
                .appId(properties.getAppId())
                .privateKey(KeyText.resolve(properties.getPrivateKey(), "privateKey", resources))
                .publicKey(KeyText.resolve(properties.getPublicKey(), "publicKey", resources))
                .appCert(KeyText.resolve(properties.getAppCert(), "appCert", resources))
                .alipayCert(KeyText.resolve(properties.getAlipayCert(), "alipayCert", resources))
                .alipayRootCert(KeyText.resolve(properties.getAlipayRootCert(), "alipayRootCert", resources))
                .gatewayUrl(properties.determineGatewayUrl())
                .notifyUrl(properties.getNotifyUrl())
                .returnUrl(properties.getReturnUrl())
                .quitUrl(properties.getQuitUrl())
                .sellerId(properties.getSellerId())
                .charset(properties.getCharset())
                .orderTimeout(properties.getOrderTimeout())
                .connectTimeout(properties.getConnectTimeout())
                .readTimeout(properties.getReadTimeout())
                .refundInterval(properties.getRefund().getInterval())
                .refundQueryDelay(properties.getRefund().getQueryDelay())
                .refundProcessingLimit(properties.getRefund().getProcessingLimit())
                .pageQrPayMode(properties.getPage().getQrPayMode())
                .pageQrcodeWidth(properties.getPage().getQrcodeWidth())
                .barcodePollInterval(properties.getBarcode().getPollInterval())
                .barcodePollTimeout(properties.getBarcode().getPollTimeout())
                .build();
        }
        catch (PayException ex) {
            if (prefix.isEmpty() || ex.configField() == null) {
                throw ex;
            }
            throw PayException.config(prefix + ex.configField(), ex.problem(), Objects.requireNonNullElse(ex.fix(),
                    "fix it"), ex.getCause());
        }
    }
}
