package io.jitpay.alipay.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * {@code alipay.data.dataservice.bill.downloadurl.query} for {@code bill_type=trade} and a day: the bill of the day's
 * payments and refunds (after the test's {@link BillAdjustments}), behind a link of the sandbox's own that lives 30
 * seconds ({@link BillLinks}). As at Alipay, a day's bill is there from 09:00 Beijing time the next day; before
 * that, and for a day without a payment or a refund, the answer is {@code 40004 isp.bill_not_exist}; a day (or month)
 * that has not ended yet, a malformed date or another bill type is {@code 40004 isv.invalid_arguments}. The sandbox
 * keeps no monthly bills: a month that has ended answers {@code isp.bill_not_exist}.
 */
final class BillApi {

    static final String METHOD = "alipay.data.dataservice.bill.downloadurl.query";

    static final String BILL_NOT_EXIST = "isp.bill_not_exist";

    static final String INVALID_ARGUMENTS = "isv.invalid_arguments";

    /** "当日数据一般于次日 9 点前生成": a day's bill is ready by 09:00 Beijing time the next day. */
    static final LocalTime READY_AT = LocalTime.of(9, 0);

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd")
        .withResolverStyle(ResolverStyle.STRICT);

    private final SandboxContext context;

    BillApi(SandboxContext context) {
        this.context = context;
    }

    ApiAnswer downloadUrlQuery(ApiCall call) {
        Instant now = this.context.now();
        LocalDate today = LocalDate.ofInstant(now, WireTime.BEIJING);
        String date = call.field("bill_date");
        if (!"trade".equals(call.field("bill_type"))) {
            return refuse(INVALID_ARGUMENTS);
        }
        if (MONTH.matcher(date).matches()) {
            YearMonth month = month(date);
            return (month == null || !month.isBefore(YearMonth.from(today))) ? refuse(INVALID_ARGUMENTS)
                    : refuse(BILL_NOT_EXIST);
        }
        LocalDate day = day(date);
        if (day == null || day.isAfter(today)) {
            return refuse(INVALID_ARGUMENTS);
        }
        if (now.isBefore(day.plusDays(1).atTime(READY_AT).toInstant(WireTime.BEIJING))) {
            return refuse(BILL_NOT_EXIST);
        }
        List<BillRow> rows = this.context.billAdjustments().apply(day, rows(day));
        if (rows.isEmpty()) {
            return refuse(BILL_NOT_EXIST);
        }
        String account = BillFiles.account(this.context.sellerId());
        byte[] zip = BillFiles.zip(account, day, rows, now);
        return ApiAnswer.json(ResultCodes.success(Map.of("bill_download_url",
                this.context.billLinks().issue(account, day, zip))));
    }

    /** The day's payments and refunds of every trade, in the order they completed. */
    private List<BillRow> rows(LocalDate day) {
        List<BillRow> rows = new ArrayList<>();
        for (Trade trade : this.context.trades().all()) {
            String buyer = "*沙箱(" + trade.buyerLogonId + ")";
            Instant paidAt = trade.paidAt();
            if (paidAt != null && on(day, paidAt)) {
                rows.add(new BillRow(trade.tradeNo, trade.orderId, false, trade.subject, trade.createdAt,
                        paidAt, trade.amount, null, buyer));
            }
            for (SandboxRefund refund : trade.refunds()) {
                if (on(day, refund.refundedAt())) {
                    rows.add(refundRow(trade, refund.refundedAt(), refund.amount(), refund.outRequestNo(), buyer));
                }
            }
            Instant cancelled = trade.cancelRefundedAt();
            if (cancelled != null && on(day, cancelled)) {
                // A paid in-store trade cancelled: the whole amount went back, under no request number.
                rows.add(refundRow(trade, cancelled, trade.amount, null, buyer));
            }
        }
        rows.sort(Comparator.comparing(BillRow::completedAt));
        return rows;
    }

    private static BillRow refundRow(Trade trade, Instant at, BigDecimal amount, @Nullable String requestNo,
            String buyer) {
        return new BillRow(trade.tradeNo, trade.orderId, true, trade.subject, trade.createdAt, at, amount.negate(),
                requestNo, buyer);
    }

    private static boolean on(LocalDate day, Instant instant) {
        return LocalDate.ofInstant(instant, WireTime.BEIJING).equals(day);
    }

    private static ApiAnswer refuse(String subCode) {
        return ApiAnswer.json(ResultCodes.failure(ResultCodes.BUSINESS_FAILED, subCode));
    }

    private static @Nullable LocalDate day(String text) {
        try {
            return LocalDate.parse(text, DAY);
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }

    private static @Nullable YearMonth month(String text) {
        try {
            return YearMonth.parse(text);
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }
}
