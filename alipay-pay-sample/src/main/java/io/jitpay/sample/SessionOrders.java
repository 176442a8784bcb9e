package io.jitpay.sample;

import java.io.Serializable;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.web.context.annotation.SessionScope;

/**
 * The ids of the orders placed in this browser session: the only orders the shopper may see, check or cancel. An order
 * id is no secret (it is in links, QR codes and logs), so knowing one must not be enough to act on the order.
 */
@Component
@SessionScope
class SessionOrders implements Serializable {

    private static final long serialVersionUID = 1L;

    // Concurrent: one browser may send several requests of its session at once (the order page polls its status).
    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    void add(String id) {
        this.ids.add(id);
    }

    boolean contains(String id) {
        return this.ids.contains(id);
    }

    Set<String> ids() {
        return Set.copyOf(this.ids);
    }
}
