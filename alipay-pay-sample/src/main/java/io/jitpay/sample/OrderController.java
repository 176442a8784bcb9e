package io.jitpay.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.jitpay.alipay.AliPayment;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;
import io.jitpay.pay.RefundLog;

/**
 * The orders of the shopper's browser session: the list, the order page with its live status, QR code, check, cancel
 * and refunds. Each order is acted on through its own payment, the Alipay application it was placed with. Any order
 * of another session answers 404, as an unknown one does ({@link ShopperOrders}).
 */
@Controller
class OrderController {

    private final ShopperOrders orders;

    OrderController(ShopperOrders orders) {
        this.orders = orders;
    }

    @GetMapping("/orders")
    String list(Model model) {
        List<Map<String, Object>> rows = this.orders.latest(100).stream()
            .map((order) -> OrderViews.order(order, this.orders.payLog(order)))
            .toList();
        model.addAttribute("orders", rows);
        return "orders";
    }

    @GetMapping("/orders/{id}")
    String show(@PathVariable String id, Model model) {
        ShopOrder order = this.orders.require(id);
        AliPayment payment = this.orders.paymentOf(order);
        model.addAttribute("order", OrderViews.order(order, this.orders.payLog(order)));
        model.addAttribute("refunds", payment.findRefunds(id).stream().map(OrderViews::refund).toList());
        // The refund form's idempotency key: submitting the same form twice refunds once.
        model.addAttribute("refundId", "S" + UUID.randomUUID().toString().replace("-", "").substring(0, 19));
        return "order";
    }

    /**
     * A refund, full by default, as customer service makes it. The form carries its own refund id, so a double click or
     * a resubmitted form refunds once; a refund whose outcome Alipay has not confirmed yet shows as processing.
     */
    @PostMapping("/orders/{id}/refunds")
    String refund(@PathVariable String id, @RequestParam String amount, @RequestParam(required = false) String reason,
            @RequestParam String refundId, RedirectAttributes redirect) {
        AliPayment payment = this.orders.paymentOf(this.orders.require(id));
        try {
            RefundLog refund = payment.refund(id, FormInput.amount(amount),
                    (reason == null || reason.isBlank()) ? null : reason.trim(), refundId);
            redirect.addFlashAttribute("message", switch (refund.status()) {
                case SUCCESS -> "Refunded ¥" + refund.amount().toPlainString() + ".";
                case PROCESSING -> "The refund of ¥" + refund.amount().toPlainString() + " was sent; Alipay has not "
                        + "confirmed it yet. It is confirmed in the background.";
                case FAILED -> "Alipay refused the refund.";
            });
        }
        catch (PayException ex) {
            if (ex.code() == PayErrorCode.ORDER_NOT_EXIST_ERROR) {
                throw ex;
            }
            redirect.addFlashAttribute("error", ShopErrors.readable(ex));
        }
        return "redirect:/orders/" + id;
    }

    @GetMapping(path = "/orders/{id}/status", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> status(@PathVariable String id) {
        Optional<ShopOrder> order = this.orders.find(id);
        if (order.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        Map<String, Object> view = OrderViews.order(order.get(), this.orders.payLog(order.get()));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", view.get("status"));
        status.put("label", view.get("label"));
        status.put("fulfilled", view.get("fulfilled"));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(status);
    }

    @GetMapping(path = "/orders/{id}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    @ResponseBody
    ResponseEntity<byte[]> qr(@PathVariable String id) {
        String payUrl = this.orders.find(id).map(ShopOrder::payUrl).orElse(null);
        if (payUrl == null) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(QrCodes.png(payUrl, 280));
    }

    @PostMapping("/orders/{id}/check")
    String check(@PathVariable String id, RedirectAttributes redirect) {
        PayLog payLog = this.orders.paymentOf(this.orders.require(id)).check(id);
        redirect.addFlashAttribute("message", "Checked with Alipay: " + OrderViews.label(payLog.status()) + ".");
        return "redirect:/orders/" + id;
    }

    @PostMapping("/orders/{id}/cancel")
    String cancel(@PathVariable String id, RedirectAttributes redirect) {
        this.orders.paymentOf(this.orders.require(id)).cancel(id);
        redirect.addFlashAttribute("message", "The order was cancelled.");
        return "redirect:/orders/" + id;
    }
}
