package io.jitpay.alipay.sandbox;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jspecify.annotations.Nullable;

/** The faults {@link AliPaySandbox#failNext} queued, per gateway method, played one per call in order. */
final class PendingFaults {

    private final Map<String, Queue<SandboxFault>> byMethod = new ConcurrentHashMap<>();

    void add(String method, SandboxFault fault) {
        this.byMethod.computeIfAbsent(method, (m) -> new ConcurrentLinkedQueue<>()).add(fault);
    }

    /** The next fault of a method, removed from the queue, or {@code null}. */
    @Nullable SandboxFault take(String method) {
        Queue<SandboxFault> queue = this.byMethod.get(method);
        return (queue != null) ? queue.poll() : null;
    }

    void clear() {
        this.byMethod.clear();
    }
}
