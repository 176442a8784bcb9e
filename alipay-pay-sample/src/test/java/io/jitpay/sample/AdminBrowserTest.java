package io.jitpay.sample;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.Payments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's journey in real headless Chromium: a shopper pays an order through the sandbox's cashier, the admin signs
 * in, sees the notification counted, reconciles the day of the payment and sees it matched, then sees a payment the
 * bill lists and the shop does not have (the sandbox's bill adjustments) reported.
 *
 * <p>The dev profile's sandbox keeps the real time, and a day's bill is there only from 09:00 Beijing time the next
 * day, as at Alipay: today's cannot be had before tomorrow. So the sandbox here is one of the test's own, on a
 * {@link MovableClock} that the test moves to the next morning once the order is paid; the shop talks to it as to
 * real Alipay (credentials, no dev profile), with a {@code {bcrypt}} admin password, as in production.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext
class AdminBrowserTest {

    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private static final String PASSWORD = "correct horse battery staple";

    private static final MovableClock clock = new MovableClock();

    /** The notify URL names the shop's port, so the port is chosen before the shop starts. */
    private static final int PORT = freePort();

    @RegisterExtension
    static final AliPaySandboxExtension sandbox = new AliPaySandboxExtension((builder) -> builder.clock(clock));

    private static WebDriver browser;

    @Autowired
    private Payments payments;

    @DynamicPropertySource
    static void shop(DynamicPropertyRegistry registry) {
        sandbox.springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("server.port", () -> PORT);
        registry.add("jitpay.alipay.notify-url", () -> "http://127.0.0.1:" + PORT + "/jitpay/alipay/notify");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:admin-browser;DB_CLOSE_DELAY=-1");
        registry.add("shop.admin.password", () -> "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD));
    }

    @BeforeAll
    static void startChromium() throws IOException {
        browser = HeadlessChromium.start();
        // Tall enough for the whole admin page in one screenshot.
        browser.manage().window().setSize(new Dimension(1100, 2200));
    }

    @AfterAll
    static void stopChromium() {
        HeadlessChromium.stop(browser);
    }

    @Test
    void theAdminSeesAPaymentCountedMatchedAndADiscrepancyListed() throws Exception {
        String id = payByQrCode("Oolong tea", "8.80");
        PayLog paid = this.payments.get("aliPayment").find(id).orElseThrow();
        Instant paidAt = paid.paidAt();
        assertThat(paidAt).isNotNull();
        LocalDate day = LocalDate.ofInstant(paidAt, BEIJING);

        // The admin page asks for a sign-in, and refuses a wrong password.
        browser.get(shop("/admin"));
        waitFor().until(ExpectedConditions.urlToBe(shop("/admin/login")));
        signIn("admin", "wrong");
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(browser.getCurrentUrl()).isEqualTo(shop("/admin/login?error"));
        signIn("admin", PASSWORD);
        waitFor().until(ExpectedConditions.urlToBe(shop("/admin")));

        // The payment's notification is counted, and the calls to Alipay are listed.
        assertThat(browser.findElement(By.id("health-status-aliPayment")).getText()).isEqualTo("UP");
        assertThat(count("notifications-aliPayment", "applied")).isGreaterThanOrEqualTo(1);
        assertThat(count("notifications-aliPayment", "rejected")).isZero();
        assertThat(browser.findElement(By.id("gateway-aliPayment")).getText())
            .contains("alipay.trade.precreate success");
        assertThat(browser.findElement(By.id("reconciliation-aliPayment")).getText())
            .contains("None since the shop started");

        // The next morning at the sandbox: the day's bill is ready.
        clock.moveTo(day.plusDays(1).atTime(9, 30).toInstant(BEIJING));
        reconcile(day);
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "Reconciled aliPayment for " + day));
        WebElement report = browser.findElement(By.id("reconciliation-aliPayment"));
        assertThat(report.findElement(By.className("day")).getText()).isEqualTo(day.toString());
        assertThat(Integer.parseInt(report.findElement(By.className("matched")).getText())).isGreaterThanOrEqualTo(1);
        assertThat(report.findElements(By.cssSelector(".discrepancies tbody tr"))).isEmpty();

        // Alipay's bill lists a payment the shop has no order for.
        String external = "EXT-" + id;
        sandbox.get().billAdjustments().addPayment(external, new BigDecimal("12.00"), paidAt);
        reconcile(day);
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#reconciliation-aliPayment .discrepancies")));
        List<String> rows = browser.findElements(By.cssSelector("#reconciliation-aliPayment .discrepancies tbody tr"))
            .stream().map(WebElement::getText).toList();
        assertThat(rows).singleElement().satisfies((row) -> assertThat(row).contains(external, "MISSING_LOCALLY",
                "12.00"));
        assertThat(browser.findElement(By.id("message")).getText()).endsWith(": 1 matched, 1 discrepancy.");
        assertThat(Integer.parseInt(browser.findElement(By.cssSelector("#reconciliation-aliPayment .matched"))
            .getText())).isGreaterThanOrEqualTo(1);
        HeadlessChromium.screenshot(browser, "admin-reconciled.png");

        browser.findElement(By.id("sign-out")).click();
        waitFor().until(ExpectedConditions.urlToBe(shop("/admin/login?logout")));
        browser.get(shop("/admin"));
        waitFor().until(ExpectedConditions.urlToBe(shop("/admin/login")));
    }

    /** A shopper's QR checkout: the order page, "scanning" its link at the sandbox's cashier, the order paid. */
    private String payByQrCode(String subject, String amount) {
        browser.get(shop("/"));
        browser.findElement(By.id("subject")).clear();
        browser.findElement(By.id("subject")).sendKeys(subject);
        browser.findElement(By.id("amount")).clear();
        browser.findElement(By.id("amount")).sendKeys(amount);
        browser.findElement(By.id("pay-qr")).click();
        String link = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("pay-link")))
            .getAttribute("href");
        String orderPage = browser.getCurrentUrl();
        browser.get(link);
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("pay"))).click();
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("paid")));
        browser.get(orderPage);
        waitFor().until(ExpectedConditions.textToBe(By.id("status"), "Paid"));
        return orderPage.substring(orderPage.lastIndexOf('/') + 1);
    }

    private static void signIn(String username, String password) {
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
    }

    /** Reconciles a day of aliPayment with the page's form; a date input takes its value as yyyy-MM-dd from script. */
    private static void reconcile(LocalDate day) {
        WebElement input = browser.findElement(By.id("reconcile-day"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", input, day.toString());
        browser.findElement(By.cssSelector("#reconcile-payment option[value='aliPayment']")).click();
        WebElement button = browser.findElement(By.id("reconcile"));
        button.click();
        waitFor().until(ExpectedConditions.stalenessOf(button));
    }

    private static long count(String table, String key) {
        return Long.parseLong(browser.findElement(By.cssSelector("#" + table + " tr[data-key='" + key + "'] td.num"))
            .getText());
    }

    private static String shop(String path) {
        return "http://localhost:" + PORT + path;
    }

    private static WebDriverWait waitFor() {
        return HeadlessChromium.waitFor(browser);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
