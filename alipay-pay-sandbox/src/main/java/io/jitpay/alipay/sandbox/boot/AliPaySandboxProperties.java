package io.jitpay.alipay.sandbox.boot;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded Alipay sandbox for development ({@code jitpay.sandbox.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("jitpay.sandbox")
public class AliPaySandboxProperties {

    /**
     * Whether to start an embedded Alipay sandbox with the application and point jitpay.alipay.* at it, for
     * development only: nothing is charged. Ignored, with a warning, when jitpay.alipay.app-id is set when the
     * environment is prepared; start-up fails when Alipay credentials appear later (for example from an
     * {@code @PropertySource}), so that they are never silently replaced by the sandbox's.
     */
    private boolean enabled;

    /**
     * Address the sandbox listens on; the buyer's browser must reach it, and QR codes and cashier links name it. With a
     * wildcard address such as 0.0.0.0 the application itself still calls the gateway on 127.0.0.1.
     */
    private String host = "127.0.0.1";

    /**
     * Port of the sandbox; 0 picks a free one.
     */
    private int port;

    /**
     * Factor applied to Alipay's notification retry intervals (4m, 10m, 10m, 1h, 2h, 6h, 15h): 0.01 makes the first
     * retry come after 2.4 seconds.
     */
    private double notifyRetryScale = 0.01;

    /**
     * Names of further Alipay applications to play beside the top-level one, for an application with several
     * (jitpay.alipay.apps), for example shopB. Each gets a sandbox of its own, with its own app id, seller id, keys
     * and a free port, and the jitpay.alipay.apps entry of that name (app id, keys, gateway, seller, notify URL) is
     * pointed at it.
     */
    private List<String> apps = new ArrayList<>();

    /**
     * Whether the sandbox plays applications whose signing method is certificate mode (公钥证书) instead of key mode
     * (公钥): it issues its own root bundle, CA and certificates, sets jitpay.alipay.app-cert, alipay-cert and
     * alipay-root-cert (and no public-key), refuses requests without the right certificate serial numbers and names
     * its certificate in every answer. Applies to every application it plays.
     */
    private boolean certificateMode;

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getHost() {
        return this.host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return this.port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public double getNotifyRetryScale() {
        return this.notifyRetryScale;
    }

    public void setNotifyRetryScale(double notifyRetryScale) {
        this.notifyRetryScale = notifyRetryScale;
    }

    public boolean isCertificateMode() {
        return this.certificateMode;
    }

    public void setCertificateMode(boolean certificateMode) {
        this.certificateMode = certificateMode;
    }

    public List<String> getApps() {
        return this.apps;
    }

    public void setApps(List<String> apps) {
        this.apps = apps;
    }
}
