package io.jitpay.alipay.autoconfigure;

import java.security.KeyPair;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import io.jitpay.alipay.sandbox.TestRsaKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** What a user sees at start-up: the failure report, the IDE metadata, the SDK's log levels. */
@ExtendWith(OutputCaptureExtension.class)
class StartupReportTests {

    private static final KeyPair APP = TestRsaKeys.generate();

    private static final KeyPair ALIPAY = TestRsaKeys.generate();

    private static final String APP_PRIVATE = TestRsaKeys.pkcs8Base64(APP);

    private static final String APP_PUBLIC = TestRsaKeys.x509Base64(APP);

    private static final String ALIPAY_PUBLIC = TestRsaKeys.x509Base64(ALIPAY);

    @Test
    void applicationKeyInThePublicKeyPropertyStopsStartUpWithAReportThatNamesThePropertyAndTheFix(
            CapturedOutput output) {
        SpringApplication application = new SpringApplication(EmptyApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatException().isThrownBy(() -> application.run("--spring.datasource.generate-unique-name=true",
                "--jitpay.alipay.app-id=2021000000000001", "--jitpay.alipay.private-key=" + APP_PRIVATE,
                "--jitpay.alipay.public-key=" + APP_PUBLIC));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("jitpay.alipay.public-key holds your application's own public key")
            .contains("Update jitpay.alipay.public-key: put the Alipay public key from the open platform console "
                    + "there.")
            .doesNotContain(APP_PUBLIC.substring(40, 90))
            .doesNotContain(APP_PRIVATE.substring(40, 90));
    }

    /**
     * A private key with a stray character (here a ';' as from a shell line, plus the quotes of an .env file) was once
     * taken for a resource location and printed whole as "the resource that does not exist". Whatever the paste, the
     * start-up output carries no part of the key.
     */
    @Test
    void aMangledKeyStopsStartUpWithoutPrintingAnyPartOfIt(CapturedOutput output) {
        String key = APP_PRIVATE;
        for (String paste : new String[] { "\"" + key + ";\"", key.substring(0, 900) + " " + key.substring(900, 1000),
            "'" + key.replace("M", "\\n") + "'" }) {
            SpringApplication application = new SpringApplication(EmptyApplication.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            assertThatException().isThrownBy(() -> application.run("--spring.datasource.generate-unique-name=true",
                    "--jitpay.alipay.app-id=2021000000000001", "--jitpay.alipay.private-key=" + paste,
                    "--jitpay.alipay.public-key=" + ALIPAY_PUBLIC));
        }
        assertThat(output).contains("APPLICATION FAILED TO START").contains("jitpay.alipay.private-key is not a "
                + "readable RSA private key").doesNotContain("names the resource");
        for (int i = 0; i + 12 <= key.length(); i += 6) {
            assertThat(output.getAll()).doesNotContain(key.substring(i, i + 12));
        }
    }

    /** The same key pasted from an .env file or a container secret, quoted and with literal \n, is read. */
    @Test
    void aQuotedPemKeyWithLiteralLineBreaksStartsTheApplication() {
        String pem = "\"" + TestRsaKeys.pem("PRIVATE KEY", APP.getPrivate().getEncoded(), "\n")
            .replace("\n", "\\n") + "\"";
        SpringApplication application = new SpringApplication(EmptyApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run("--spring.datasource.generate-unique-name=true",
                "--jitpay.alipay.app-id=2021000000000001", "--jitpay.alipay.private-key=" + pem,
                "--jitpay.alipay.public-key=" + ALIPAY_PUBLIC)) {
            assertThat(context.getBean(io.jitpay.alipay.AliPayConfig.class).privateKey())
                .isEqualTo(APP.getPrivate());
        }
    }

    @Test
    void theSdksChattyLoggersAreQuietByDefaultAndTheApplicationCanOverrideThem() {
        SpringApplication application = new SpringApplication(EmptyApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run("--spring.datasource.generate-unique-name=true",
                "--logging.level.sdk.biz.err=ERROR")) {
            assertThat(context.getEnvironment().getProperty("logging.level.sdk.biz.info")).isEqualTo("WARN");
            assertThat(context.getEnvironment().getProperty("logging.level.sdk.biz.err")).isEqualTo("ERROR");
        }
        StandardEnvironment environment = new StandardEnvironment();
        new SdkLogLevelsEnvironmentPostProcessor().postProcessEnvironment(environment, application);
        assertThat(environment.getProperty("logging.level.sdk.biz.err")).isEqualTo("OFF");
        assertThat(environment.getProperty("logging.level.sdk.comm.err")).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPropertyHasADescriptionForTheIde() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            Map<String, Object> metadata = JsonParserFactory.getJsonParser()
                .parseMap(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
            assertThat(properties).extracting((property) -> property.get("name")).contains("jitpay.alipay.app-id",
                    "jitpay.alipay.private-key", "jitpay.alipay.public-key", "jitpay.alipay.app-cert",
                    "jitpay.alipay.alipay-cert", "jitpay.alipay.alipay-root-cert", "jitpay.alipay.gateway-url",
                    "jitpay.alipay.sandbox", "jitpay.alipay.notify-url", "jitpay.alipay.return-url",
                    "jitpay.alipay.seller-id", "jitpay.alipay.charset",
                    "jitpay.alipay.order-timeout", "jitpay.alipay.connect-timeout", "jitpay.alipay.read-timeout",
                    "jitpay.alipay.name", "jitpay.alipay.notify.enabled", "jitpay.alipay.notify.path",
                    "jitpay.alipay.store.initialize-schema", "jitpay.alipay.sweeper.enabled", "jitpay.alipay.sweeper.interval",
                    "jitpay.alipay.sweeper.batch-size", "jitpay.alipay.journal.retention",
                    "jitpay.alipay.journal.purge-interval");
            assertThat(properties).extracting((property) -> property.get("name"))
                .doesNotContain("jitpay.alipay.sign-type", "jitpay.alipay.notify.journal-retention");
            for (Map<String, Object> property : properties) {
                assertThat((String) property.get("description")).as("description of %s", property.get("name"))
                    .isNotBlank();
            }
            assertThat(properties).filteredOn((property) -> property.get("name").equals("jitpay.alipay.gateway-url"))
                .singleElement().extracting((property) -> property.get("defaultValue"))
                .isEqualTo("https://openapi.alipay.com/gateway.do");
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class EmptyApplication {
    }
}
