package io.jitpay.sample;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
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
import io.jitpay.pay.PayStatus;
import io.jitpay.pay.PayType;
import io.jitpay.pay.PayUrl;
import io.jitpay.pay.RefundLog;

/**
 * The shop's pages: product form, QR and mobile-web checkout, order page with live status, orders list. A shopper
 * sees and acts on the orders of their own browser session only ({@link SessionOrders}); any other order id answers 404,
 * as an unknown one does, so that the answer does not tell whether the order exists.
 */
@Controller
class ShopController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
        .withZone(ZoneId.systemDefault());

    private final AliPayment payment;

    private final ShopOrders orders;

    private final SessionOrders sessionOrders;

    ShopController(AliPayment payment, ShopOrders orders, SessionOrders sessionOrders) {
        this.payment = payment;
        this.orders = orders;
        this.sessionOrders = sessionOrders;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("subject", "Cup of coffee");
        model.addAttribute("amount", "9.90");
        return "home";
    }

    @PostMapping("/orders")
    String order(@RequestParam String subject, @RequestParam String amount, @RequestParam String payType,
            Model model) {
        PayLog payLog;
        PayType type;
        try {
            type = PayType.of(payType);
            payLog = this.payment.create(subject, parseAmount(amount));
        }
        catch (PayException ex) {
            model.addAttribute("subject", subject);
            model.addAttribute("amount", amount);
            model.addAttribute("error", readable(ex));
            return "home";
        }
        this.orders.insert(new ShopOrder(payLog.orderId(), payLog.subject(), payLog.amount(), type, null,
                payLog.createdAt(), null));
        this.sessionOrders.add(payLog.orderId());
        PayUrl payUrl = this.payment.getPayUrl(payLog.orderId(), type);
        if (type == PayType.WAP_PAY) {
            model.addAttribute("form", payUrl.form());
            return "cashier-redirect";
        }
        String qrContent = payUrl.payUrl();
        if (qrContent != null) {
            this.orders.payUrl(payLog.orderId(), qrContent);
        }
        return "redirect:/orders/" + payLog.orderId();
    }

    @GetMapping("/orders")
    String list(Model model) {
        List<Map<String, Object>> rows = this.orders.latest(this.sessionOrders.ids(), 100).stream().map(this::view)
            .toList();
        model.addAttribute("orders", rows);
        return "orders";
    }

    @GetMapping("/orders/{id}")
    String show(@PathVariable String id, Model model) {
        model.addAttribute("order", view(require(id)));
        model.addAttribute("refunds", this.payment.findRefunds(id).stream().map(ShopController::view).toList());
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
        require(id);
        try {
            RefundLog refund = this.payment.refund(id, parseAmount(amount),
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
            redirect.addFlashAttribute("error", readable(ex));
        }
        return "redirect:/orders/" + id;
    }

    @GetMapping(path = "/orders/{id}/status", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> status(@PathVariable String id) {
        Optional<ShopOrder> order = mine(id);
        if (order.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        Map<String, Object> view = view(order.get());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", view.get("status"));
        status.put("label", view.get("label"));
        status.put("fulfilled", view.get("fulfilled"));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(status);
    }

    @GetMapping(path = "/orders/{id}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    @ResponseBody
    ResponseEntity<byte[]> qr(@PathVariable String id) {
        String payUrl = mine(id).map(ShopOrder::payUrl).orElse(null);
        if (payUrl == null) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(QrCodes.png(payUrl, 280));
    }

    @PostMapping("/orders/{id}/check")
    String check(@PathVariable String id, RedirectAttributes redirect) {
        require(id);
        PayLog payLog = this.payment.check(id);
        redirect.addFlashAttribute("message", "Checked with Alipay: " + label(payLog.status()) + ".");
        return "redirect:/orders/" + id;
    }

    @PostMapping("/orders/{id}/cancel")
    String cancel(@PathVariable String id, RedirectAttributes redirect) {
        require(id);
        this.payment.cancel(id);
        redirect.addFlashAttribute("message", "The order was cancelled.");
        return "redirect:/orders/" + id;
    }

    /**
     * Where the mobile cashier sends the buyer back: the parameters name the order; its status comes from us. It is the
     * same browser that placed the order, so the order page finds it in the session.
     */
    @GetMapping("/return")
    String returned(@RequestParam Map<String, String> params) {
        PayLog payLog = this.payment.verifyReturn(params);
        return "redirect:/orders/" + payLog.orderId();
    }

    @ExceptionHandler(PayException.class)
    String failure(PayException ex, Model model, jakarta.servlet.http.HttpServletResponse response) {
        response.setStatus(switch (ex.code()) {
            case ORDER_NOT_EXIST_ERROR -> HttpStatus.NOT_FOUND.value();
            case THIRD_PARTY_ERROR -> HttpStatus.BAD_GATEWAY.value();
            case SIGN_ERROR -> HttpStatus.FORBIDDEN.value();
            default -> HttpStatus.CONFLICT.value();
        });
        model.addAttribute("error", readable(ex));
        return "problem";
    }

    private Map<String, Object> view(ShopOrder order) {
        PayLog payLog = this.payment.find(order.id()).orElseThrow(() -> notFound(order.id()));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", order.id());
        view.put("subject", order.subject());
        view.put("amount", order.amount().toPlainString());
        view.put("payType", (order.payType() == PayType.PRE_PAY) ? "QR code" : "Mobile web");
        view.put("qr", order.payType() == PayType.PRE_PAY && order.payUrl() != null);
        view.put("payUrl", order.payUrl());
        view.put("status", payLog.status().code());
        view.put("label", label(payLog.status()));
        view.put("waiting", payLog.status() == PayStatus.WAIT);
        view.put("createdAt", TIME.format(order.createdAt()));
        view.put("paidAt", (payLog.paidAt() != null) ? TIME.format(payLog.paidAt()) : null);
        view.put("tradeNo", payLog.tradeNo());
        view.put("fulfilled", order.fulfilledAt() != null);
        BigDecimal left = payLog.amount().subtract(payLog.refundedAmount());
        view.put("paid", payLog.status() == PayStatus.SUCCESS);
        view.put("refunded", payLog.refundedAmount().toPlainString());
        view.put("left", left.toPlainString());
        view.put("refundable", payLog.status() == PayStatus.SUCCESS && left.signum() > 0);
        if (payLog.status() == PayStatus.SUCCESS && payLog.refundedAmount().signum() > 0) {
            view.put("label", (left.signum() == 0) ? "Refunded"
                    : "Paid, ¥" + payLog.refundedAmount().toPlainString() + " refunded");
        }
        return view;
    }

    private static Map<String, Object> view(RefundLog refund) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", refund.refundId());
        view.put("amount", refund.amount().toPlainString());
        view.put("reason", refund.reason());
        view.put("status", refund.status().name().toLowerCase(java.util.Locale.ROOT));
        view.put("label", switch (refund.status()) {
            case PROCESSING -> "Being confirmed";
            case SUCCESS -> "Refunded";
            case FAILED -> "Refused: " + refund.gatewaySubMsg();
        });
        view.put("at", TIME.format((refund.refundedAt() != null) ? refund.refundedAt() : refund.createdAt()));
        return view;
    }

    /** The order, when it was placed in this session; an order of another session is as absent as an unknown one. */
    private Optional<ShopOrder> mine(String id) {
        return this.sessionOrders.contains(id) ? this.orders.find(id) : Optional.empty();
    }

    private ShopOrder require(String id) {
        return mine(id).orElseThrow(() -> notFound(id));
    }

    private static PayException notFound(String id) {
        return new PayException(PayErrorCode.ORDER_NOT_EXIST_ERROR,
                "There is no order " + id + " among the orders placed in this browser");
    }

    static String label(PayStatus status) {
        return switch (status) {
            case WAIT -> "Waiting for payment";
            case SUCCESS -> "Paid";
            case CLOSE -> "Cancelled";
            case TIMEOUT -> "Expired";
        };
    }

    private static BigDecimal parseAmount(@Nullable String amount) {
        try {
            return new BigDecimal((amount != null) ? amount.trim() : "");
        }
        catch (NumberFormatException ex) {
            throw new PayException(PayErrorCode.INVALID_PARAM_ERROR, "amount '" + amount + "' is not a number; "
                    + "enter yuan such as 9.90");
        }
    }

    /** What went wrong and what to do, built from the exception's parts as a shopper should read them: no code. */
    private static String readable(PayException ex) {
        String text = ex.problem() + ((ex.fix() != null) ? "; " + ex.fix() : "");
        if (text.isEmpty()) {
            return "Something went wrong.";
        }
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + (text.endsWith(".") ? "" : ".");
    }
}
