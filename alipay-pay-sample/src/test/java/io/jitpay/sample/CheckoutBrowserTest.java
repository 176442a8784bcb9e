package io.jitpay.sample;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import io.jitpay.alipay.sandbox.boot.AliPaySandboxes;
import io.jitpay.pay.PayType;
import io.jitpay.pay.Payments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkout journeys in real headless Chromium, against the shop on a random port with the embedded sandbox
 * playing Alipay (the dev profile), CSRF tokens and session-bound orders included. Skipped where Chromium is not
 * installed, unless {@code JITPAY_REQUIRE_BROWSER=true} (as in CI): see {@link HeadlessChromium}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:browser-shop;DB_CLOSE_DELAY=-1")
@ActiveProfiles("dev")
class CheckoutBrowserTest {

    private static WebDriver browser;

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private AliPaySandboxes sandboxes;

    @Autowired
    private Payments payments;

    @BeforeAll
    static void startChromium() throws IOException {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stopChromium() {
        HeadlessChromium.stop(browser);
    }

    @Test
    void qrCheckout() throws Exception {
        browser.get(shop("/"));
        browser.findElement(By.id("subject")).clear();
        browser.findElement(By.id("subject")).sendKeys("Cup of coffee");
        browser.findElement(By.id("amount")).clear();
        browser.findElement(By.id("amount")).sendKeys("9.90");
        browser.findElement(By.id("pay-qr")).click();

        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("qr")));
        assertThat(status()).isEqualTo("Waiting for payment");
        String link = browser.findElement(By.id("pay-link")).getAttribute("href");
        String qrContent = decodeQr(browser.findElement(By.id("qr")).getAttribute("src"));
        assertThat(qrContent).isEqualTo(link);

        // A marker that a reload would lose: the page must flip to Paid by itself.
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        String orderPage = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        browser.get(link);
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("pay"))).click();
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("paid")));
        browser.close();
        browser.switchTo().window(orderPage);

        waitFor().until(ExpectedConditions.textToBe(By.id("status"), "Paid"));
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("fulfilled")));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;")).isEqualTo(true);
        assertThat(browser.findElements(By.id("qr"))).isEmpty();
        screenshot("qr-order-paid.png");
    }

    @Test
    void mobileWebCheckout() throws Exception {
        browser.get(shop("/"));
        browser.findElement(By.id("subject")).clear();
        browser.findElement(By.id("subject")).sendKeys("Green tea");
        browser.findElement(By.id("amount")).clear();
        browser.findElement(By.id("amount")).sendKeys("5.50");
        browser.findElement(By.id("pay-wap")).click();

        // The auto-submitting form takes the browser to the sandbox's cashier.
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("pay")));
        assertThat(browser.getCurrentUrl()).contains("/cashier/");
        assertThat(browser.getPageSource()).contains("Green tea", "¥5.50");
        browser.findElement(By.id("pay")).click();

        // Back on the shop's return page: the order, paid.
        waitFor().until(ExpectedConditions.urlContains(shop("/orders/")));
        waitFor().until(ExpectedConditions.textToBe(By.id("status"), "Paid"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Green tea");
        screenshot("wap-order-paid.png");

        browser.get(shop("/orders"));
        List<String> rows = browser.findElements(By.cssSelector("#orders tbody tr")).stream()
            .map((row) -> row.getText()).toList();
        assertThat(rows).anyMatch((row) -> row.contains("Green tea") && row.contains("¥5.50") && row.contains("Paid"));
    }

    @Test
    void pcCheckout() throws Exception {
        browser.get(shop("/"));
        browser.findElement(By.id("subject")).clear();
        browser.findElement(By.id("subject")).sendKeys("Desk lamp");
        browser.findElement(By.id("amount")).clear();
        browser.findElement(By.id("amount")).sendKeys("128.00");
        browser.findElement(By.id("pay-pc")).click();

        // The auto-submitting form posts the signed page.pay request to the gateway, which opens the PC cashier.
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("pay")));
        assertThat(browser.getCurrentUrl()).startsWith(this.sandboxes.get("aliPayment").baseUrl() + "/cashier/");
        assertThat(browser.getPageSource()).contains("Desk lamp", "¥128.00");
        browser.findElement(By.id("pay")).click();

        // Back through the shop's return page (alipay.trade.page.pay.return, verified) on the order, paid.
        waitFor().until(ExpectedConditions.urlContains(shop("/orders/")));
        waitFor().until(ExpectedConditions.textToBe(By.id("status"), "Paid"));
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("fulfilled")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Desk lamp");
        assertThat(browser.findElement(By.id("pay-type")).getText()).isEqualTo("PC web");
        String id = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        assertThat(this.payments.get("aliPayment").find(id)).get()
            .satisfies((order) -> assertThat(order.payType()).isEqualTo(PayType.PAGE_PAY));
        screenshot("pc-order-paid.png");
    }

    @Test
    void paidOrderIsRefundedInPartThenInFull() throws Exception {
        browser.get(shop("/"));
        browser.findElement(By.id("subject")).clear();
        browser.findElement(By.id("subject")).sendKeys("Teapot");
        browser.findElement(By.id("amount")).clear();
        browser.findElement(By.id("amount")).sendKeys("10.00");
        browser.findElement(By.id("pay-qr")).click();
        String link = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("pay-link")))
            .getAttribute("href");
        String orderPage = browser.getCurrentUrl();
        browser.get(link);
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("pay"))).click();
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("paid")));
        browser.get(orderPage);
        waitFor().until(ExpectedConditions.textToBe(By.id("status"), "Paid"));

        // Customer service refunds part of it: the form offers what is left, full by default.
        assertThat(browser.findElement(By.id("refund-amount")).getAttribute("value")).isEqualTo("10.00");
        browser.findElement(By.id("refund-amount")).clear();
        browser.findElement(By.id("refund-amount")).sendKeys("3.00");
        browser.findElement(By.id("refund-reason")).sendKeys("Chipped lid");
        browser.findElement(By.id("refund")).click();
        waitFor().until(ExpectedConditions.textToBe(By.id("message"), "Refunded ¥3.00."));
        assertThat(status()).isEqualTo("Paid, ¥3.00 refunded");
        assertThat(refundRows()).singleElement().satisfies((row) -> assertThat(row).contains("¥3.00", "Chipped lid",
                "Refunded"));

        // Then the rest.
        assertThat(browser.findElement(By.id("refund-amount")).getAttribute("value")).isEqualTo("7.00");
        browser.findElement(By.id("refund")).click();
        waitFor().until(ExpectedConditions.textToBe(By.id("message"), "Refunded ¥7.00."));
        assertThat(status()).isEqualTo("Refunded");
        assertThat(refundRows()).hasSize(2);
        assertThat(browser.findElements(By.id("refund-form"))).isEmpty();
        assertThat(browser.findElement(By.id("fully-refunded")).isDisplayed()).isTrue();
        screenshot("order-refunded.png");
    }

    @Test
    void shopBCheckout() throws Exception {
        browser.get(shop("/"));
        browser.findElement(By.id("subject")).clear();
        browser.findElement(By.id("subject")).sendKeys("Jasmine tea");
        browser.findElement(By.id("amount")).clear();
        browser.findElement(By.id("amount")).sendKeys("6.60");
        assertThat(browser.findElement(By.id("app-aliPayment")).isSelected()).isTrue();
        browser.findElement(By.id("app-shopB")).click();
        browser.findElement(By.id("pay-qr")).click();

        // Shop B's QR code leads to shop B's own sandbox.
        String link = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("pay-link")))
            .getAttribute("href");
        assertThat(link).startsWith(this.sandboxes.get("shopB").baseUrl());
        String orderPage = browser.getCurrentUrl();
        browser.get(link);
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("pay"))).click();
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("paid")));
        browser.get(orderPage);
        waitFor().until(ExpectedConditions.textToBe(By.id("status"), "Paid"));
        assertThat(browser.findElement(By.id("app")).getText()).isEqualTo("shopB");

        browser.get(shop("/orders"));
        List<String> rows = browser.findElements(By.cssSelector("#orders tbody tr")).stream()
            .map((row) -> row.getText()).toList();
        assertThat(rows).anyMatch((row) -> row.contains("Jasmine tea") && row.contains("Paid")
                && row.contains("shopB"));
        assertThat(rows).filteredOn((row) -> row.contains("Green tea") || row.contains("Cup of coffee"))
            .allMatch((row) -> row.contains("aliPayment"));
        screenshot("shop-b-orders.png");
    }

    private String shop(String path) {
        return "http://localhost:" + this.port + path;
    }

    private static List<String> refundRows() {
        return browser.findElements(By.cssSelector("#refund-list tbody tr")).stream().map((row) -> row.getText())
            .toList();
    }

    private static String status() {
        return browser.findElement(By.id("status")).getText();
    }

    private static WebDriverWait waitFor() {
        return HeadlessChromium.waitFor(browser);
    }

    /** Fetches the QR code as the page's browser would: the order is its session's, so the session cookie goes along. */
    private static String decodeQr(String src) throws Exception {
        Cookie session = browser.manage().getCookieNamed("JSESSIONID");
        assertThat(session).as("the shop's session cookie").isNotNull();
        HttpResponse<byte[]> png = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(src))
            .header("Cookie", session.getName() + "=" + session.getValue())
            .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(image).as("a decodable PNG").isNotNull();
        Result result = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image))));
        return result.getText();
    }

    private static void screenshot(String name) throws IOException {
        HeadlessChromium.screenshot(browser, name);
    }
}
