package io.jitpay.sample;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.boot.AliPaySandboxes;
import io.jitpay.pay.PayType;
import io.jitpay.pay.ReconciliationCompletedEvent;
import io.jitpay.pay.ReconciliationReport;
import io.jitpay.pay.ReconciliationReport.Discrepancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The admin page in the dev profile (two Alipay apps, each played by an embedded sandbox; the admin's password is the
 * dev profile's {@code {noop}admin}): behind a form login, one section per payment, and a CSRF-protected form that
 * reconciles a day and shows the report, or Alipay's reason when it has no bill.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:admin-shop;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
@ActiveProfiles("dev")
class AdminPageTest {

    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    @Autowired
    private MockMvc mvc;

    @Autowired
    private ApplicationEventPublisher events;

    @Autowired
    private AliPaySandboxes sandboxes;

    @Autowired
    @Qualifier("aliPayment")
    private AliPayment payment;

    @Test
    void theAdminPageNeedsASignIn() throws Exception {
        this.mvc.perform(get("/admin")).andExpect(status().isFound())
            .andExpect(redirectedUrl("/admin/login"));
        this.mvc.perform(get("/admin/login")).andExpect(status().isOk())
            .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"login-form\"")));
    }

    @Test
    void theShopStaysOpenAndLinksTheAdminPage() throws Exception {
        this.mvc.perform(get("/")).andExpect(status().isOk())
            .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"nav-admin\"")));
        this.mvc.perform(get("/orders")).andExpect(status().isOk());
    }

    @Test
    void actuatorExposesHealthAloneWithoutDetails() throws Exception {
        String health = body(this.mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andReturn());
        assertThat(health).contains("\"status\":\"UP\"").doesNotContain("appId").doesNotContain("components");
        this.mvc.perform(get("/actuator/metrics")).andExpect(status().isNotFound());
        this.mvc.perform(get("/actuator/env")).andExpect(status().isNotFound());
    }

    @Test
    void theDevProfilesSignInPageShowsItsPassword() throws Exception {
        String page = body(this.mvc.perform(get("/admin/login")).andReturn());
        assertThat(page).contains("id=\"dev-password\"", "<code>admin</code>");
    }

    @Test
    void theRightPasswordSignsInAndShowsEveryPayment() throws Exception {
        MvcResult signedIn = this.mvc.perform(formLogin("/admin/login").user("admin").password("admin"))
            .andExpect(authenticated().withRoles("ADMIN"))
            .andExpect(redirectedUrl("/admin"))
            .andReturn();
        MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession();
        String page = body(this.mvc.perform(get("/admin").session(session)).andExpect(status().isOk()).andReturn());

        assertThat(page).contains("id=\"payment-aliPayment\"", "id=\"payment-shopB\"")
            .contains("id=\"health-status-aliPayment\">UP", "id=\"health-status-shopB\">UP")
            .contains(this.sandboxes.get("aliPayment").appId(), this.sandboxes.get("shopB").appId())
            .contains("none (public-key mode)", "none since start", "Stuck refunds")
            .contains("id=\"reconcile-form\"", "name=\"_csrf\"")
            .contains("value=\"" + LocalDate.now(BEIJING).minusDays(1) + "\"");
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        this.mvc.perform(formLogin("/admin/login").user("admin").password("wrong"))
            .andExpect(unauthenticated())
            .andExpect(redirectedUrl("/admin/login?error"));
        this.mvc.perform(formLogin("/admin/login").user("root").password("admin")).andExpect(unauthenticated());
        String page = body(this.mvc.perform(get("/admin/login").param("error", "")).andReturn());
        assertThat(page).contains("Wrong user name or password.");
    }

    @Test
    void repeatedWrongPasswordsLockTheirAddressOut() throws Exception {
        for (int i = 0; i < AdminLoginThrottle.MAX_FAILURES; i++) {
            this.mvc.perform(signIn("203.0.113.9", "wrong")).andExpect(redirectedUrl("/admin/login?error"));
        }
        this.mvc.perform(signIn("203.0.113.9", "admin"))
            .andExpect(unauthenticated())
            .andExpect(redirectedUrl("/admin/login?locked"));
        assertThat(body(this.mvc.perform(get("/admin/login").param("locked", "")).andReturn()))
            .contains("Too many failed sign-ins from this address");
        // The admin signing in from elsewhere is not kept out.
        this.mvc.perform(signIn("198.51.100.9", "admin")).andExpect(authenticated());
    }

    @Test
    void reconcilingNeedsTheCsrfToken() throws Exception {
        String day = LocalDate.now(BEIJING).minusDays(3).toString();
        this.mvc.perform(post("/admin/reconcile").param("payment", "shopB").param("day", day).with(admin()))
            .andExpect(status().isForbidden());
        this.mvc.perform(post("/admin/reconcile").param("payment", "shopB").param("day", day)
            .with(admin()).with(csrf().useInvalidToken())).andExpect(status().isForbidden());
        assertThat(body(this.mvc.perform(get("/admin").with(admin())).andReturn()))
            .doesNotContain(">" + day + "</strong>");
    }

    @Test
    void reconcilingADayShowsTheReport() throws Exception {
        // Two days ago: its bill's time has passed, and this shop had no trade that day, so Alipay's "no bill" means
        // an empty day, whatever the time of day the test runs.
        String day = LocalDate.now(BEIJING).minusDays(2).toString();
        this.mvc.perform(post("/admin/reconcile").param("payment", "aliPayment").param("day", day)
            .with(admin()).with(csrf()))
            .andExpect(redirectedUrl("/admin"))
            .andExpect(flash().attribute("message", "Reconciled aliPayment for " + day
                    + ": 0 matched, 0 discrepancies."));
        String page = body(this.mvc.perform(get("/admin").with(admin())).andReturn());
        assertThat(section(page, "aliPayment")).contains("<strong class=\"day\">" + day + "</strong>",
                "<strong class=\"matched\">0</strong>");
    }

    @Test
    void aBillAlipayDoesNotHaveYetShowsAlipaysReason() throws Exception {
        String today = LocalDate.now(BEIJING).toString();
        MvcResult refused = this.mvc.perform(post("/admin/reconcile").param("payment", "aliPayment")
            .param("day", today).with(admin()).with(csrf()))
            .andExpect(redirectedUrl("/admin"))
            .andReturn();
        String error = (String) refused.getFlashMap().get("error");
        assertThat(error).startsWith("Alipay answered isp.bill_not_exist (账单不存在): Alipay has no bill of " + today
                + " yet").contains("try again later").doesNotContain("Exception").doesNotContain("at io.jitpay");

        String page = body(this.mvc.perform(get("/admin").with(admin()).flashAttr("error", error)).andReturn());
        assertThat(page).contains("id=\"error\"", "isp.bill_not_exist");
    }

    @Test
    void aDayThatIsNotADayIsExplained() throws Exception {
        this.mvc.perform(post("/admin/reconcile").param("payment", "aliPayment").param("day", "yesterday")
            .with(admin()).with(csrf()))
            .andExpect(flash().attribute("error", "'yesterday' is not a day; enter it as yyyy-MM-dd."));
        this.mvc.perform(post("/admin/reconcile").param("payment", "shopZ")
            .param("day", LocalDate.now(BEIJING).minusDays(1).toString()).with(admin()).with(csrf()))
            .andExpect(flash().attribute("error", org.hamcrest.Matchers.containsString("shopZ")));
    }

    @Test
    void theSchedulesReportIsShownWithItsDiscrepancies() throws Exception {
        LocalDate day = LocalDate.now(BEIJING).minusDays(5);
        ReconciliationReport report = new ReconciliationReport("pays.shopB", day, 3, 2, List.of(new Discrepancy(
                "D-MISSING-1", Discrepancy.Kind.MISSING_AT_ALIPAY, null, null, null, new BigDecimal("9.90"), false,
                "paid here, not in the bill")));
        this.events.publishEvent(new ReconciliationCompletedEvent("pays.shopB", report));

        String shopB = section(body(this.mvc.perform(get("/admin").with(admin())).andReturn()), "shopB");
        assertThat(shopB).contains("<strong class=\"day\">" + day + "</strong>", "<strong class=\"matched\">2</strong>",
                "D-MISSING-1", "MISSING_AT_ALIPAY", "9.90", "paid here, not in the bill");
    }

    @Test
    void aForgedNotificationIsCountedByItsReason() throws Exception {
        String id = this.payment.create("Cup of coffee", new BigDecimal("9.90")).orderId();
        this.payment.getPayUrl(id, PayType.PRE_PAY);
        AliPaySandbox sandbox = this.sandboxes.get("aliPayment");
        sandbox.scan(id);
        Map<String, String> forged = new LinkedHashMap<>(sandbox.notification(id));
        forged.put("total_amount", "0.01");
        this.mvc.perform(post("/jitpay/alipay/notify").contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .content(form(forged))).andExpect(status().isOk());

        String section = section(body(this.mvc.perform(get("/admin").with(admin())).andReturn()), "aliPayment");
        assertThat(section).containsPattern("data-key=\"rejected\">\\s*<td>rejected</td><td class=\"num\">[1-9]")
            .containsPattern("data-key=\"bad_signature\">\\s*<td>bad_signature</td><td class=\"num\">[1-9]")
            .contains("alipay.trade.precreate");
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
        return user("admin").roles("ADMIN");
    }

    private static String body(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** One payment's section of the admin page. */
    private static String section(String page, String name) {
        int start = page.indexOf("id=\"payment-" + name + "\"");
        assertThat(start).as("the section of " + name).isNotNegative();
        int end = page.indexOf("</section>", start);
        return page.substring(start, end);
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream().map((param) -> param.getKey() + "="
                + java.net.URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** A sign-in from a given address (each test's own, so that one's failures lock no other out). */
    private static MockHttpServletRequestBuilder signIn(String address, String password) {
        return post("/admin/login").param("username", "admin").param("password", password).with(csrf())
            .with((request) -> {
                request.setRemoteAddr(address);
                return request;
            });
    }
}
