package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jitpay.alipay.ReconciliationContractTest.SettableClock;
import io.jitpay.alipay.bill.BillEntry;
import io.jitpay.alipay.bill.TradeBill;
import io.jitpay.alipay.sandbox.AliPaySandbox;
import io.jitpay.alipay.sandbox.AliPaySandboxExtension;
import io.jitpay.alipay.sandbox.SandboxFault;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SdkAliPayGateway#tradeBill} against the sandbox over HTTP: the query through the SDK, the zip at the link,
 * the bill read into typed rows, and Alipay's refusals and faults as errors that carry Alipay's codes.
 */
class TradeBillGatewayTest {

    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private static final LocalDate DAY = LocalDate.of(2026, 4, 20);

    private static final String BILL_QUERY = "alipay.data.dataservice.bill.downloadurl.query";

    private static final SettableClock clock = new SettableClock();

    @RegisterExtension
    static final AliPaySandboxExtension sandboxes = new AliPaySandboxExtension((builder) -> builder.clock(clock));

    @AfterEach
    void clearFaults() {
        sandboxes.get().clearFaults();
    }

    @Test
    void theBillOfADayComesAsTypedRows() {
        AliPaySandbox sandbox = sandboxes.get();
        SdkAliPayGateway gateway = gateway(sandbox);
        clock.set(DAY.atTime(15, 30).toInstant(BEIJING));
        gateway.precreate(new AliPayGateway.TradeOrder("G-1", "Teapot", new BigDecimal("58.00"),
                clock.instant().plus(Duration.ofMinutes(30))));
        sandbox.pay("G-1");
        clock.set(DAY.plusDays(1).atTime(9, 0).toInstant(BEIJING));

        TradeBill bill = gateway.tradeBill(DAY);
        assertThat(bill.day()).isEqualTo(DAY);
        assertThat(bill.account()).isEqualTo(sandbox.sellerId() + "0156");
        assertThat(bill.payments()).singleElement().satisfies((entry) -> {
            assertThat(entry.orderId()).isEqualTo("G-1");
            assertThat(entry.tradeNo()).isEqualTo(sandbox.trade("G-1").orElseThrow().tradeNo());
            assertThat(entry.type()).isEqualTo(BillEntry.Type.PAYMENT);
            assertThat(entry.subject()).isEqualTo("Teapot");
            assertThat(entry.amount()).isEqualTo(new BigDecimal("58.00"));
            assertThat(entry.completedAt()).isEqualTo(DAY.atTime(15, 30).toInstant(BEIJING));
        });
        assertThat(bill.summary()).isNotNull();
        assertThat(bill.summary().payments()).isEqualTo(1);
    }

    @Test
    void aDayAlipayWillNotMakeABillOfIsRefusedWithItsCodesAndWhy() {
        AliPaySandbox sandbox = sandboxes.get();
        clock.set(DAY.atTime(12, 0).toInstant(BEIJING));
        assertThatExceptionOfType(PayException.class).isThrownBy(() -> gateway(sandbox).tradeBill(DAY.plusDays(1)))
            .satisfies((ex) -> {
                assertThat(ex.code()).isEqualTo(PayErrorCode.THIRD_PARTY_ERROR);
                assertThat(ex.gatewayCode()).isEqualTo("40004");
                assertThat(ex.gatewaySubCode()).isEqualTo("isv.invalid_arguments");
                assertThat(ex.gatewaySubMsg()).isEqualTo("入参不合法");
                assertThat(ex.fix()).contains("once it has ended in Beijing time");
            });
        assertThatExceptionOfType(PayException.class).isThrownBy(() -> gateway(sandbox).tradeBill(DAY))
            .satisfies((ex) -> {
                assertThat(ex.gatewaySubCode()).isEqualTo(TradeBill.NOT_READY);
                assertThat(ex.fix()).contains("09:00 Beijing time the next day");
            });
    }

    @Test
    void aFaultOnTheWayIsAThirdPartyError() {
        AliPaySandbox sandbox = sandboxes.get();
        clock.set(DAY.plusDays(1).atTime(10, 0).toInstant(BEIJING));
        sandbox.failNext(BILL_QUERY, SandboxFault.httpStatus(502));
        assertThatExceptionOfType(PayException.class).isThrownBy(() -> gateway(sandbox).tradeBill(DAY))
            .satisfies((ex) -> {
                assertThat(ex.code()).isEqualTo(PayErrorCode.THIRD_PARTY_ERROR);
                assertThat(ex.getMessage()).contains(BILL_QUERY);
            });
    }

    private static SdkAliPayGateway gateway(AliPaySandbox sandbox) {
        return new SdkAliPayGateway(AliPayConfig.builder()
            .appId(sandbox.appId())
            .privateKey(sandbox.appPrivateKey())
            .publicKey(sandbox.alipayPublicKey())
            .gatewayUrl(sandbox.gatewayUrl())
            .build());
    }
}
