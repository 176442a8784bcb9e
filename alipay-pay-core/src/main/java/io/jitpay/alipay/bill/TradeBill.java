package io.jitpay.alipay.bill;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Alipay's trade bill of one day ({@code bill_type=trade}): every payment and refund of the merchant's trades that
 * completed on that day, Beijing time. The bill lists the trades of every application of the merchant account.
 *
 * @param day     the day, Beijing time ({@code 起始日期})
 * @param account the merchant account it belongs to ({@code 账号}: the partner id followed by {@code 0156})
 * @param entries the rows of the detail file ({@code 业务明细.csv}), in the bill's order
 * @param summary the total row of the summary file ({@code 业务明细(汇总).csv}), or {@code null} without one
 * @since 0.1.0
 */
public record TradeBill(LocalDate day, String account, List<BillEntry> entries, @Nullable Summary summary) {

    /**
     * Alipay's {@code sub_code} when it has no bill for the day: not made yet (a day's bill is ready by about 09:00
     * Beijing time the next day), or no trade completed that day.
     */
    public static final String NOT_READY = "isp.bill_not_exist";

    /**
     * Creates a bill.
     * @param day     the day
     * @param account the merchant account
     * @param entries the rows
     * @param summary the totals, or {@code null}
     */
    public TradeBill {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(account, "account");
        entries = List.copyOf(entries);
    }

    /**
     * The payments of the day.
     * @return the rows of type {@link BillEntry.Type#PAYMENT}
     */
    public List<BillEntry> payments() {
        return this.entries.stream().filter((entry) -> entry.type() == BillEntry.Type.PAYMENT).toList();
    }

    /**
     * The refunds of the day.
     * @return the rows of type {@link BillEntry.Type#REFUND}
     */
    public List<BillEntry> refunds() {
        return this.entries.stream().filter((entry) -> entry.type() == BillEntry.Type.REFUND).toList();
    }

    /**
     * The {@code 合计} (total) row of the summary file.
     *
     * @param payments      {@code 交易订单总笔数}
     * @param refunds       {@code 退款订单总笔数}
     * @param orderAmount   {@code 订单金额（元）}
     * @param receiptAmount {@code 商家实收（元）}
     * @param serviceFee    {@code 服务费（元）}
     * @param netAmount     {@code 实收净额（元）}
     */
    public record Summary(int payments, int refunds, BigDecimal orderAmount, BigDecimal receiptAmount,
            BigDecimal serviceFee, BigDecimal netAmount) {
    }
}
