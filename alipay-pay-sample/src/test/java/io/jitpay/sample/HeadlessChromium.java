package io.jitpay.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium and chromedriver, headless, for the shop's journeys in a real browser. Without them the journeys
 * are skipped, unless {@code JITPAY_REQUIRE_BROWSER=true} (as in CI), which makes a missing browser a failure.
 * Screenshots go to {@code target/screenshots}.
 */
final class HeadlessChromium {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private HeadlessChromium() {
    }

    /** Starts a browser of its own, with a fresh profile, so with no cookies: a session of its own at the shop. */
    static WebDriver start() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && Boolean.parseBoolean(System.getenv("JITPAY_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("JITPAY_REQUIRE_BROWSER is set but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing; install Debian's chromium and chromium-driver");
        }
        assumeTrue(installed, "Skipped: Chromium is not installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=900,1000",
                "--user-data-dir=" + Files.createTempDirectory("chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
            .build();
        Files.createDirectories(SCREENSHOTS);
        return new ChromeDriver(service, options);
    }

    static void stop(WebDriver browser) {
        if (browser != null) {
            browser.quit();
        }
    }

    static WebDriverWait waitFor(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    static void screenshot(WebDriver browser, String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
