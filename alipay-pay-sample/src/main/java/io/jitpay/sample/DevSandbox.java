package io.jitpay.sample;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.SandboxAuthCodes;
import io.jitpay.alipay.sandbox.boot.AliPaySandboxes;

/**
 * The embedded sandboxes, when the dev profile started them: what the offline demo needs that real Alipay does
 * differently. The buyer confirms an in-store payment on the phone, which the sandbox plays with
 * {@link AliPaySandbox#confirm}; and payment codes come from the buyer's Alipay, which the sandbox scripts with
 * {@link SandboxAuthCodes}. Against real Alipay there is no sandbox, and none of this is shown.
 */
@Component
class DevSandbox {

    /** The sandbox's scripted payment codes and what each makes "Alipay" answer; meaningless against real Alipay. */
    private static final List<Map<String, String>> TEST_CODES = List.of(
            code(SandboxAuthCodes.PAYS, "pays at once"),
            code(SandboxAuthCodes.NEEDS_CONFIRMATION, "the buyer must confirm on the phone (10003)"),
            code(SandboxAuthCodes.INVALID, "refused: Alipay cannot read the code"),
            code(SandboxAuthCodes.NO_BALANCE, "refused: the buyer's balance is not enough"),
            code(SandboxAuthCodes.UNKNOWN_BUT_PAID, "no answer (20000), yet paid: found by asking Alipay"),
            code(SandboxAuthCodes.UNKNOWN_NOT_PAID, "no answer (20000), nothing paid: cancelled after the wait"));

    private final ObjectProvider<AliPaySandboxes> sandboxes;

    DevSandbox(ObjectProvider<AliPaySandboxes> sandboxes) {
        this.sandboxes = sandboxes;
    }

    /** Whether the shop runs against the embedded sandboxes. */
    boolean running() {
        return this.sandboxes.getIfAvailable() != null;
    }

    /**
     * The sandbox that plays a payment's Alipay application.
     * @param payment the payment's full name, for example {@code pays.shopB}
     * @return the sandbox, or empty when the payment goes to real Alipay
     */
    Optional<AliPaySandbox> playing(String payment) {
        AliPaySandboxes running = this.sandboxes.getIfAvailable();
        return (running != null) ? running.find(payment) : Optional.empty();
    }

    /** {@return the sandbox's test payment codes, or none when there is no sandbox} */
    List<Map<String, String>> testCodes() {
        return running() ? TEST_CODES : List.of();
    }

    private static Map<String, String> code(String code, String outcome) {
        return Map.of("code", code, "outcome", outcome);
    }
}
