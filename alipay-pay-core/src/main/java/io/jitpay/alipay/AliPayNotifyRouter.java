package io.jitpay.alipay;

import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.jitpay.pay.NotifyResult;

/**
 * One notification endpoint for several payment instances: hands each notification to the instance that owns its
 * order ({@link AliPayLogStore#findOwner}), which verifies it with its own Alipay key and rejects it when its
 * {@code app_id} is not its own. A notification whose order no instance owns, or that is not a readable form, goes to
 * the first instance, which journals and rejects it as such.
 *
 * <pre>
 * AliPayNotifyRouter router = new AliPayNotifyRouter(List.of(shopA, shopB), store);
 * NotifyResult result = router.notify(NotifyRequest.of(contentType, body, remoteAddress));
 * </pre>
 *
 * @since 0.1.0
 */
public final class AliPayNotifyRouter {

    private final Map<String, AliPayment> byFullName = new LinkedHashMap<>();

    private final AliPayment fallback;

    private final @Nullable AliPayLogStore store;

    /**
     * Creates the router.
     * @param payments the instances; the first receives what no instance owns
     * @param store    the order store the instances share; {@code null} only when there is one instance
     * @throws IllegalArgumentException when there is no instance, two have the same full name, or there are several
     *                                  and no store
     */
    public AliPayNotifyRouter(List<AliPayment> payments, @Nullable AliPayLogStore store) {
        if (payments.isEmpty()) {
            throw new IllegalArgumentException("There is no payment instance to route notifications to");
        }
        for (AliPayment payment : payments) {
            if (this.byFullName.putIfAbsent(payment.fullName(), payment) != null) {
                throw new IllegalArgumentException("Two payment instances are named " + payment.fullName());
            }
        }
        if (payments.size() > 1 && store == null) {
            throw new IllegalArgumentException("Several payment instances need the order store to find which one "
                    + "owns an order");
        }
        this.fallback = payments.get(0);
        this.store = store;
    }

    /**
     * Handles a notification with the instance that owns its order.
     * @param request the request
     * @return what to answer Alipay
     */
    public NotifyResult notify(NotifyRequest request) {
        AliPayLogStore orders = this.store;
        if (orders == null || this.byFullName.size() == 1) {
            return this.fallback.notify(request);
        }
        AliPayment owner = orderId(request).flatMap(orders::findOwner).map(this.byFullName::get)
            .orElse(this.fallback);
        return owner.notify(request);
    }

    /**
     * Handles a notification with the instance a notify URL names, for applications whose notify URL ends with their
     * name. An order of another instance is then unknown to it, and rejected.
     * @param name    the instance's name ({@code shopA}) or full name ({@code pays.shopA})
     * @param request the request
     * @return what to answer Alipay, or empty when there is no instance of that name
     */
    public Optional<NotifyResult> notify(String name, NotifyRequest request) {
        AliPayment payment = this.byFullName.get(name.startsWith("pays.") ? name : "pays." + name);
        return Optional.ofNullable(payment).map((named) -> named.notify(request));
    }

    /** The {@code out_trade_no} of a readable form; the instance that handles it checks everything else. */
    private static Optional<String> orderId(NotifyRequest request) {
        try {
            Map<String, String> params;
            Map<String, String[]> decoded = request.decodedParameters();
            Charset decodedWith = request.decodedWith();
            if (request.body().length > 0) {
                params = NotifyForm.decode(request.body());
            }
            else if (decoded != null && decodedWith != null) {
                params = NotifyForm.fromDecoded(decoded, decodedWith);
            }
            else {
                return Optional.empty();
            }
            return Optional.ofNullable(nonBlank(params.get("out_trade_no")));
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    private static @Nullable String nonBlank(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value;
    }
}
