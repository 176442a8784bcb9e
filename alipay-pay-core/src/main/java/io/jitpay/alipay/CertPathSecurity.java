package io.jitpay.alipay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the JVM-wide {@code jdk.certpath.disabledAlgorithms} security property as the JDK ships it. The SDK's client
 * classes empty it when they load, which would let the whole application accept certificates signed with MD5 or SHA-1.
 * The JDK's value is captured when this class loads, or, when an SDK class got there first (an application's own
 * {@code DefaultAlipayClient}), read from the JDK's {@code java.security} file; it is put back, with a WARN, wherever
 * it is found emptied.
 */
final class CertPathSecurity {

    static final String PROPERTY = "jdk.certpath.disabledAlgorithms";

    private static final Logger logger = LoggerFactory.getLogger(CertPathSecurity.class);

    private static final @Nullable String JDK_VALUE = capture();

    private CertPathSecurity() {
    }

    /**
     * Loads the SDK's client class and undoes what that does to the property: expected, so not worth a warning.
     * Anything that emptied it before is reported by {@link #ensure()}.
     */
    static void loadSdk() {
        boolean intact = isIntact();
        try {
            Class.forName("com.alipay.api.AbstractAlipayClient", true, CertPathSecurity.class.getClassLoader());
        }
        catch (ClassNotFoundException ex) {
            throw new IllegalStateException("alipay-sdk-java is not on the class path", ex);
        }
        if (intact && !isIntact() && JDK_VALUE != null) {
            Security.setProperty(PROPERTY, JDK_VALUE);
        }
        ensure();
    }

    /** Puts the JDK's value back, with a warning, if the property is empty now. */
    static void ensure() {
        if (!isIntact() && JDK_VALUE != null && !JDK_VALUE.isBlank()) {
            Security.setProperty(PROPERTY, JDK_VALUE);
            logger.warn("{} had been emptied (the Alipay SDK's client classes do that when they load, for example an "
                    + "application's own DefaultAlipayClient), which makes the whole JVM accept certificates signed "
                    + "with MD5 or SHA-1; restored the JDK's value", PROPERTY);
        }
    }

    private static boolean isIntact() {
        String current = Security.getProperty(PROPERTY);
        return current != null && !current.isBlank();
    }

    static @Nullable String jdkValue() {
        return JDK_VALUE;
    }

    private static @Nullable String capture() {
        String current = Security.getProperty(PROPERTY);
        return (current != null && !current.isBlank()) ? current : fromJavaSecurityFile();
    }

    private static @Nullable String fromJavaSecurityFile() {
        Path file = Path.of(System.getProperty("java.home"), "conf", "security", "java.security");
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        catch (IOException | RuntimeException ex) {
            logger.warn("Cannot read {} to restore {}: {}", file, PROPERTY, ex.toString());
            return null;
        }
        return properties.getProperty(PROPERTY);
    }
}
