package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentPaymentsTest {

    @Test
    void keepsTheLastPaymentsAndForgetsTheOldestFirst() {
        RecentPayments recent = new RecentPayments(2);
        recent.put("D1", paid("D1"));
        recent.put("D2", paid("D2"));
        recent.put("D2", paid("D2"));
        assertThat(recent.get("D1")).isNotNull();

        recent.put("D3", paid("D3"));

        assertThat(recent.get("D1")).isNull();
        assertThat(recent.get("D2")).isNotNull();
        assertThat(recent.get("D3")).isNotNull();
        assertThat(recent.get("D4")).isNull();
    }

    private static AliPayLog paid(String orderId) {
        Instant now = Instant.parse("2026-11-26T02:00:00Z");
        return new AliPayLog(orderId, "T" + orderId, AliPayStatus.TRADE_SUCCESS, new BigDecimal("9.90"), null, null,
                null, null, now, null, null, null, now, now);
    }
}
