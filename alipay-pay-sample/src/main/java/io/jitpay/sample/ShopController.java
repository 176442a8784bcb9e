package io.jitpay.sample;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.jitpay.alipay.AliPayment;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.PayType;
import io.jitpay.pay.PayUrl;

/**
 * The shop's checkout: the product form, where the buyer picks a way to pay (a QR code, the mobile-web cashier or the
 * PC cashier) and, when the shop has several Alipay applications, which one; and the page the cashiers send the buyer
 * back to.
 */
@Controller
class ShopController {

    /** The ways to pay the checkout offers; in store, the till takes the buyer's payment code instead. */
    private static final Set<PayType> CHECKOUT = EnumSet.of(PayType.PRE_PAY, PayType.WAP_PAY, PayType.PAGE_PAY);

    private final ShopPayments payments;

    private final ShopperOrders orders;

    private final ShopOrders allOrders;

    ShopController(ShopPayments payments, ShopperOrders orders, ShopOrders allOrders) {
        this.payments = payments;
        this.orders = orders;
        this.allOrders = allOrders;
    }

    @GetMapping("/")
    String home(Model model) {
        return form(model, "Cup of coffee", "9.90", null, null);
    }

    @PostMapping("/orders")
    String order(@RequestParam String subject, @RequestParam String amount, @RequestParam String payType,
            @RequestParam(required = false) @Nullable String app, Model model) {
        AliPayment payment;
        PayLog payLog;
        PayType type;
        try {
            type = PayType.of(payType);
            if (!CHECKOUT.contains(type)) {
                throw new PayException(PayErrorCode.UNKNOWN_PAY_TYPE, "the checkout takes PRE_PAY, WAP_PAY or "
                        + "PAGE_PAY; in store, the till takes the buyer's payment code");
            }
            payment = this.payments.chosen(app);
            payLog = payment.create(subject, FormInput.amount(amount));
        }
        catch (PayException ex) {
            return form(model, subject, amount, app, ShopErrors.readable(ex));
        }
        this.orders.add(ShopOrder.placed(payLog.orderId(), payLog.fullName(), payLog.subject(), payLog.amount(), type,
                payLog.createdAt()));
        PayUrl payUrl = payment.getPayUrl(payLog.orderId(), type);
        if (type == PayType.WAP_PAY || type == PayType.PAGE_PAY) {
            // The signed request as a form that submits itself: to the mobile cashier, or to the PC cashier.
            model.addAttribute("form", payUrl.form());
            return "cashier-redirect";
        }
        String qrContent = payUrl.payUrl();
        if (qrContent != null) {
            this.allOrders.payUrl(payLog.orderId(), qrContent);
        }
        return "redirect:/orders/" + payLog.orderId();
    }

    /**
     * Where the mobile and PC cashiers send the buyer back: the parameters name the order; its status comes from us.
     * The order's own payment verifies them, as its application's Alipay signed them; for an order the shop does not
     * have, the first payment does, so that an unsigned link answers the same whether the order exists or not. It is
     * the same browser that placed the order, so the order page finds it in the session.
     */
    @GetMapping("/return")
    String returned(@RequestParam Map<String, String> params) {
        AliPayment payment = this.allOrders.find(params.get("out_trade_no")).map(this.payments::of)
            .orElseGet(() -> this.payments.chosen(null));
        PayLog payLog = payment.verifyReturn(params);
        return "redirect:/orders/" + payLog.orderId();
    }

    private String form(Model model, String subject, String amount, @Nullable String app, @Nullable String error) {
        model.addAttribute("subject", subject);
        model.addAttribute("amount", amount);
        model.addAttribute("apps", this.payments.choices(app));
        if (error != null) {
            model.addAttribute("error", error);
        }
        return "home";
    }
}
