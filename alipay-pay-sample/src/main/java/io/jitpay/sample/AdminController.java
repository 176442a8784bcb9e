package io.jitpay.sample;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.jitpay.alipay.AliPayHealth;
import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.autoconfigure.AliPayProperties;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.ReconciliationReport;

/**
 * The admin page, behind {@link AdminSecurity}'s sign-in: for each Alipay payment its health, its last reconciliation
 * and its meters; and a form that reconciles a day of one payment, whose report becomes that payment's last.
 */
@Controller
@ConditionalOnProperty(prefix = "shop.admin", name = "password")
@RequestMapping("/admin")
class AdminController {

    /** Alipay's bills are of days in Beijing time. */
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private final ShopPayments payments;

    private final LastReconciliations reconciliations;

    private final PaymentMetrics metrics;

    private final AdminAccount account;

    private final boolean probeGateway;

    AdminController(ShopPayments payments, LastReconciliations reconciliations, PaymentMetrics metrics,
            AdminAccount account, ObjectProvider<AliPayProperties> properties) {
        this.payments = payments;
        this.reconciliations = reconciliations;
        this.metrics = metrics;
        this.account = account;
        // As the alipay health contributor does: probe Alipay only when jitpay.alipay.health.gateway says so.
        this.probeGateway = properties.getIfAvailable(AliPayProperties::new).getHealth().isGateway();
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("sections", this.payments.all().stream().map(this::section).toList());
        if (!model.containsAttribute("day")) {
            // The day the schedule reconciles: yesterday's bill is the newest Alipay has.
            model.addAttribute("day", LocalDate.now(BEIJING).minusDays(1).toString());
        }
        return "admin";
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("username", this.account.username().orElse(""));
        model.addAttribute("devPassword", this.account.devPassword().orElse(null));
        return "admin-login";
    }

    @PostMapping("/reconcile")
    String reconcile(@RequestParam String payment, @RequestParam String day, RedirectAttributes redirect) {
        redirect.addFlashAttribute("chosen", payment);
        redirect.addFlashAttribute("day", day);
        try {
            AliPayment chosen = this.payments.get(payment);
            ReconciliationReport report = chosen.reconcile(day(day));
            this.reconciliations.record(report);
            redirect.addFlashAttribute("message", "Reconciled " + AliPayHealth.nameOf(report.fullName()) + " for "
                    + report.day() + ": " + report.matched() + " matched, " + discrepancies(report) + ".");
        }
        catch (PayException ex) {
            redirect.addFlashAttribute("error", reason(ex));
        }
        return "redirect:/admin";
    }

    private AdminSection section(AliPayment payment) {
        AliPayHealth health = payment.health(this.probeGateway);
        return new AdminSection(health.name(), payment.fullName(), health.up(), AdminSection.labelled(health),
                this.reconciliations.of(payment.fullName()).orElse(null), this.metrics.of(payment.fullName()));
    }

    /**
     * Why a reconciliation failed: Alipay's own codes when it refused (the bill is not ready:
     * {@code isp.bill_not_exist}), then what to do.
     */
    static String reason(PayException ex) {
        String subCode = ex.gatewaySubCode();
        if (subCode == null) {
            return ShopErrors.readable(ex);
        }
        String subMsg = ex.gatewaySubMsg();
        String fix = ex.fix();
        return "Alipay answered " + subCode + ((subMsg != null) ? " (" + subMsg + ")" : "") + ": "
                + ShopErrors.sentence((fix != null) ? fix : ex.problem());
    }

    private static String discrepancies(ReconciliationReport report) {
        int count = report.discrepancies().size();
        return count + ((count == 1) ? " discrepancy" : " discrepancies");
    }

    private static LocalDate day(String day) {
        try {
            return LocalDate.parse(day.trim());
        }
        catch (DateTimeParseException ex) {
            throw new PayException(PayErrorCode.INVALID_PARAM_ERROR, "'" + day + "' is not a day; enter it as "
                    + "yyyy-MM-dd");
        }
    }
}
