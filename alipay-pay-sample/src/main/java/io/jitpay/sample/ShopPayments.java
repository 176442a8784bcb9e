package io.jitpay.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.jitpay.alipay.AliPayment;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.Payment;
import io.jitpay.pay.Payments;

/**
 * The shop's Alipay applications, found by name through the starter's {@link Payments}: the top-level one
 * ({@code jitpay.alipay.*}) and each {@code jitpay.alipay.apps.<name>} entry, the top-level one first. With one, the
 * shop offers no choice; with several (shop B in the dev profile, or {@code jitpay.alipay.apps.shopB.*} against real
 * Alipay), the buyer picks one, and each order keeps the full name of its own, through which it is paid, checked,
 * cancelled and refunded.
 */
@Component
class ShopPayments {

    private final Payments payments;

    ShopPayments(Payments payments) {
        this.payments = payments;
    }

    /** {@return the Alipay payments, the top-level one first} */
    List<AliPayment> all() {
        return this.payments.all().stream().filter(AliPayment.class::isInstance).map(AliPayment.class::cast).toList();
    }

    /**
     * The payment the buyer chose, or the first one when the form offered no choice.
     * @throws PayException {@link PayErrorCode#INVALID_PARAM_ERROR} for a name that is none of the shop's
     */
    AliPayment chosen(@Nullable String name) {
        return (name == null || name.isBlank()) ? all().get(0) : get(name);
    }

    /** The payment an order belongs to. */
    AliPayment of(ShopOrder order) {
        return get(order.payment());
    }

    /**
     * A payment by its name ({@code shopB}) or full name ({@code pays.shopB}).
     * @throws PayException {@link PayErrorCode#INVALID_PARAM_ERROR} when the shop has no Alipay payment of that name
     */
    AliPayment get(String name) {
        Payment payment = this.payments.get(name);
        if (payment instanceof AliPayment aliPayment) {
            return aliPayment;
        }
        throw new PayException(PayErrorCode.INVALID_PARAM_ERROR, name + " is not an Alipay payment; the shop takes "
                + "Alipay only");
    }

    /**
     * The choice of application a form offers, one entry per payment with its name and app id (no secret: it is in
     * every payment link), the chosen one checked; empty when there is nothing to choose.
     */
    List<Map<String, Object>> choices(@Nullable String chosen) {
        List<AliPayment> all = all();
        if (all.size() < 2) {
            return List.of();
        }
        // The form's own choice again, or the first: a name the shop does not have was reported on the form.
        String checked = all.stream().map((payment) -> shortName(payment.fullName()))
            .filter((name) -> chosen != null && name.equals(shortName(chosen.trim())))
            .findFirst()
            .orElse(shortName(all.get(0).fullName()));
        return all.stream().map((payment) -> {
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("name", shortName(payment.fullName()));
            choice.put("appId", payment.appId());
            choice.put("checked", shortName(payment.fullName()).equals(checked));
            return choice;
        }).toList();
    }

    /** The name of a payment as the shop shows it: {@code shopB} for {@code pays.shopB}. */
    static String shortName(String fullName) {
        return fullName.startsWith("pays.") ? fullName.substring("pays.".length()) : fullName;
    }
}
