package io.jitpay.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.jitpay.alipay.AliPayment;
import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayType;

/**
 * The in-store till: the cashier enters an amount and a subject and scans (or types) the buyer's payment code, and
 * the till page of the order shows the outcome: paid; refused with Alipay's reason, the order still waiting for another
 * code; or under way while the buyer confirms on the phone. In the dev profile the page also lists the sandbox's test
 * codes and plays the buyer's confirmation. Orders are the session's own, as everywhere in the shop.
 */
@Controller
@RequestMapping("/in-store")
class InStoreController {

    private final ShopPayments payments;

    private final ShopperOrders orders;

    private final InStoreTill till;

    private final DevSandbox sandbox;

    InStoreController(ShopPayments payments, ShopperOrders orders, InStoreTill till, DevSandbox sandbox) {
        this.payments = payments;
        this.orders = orders;
        this.till = till;
        this.sandbox = sandbox;
    }

    @GetMapping
    String newSale(Model model) {
        return saleForm(model, "Cup of coffee", "9.90", null, null);
    }

    @PostMapping
    String sale(@RequestParam String subject, @RequestParam String amount, @RequestParam String code,
            @RequestParam(required = false) @Nullable String app, Model model, RedirectAttributes redirect) {
        String paymentCode;
        AliPayment payment;
        PayLog payLog;
        try {
            paymentCode = FormInput.paymentCode(code);
            payment = this.payments.chosen(app);
            payLog = payment.create(subject, FormInput.amount(amount));
        }
        catch (PayException ex) {
            return saleForm(model, subject, amount, app, ShopErrors.readable(ex));
        }
        this.orders.add(ShopOrder.placed(payLog.orderId(), payLog.fullName(), payLog.subject(), payLog.amount(),
                PayType.BARCODE_PAY, payLog.createdAt()));
        present(payment, payLog.orderId(), paymentCode, redirect);
        return "redirect:/in-store/" + payLog.orderId();
    }

    @GetMapping("/{id}")
    String show(@PathVariable String id, Model model) {
        ShopOrder order = this.orders.require(id);
        if (order.payType() != PayType.BARCODE_PAY) {
            return "redirect:/orders/" + id;
        }
        Map<String, Object> view = OrderViews.order(order, this.orders.payLog(order));
        boolean underWay = this.till.isUnderWay(id);
        boolean waiting = Boolean.TRUE.equals(view.get("waiting"));
        view.put("underWay", underWay && waiting);
        view.put("refusal", underWay ? null : order.refusal());
        view.put("acceptsCode", waiting && !underWay);
        view.put("buyerConfirms", underWay && waiting && this.sandbox.playing(order.payment()).isPresent());
        model.addAttribute("order", view);
        model.addAttribute("testCodes", this.sandbox.testCodes());
        return "in-store-order";
    }

    /** Another code for a waiting order: after a refusal, the buyer shows a refreshed code or pays another way. */
    @PostMapping("/{id}/code")
    String code(@PathVariable String id, @RequestParam String code, RedirectAttributes redirect) {
        ShopOrder order = this.orders.require(id);
        if (order.payType() != PayType.BARCODE_PAY) {
            return "redirect:/orders/" + id;
        }
        try {
            present(this.orders.paymentOf(order), id, FormInput.paymentCode(code), redirect);
        }
        catch (PayException ex) {
            redirect.addFlashAttribute("error", ShopErrors.readable(ex));
        }
        return "redirect:/in-store/" + id;
    }

    @GetMapping(path = "/{id}/status", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> status(@PathVariable String id) {
        Optional<ShopOrder> order = this.orders.find(id);
        if (order.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        PayLog payLog = this.orders.payLog(order.get());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", payLog.status().code());
        status.put("label", OrderViews.label(payLog.status()));
        status.put("underWay", this.till.isUnderWay(id));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(status);
    }

    /**
     * Dev profile only: the buyer confirms the payment on the phone, played by the sandbox of the order's Alipay app.
     * Against real Alipay the buyer does it in their own Alipay, and this answers 404.
     */
    @PostMapping("/{id}/buyer-confirms")
    String buyerConfirms(@PathVariable String id, RedirectAttributes redirect) {
        ShopOrder order = this.orders.require(id);
        AliPaySandbox playing = this.sandbox.playing(order.payment())
            .orElseThrow(() -> ShopperOrders.notFound(id));
        try {
            playing.confirm(id);
            redirect.addFlashAttribute("message", "The buyer confirmed the payment on the phone.");
        }
        catch (IllegalArgumentException | IllegalStateException ex) {
            redirect.addFlashAttribute("error", "Nothing awaits the buyer's confirmation: Alipay (the sandbox) "
                    + "has no payment of this order waiting for it.");
        }
        return "redirect:/in-store/" + id;
    }

    private void present(AliPayment payment, String id, String code, RedirectAttributes redirect) {
        switch (this.till.present(payment, id, code)) {
            case ALREADY_UNDER_WAY -> redirect.addFlashAttribute("error", "A payment code of this order is being "
                    + "paid already; wait for its outcome.");
            case BUSY -> redirect.addFlashAttribute("error", "The till is waiting for too many buyers; present the "
                    + "code again in a moment.");
            case ANSWERED, UNDER_WAY -> {
                // The order page shows the outcome, or the payment under way.
            }
        }
    }

    private String saleForm(Model model, String subject, String amount, @Nullable String app,
            @Nullable String error) {
        model.addAttribute("subject", subject);
        model.addAttribute("amount", amount);
        model.addAttribute("apps", this.payments.choices(app));
        model.addAttribute("testCodes", this.sandbox.testCodes());
        if (error != null) {
            model.addAttribute("error", error);
        }
        return "in-store";
    }
}
