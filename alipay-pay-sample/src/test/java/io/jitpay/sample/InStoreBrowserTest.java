package io.jitpay.sample;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.SandboxAuthCodes;
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;
import io.jitpay.pay.Payments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-store till in real headless Chromium, the sandbox's scripted payment codes playing the buyer's Alipay (the dev
 * profile): a code that pays at once, a refused code then another on the same order, and a payment the buyer
 * confirms on the phone, which the page follows until it is paid. See {@link HeadlessChromium} for when it runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:browser-shop;DB_CLOSE_DELAY=-1")
@ActiveProfiles("dev")
class InStoreBrowserTest {

    private static WebDriver browser;

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private Payments payments;

    @Autowired
    private AliPaySandbox sandbox;

    @BeforeAll
    static void startChromium() throws IOException {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stopChromium() {
        HeadlessChromium.stop(browser);
    }

    @Test
    void aCodeThatPaysAtOnce() throws Exception {
        browser.get(shop("/"));
        browser.findElement(By.id("nav-in-store")).click();
        newSale("Croissant", "12.50");
        // The dev profile lists the sandbox's test codes; "Use" puts one in the code field, as a scanner would.
        browser.findElement(By.cssSelector("button.use-code[data-code='" + SandboxAuthCodes.PAYS + "']")).click();
        assertThat(browser.findElement(By.id("code")).getAttribute("value")).isEqualTo(SandboxAuthCodes.PAYS);
        HeadlessChromium.screenshot(browser, "in-store-new-sale.png");
        browser.findElement(By.id("take-payment")).click();

        waitFor().until(ExpectedConditions.textToBe(By.id("status"), "Paid"));
        assertThat(browser.findElement(By.id("paid-note")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("pay-type")).getText()).isEqualTo("In store");
        assertThat(browser.findElements(By.id("code-form"))).isEmpty();
        assertThat(this.payments.get("aliPayment").find(orderId())).get().satisfies((order) -> {
            assertThat(order.status()).isEqualTo(PayStatus.SUCCESS);
            assertThat(order.payType()).isEqualTo(PayType.BARCODE_PAY);
        });
        HeadlessChromium.screenshot(browser, "in-store-paid.png");
    }

    @Test
    void aRefusedCodeThenAnotherCodeOnTheSameOrder() throws Exception {
        browser.get(shop("/in-store"));
        newSale("Baguette", "8.00");
        browser.findElement(By.id("code")).sendKeys(SandboxAuthCodes.INVALID);
        browser.findElement(By.id("take-payment")).click();

        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("refusal")));
        String id = orderId();
        assertThat(browser.findElement(By.id("refusal")).getText())
            .startsWith("Alipay could not read the payment code; ask the buyer to refresh it "
                    + "(ACQ.PAYMENT_AUTH_CODE_INVALID: ");
        assertThat(status()).isEqualTo("Waiting for payment");
        assertThat(browser.findElement(By.id("still-waiting")).isDisplayed()).isTrue();
        assertThat(this.payments.get("aliPayment").find(id).orElseThrow().status()).isEqualTo(PayStatus.WAIT);
        HeadlessChromium.screenshot(browser, "in-store-refused.png");

        // The buyer refreshes the code; the same order takes it.
        browser.findElement(By.id("code")).sendKeys("2800 9876 5432 1098 76");
        browser.findElement(By.id("present")).click();
        waitFor().until(ExpectedConditions.textToBe(By.id("status"), "Paid"));
        assertThat(orderId()).isEqualTo(id);
        assertThat(browser.findElements(By.id("refusal"))).isEmpty();
        assertThat(this.sandbox.calls("alipay.trade.pay", id)).isEqualTo(2);
        assertThat(this.payments.get("aliPayment").find(id).orElseThrow().status()).isEqualTo(PayStatus.SUCCESS);
    }

    @Test
    void aCodeTheBuyerConfirmsOnThePhone() throws Exception {
        browser.get(shop("/in-store"));
        newSale("Espresso", "4.00");
        browser.findElement(By.id("code")).sendKeys(SandboxAuthCodes.NEEDS_CONFIRMATION);
        browser.findElement(By.id("take-payment")).click();

        // Alipay answered 10003: the till waits for the buyer, and offline the sandbox plays the buyer's phone.
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("under-way")));
        String id = orderId();
        assertThat(status()).isEqualTo("Waiting for payment");
        assertThat(browser.findElements(By.id("code-form"))).isEmpty();
        assertThat(browser.findElements(By.id("test-codes"))).isEmpty();
        HeadlessChromium.screenshot(browser, "in-store-waiting.png");
        browser.findElement(By.id("buyer-confirms")).click();

        // The page follows the payment under way until the shop's barcodePay has the outcome.
        waitFor().until(ExpectedConditions.textToBe(By.id("status"), "Paid"));
        waitFor().until(ExpectedConditions.invisibilityOfElementLocated(By.id("under-way")));
        assertThat(this.sandbox.trade(id).orElseThrow().isPaid()).isTrue();
        assertThat(this.payments.get("aliPayment").find(id).orElseThrow().status()).isEqualTo(PayStatus.SUCCESS);
        HeadlessChromium.screenshot(browser, "in-store-confirmed.png");
    }

    private void newSale(String subject, String amount) {
        HeadlessChromium.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("take-payment")));
        browser.findElement(By.id("subject")).clear();
        browser.findElement(By.id("subject")).sendKeys(subject);
        browser.findElement(By.id("amount")).clear();
        browser.findElement(By.id("amount")).sendKeys(amount);
    }

    /** The order id of the till page the browser is on. */
    private static String orderId() {
        String url = browser.getCurrentUrl();
        assertThat(url).contains("/in-store/D");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static String status() {
        return browser.findElement(By.id("status")).getText();
    }

    private String shop(String path) {
        return "http://localhost:" + this.port + path;
    }

    private static WebDriverWait waitFor() {
        return HeadlessChromium.waitFor(browser);
    }
}
