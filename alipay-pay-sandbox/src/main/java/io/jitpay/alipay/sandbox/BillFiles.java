package io.jitpay.alipay.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The trade bill as Alipay's {@code bill_download_url} delivers it: a zip named {@code <account>_<yyyyMMdd>.csv.zip}
 * holding {@code <account>_<yyyyMMdd>_业务明细.csv} and {@code <account>_<yyyyMMdd>_业务明细(汇总).csv}, file names
 * and contents in GBK (the zip's UTF-8 flag unset). Each file starts with {@code #} comment lines (title, account,
 * the day's bounds) and a dashed marker line; the detail file ends with a marker and the totals and export time, text
 * cells carry a trailing tab (so that spreadsheets keep long numbers as text), and refunds are negative.
 */
final class BillFiles {

    static final Charset GBK = Charset.forName("GBK");

    static final String DETAIL = "_业务明细.csv";

    static final String SUMMARY = "_业务明细(汇总).csv";

    static final String DETAIL_COLUMNS = "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,"
            + "终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,"
            + "券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注";

    static final String SUMMARY_COLUMNS = "门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,支付宝优惠（元）,"
            + "商家优惠（元）,卡消费金额（元）,服务费（元）,分润（元）,实收净额（元）";

    private static final String DASHES_41 = "-".repeat(41);

    private static final String NEWLINE = "\r\n";

    private static final String TAB = "\t";

    private static final String ZERO = "0.00";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
        .withZone(WireTime.BEIJING);

    private static final DateTimeFormatter LONG_TIME = DateTimeFormatter.ofPattern("yyyy年MM月dd日 HH:mm:ss")
        .withZone(WireTime.BEIJING);

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private BillFiles() {
    }

    /** The account a bill names: the merchant's 16-digit partner id followed by {@code 0156}. */
    static String account(String sellerId) {
        return sellerId + "0156";
    }

    /** {@code <account>_<yyyyMMdd>}, the name every file of a day's bill starts with. */
    static String baseName(String account, LocalDate day) {
        return account + "_" + DAY.format(day);
    }

    /** The zip of a day's bill, rows in the order given. */
    static byte[] zip(String account, LocalDate day, List<BillRow> rows, Instant exportedAt) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // A charset other than UTF-8 writes the names in it and leaves the zip's UTF-8 flag unset, as Alipay's do.
        try (ZipOutputStream zip = new ZipOutputStream(bytes, GBK)) {
            String base = baseName(account, day);
            zip.putNextEntry(new ZipEntry(base + DETAIL));
            zip.write(detail(account, day, rows, exportedAt).getBytes(GBK));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(base + SUMMARY));
            zip.write(summary(account, day, rows, exportedAt).getBytes(GBK));
            zip.closeEntry();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /** {@code 业务明细.csv}: every payment and refund of the day. */
    static String detail(String account, LocalDate day, List<BillRow> rows, Instant exportedAt) {
        StringBuilder out = new StringBuilder();
        head(out, "#支付宝业务明细查询", account, day);
        line(out, "#" + DASHES_41 + "业务明细列表" + "-".repeat(40));
        line(out, DETAIL_COLUMNS);
        int payments = 0;
        int refunds = 0;
        BigDecimal paid = money(BigDecimal.ZERO);
        BigDecimal refunded = money(BigDecimal.ZERO);
        for (BillRow row : rows) {
            line(out, String.join(",", cells(row)));
            if (row.refund()) {
                refunds++;
                refunded = refunded.add(row.amount());
            }
            else {
                payments++;
                paid = paid.add(row.amount());
            }
        }
        line(out, "#" + DASHES_41 + "业务明细列表结束" + "-".repeat(36));
        line(out, "#交易合计：" + payments + "笔，商家实收共" + paid.toPlainString() + "元，商家优惠共0.00元");
        line(out, "#退款合计：" + refunds + "笔，商家实收退款共" + refunded.toPlainString() + "元，商家优惠退款共0.00元");
        line(out, "#导出时间：[" + LONG_TIME.format(exportedAt) + "]");
        return out.toString();
    }

    /** {@code 业务明细(汇总).csv}: one row for the merchant (no store), then the day's total. */
    static String summary(String account, LocalDate day, List<BillRow> rows, Instant exportedAt) {
        long payments = rows.stream().filter((row) -> !row.refund()).count();
        long refunds = rows.size() - payments;
        String net = rows.stream().map(BillRow::amount).reduce(money(BigDecimal.ZERO), BigDecimal::add)
            .toPlainString();
        String totals = payments + "," + refunds + "," + net + "," + net + ",0.00,0.00,0.00,0.00,0.00," + net;
        StringBuilder out = new StringBuilder();
        head(out, "#支付宝业务汇总查询", account, day);
        line(out, "#" + DASHES_41 + "业务汇总列表" + "-".repeat(40));
        line(out, SUMMARY_COLUMNS);
        line(out, TAB + "," + TAB + "," + totals);
        line(out, "合计,," + totals);
        line(out, "#" + "-".repeat(40) + "业务汇总列表结束" + "-".repeat(37));
        line(out, "#导出时间：[" + LONG_TIME.format(exportedAt) + "]");
        return out.toString();
    }

    private static void head(StringBuilder out, String title, String account, LocalDate day) {
        line(out, title);
        line(out, "#账号：[" + account + "]");
        String from = LONG_TIME.format(day.atStartOfDay(WireTime.BEIJING));
        String to = LONG_TIME.format(day.plusDays(1).atStartOfDay(WireTime.BEIJING));
        line(out, "#起始日期：[" + from + "]   终止日期：[" + to + "]");
    }

    /** The 25 cells of a detail row; the text cells carry Alipay's trailing tab. */
    private static List<String> cells(BillRow row) {
        String amount = row.amount().toPlainString();
        List<String> cells = new ArrayList<>(25);
        cells.add(row.tradeNo() + TAB);
        cells.add(row.orderId() + TAB);
        cells.add((row.refund() ? "退款" : "交易") + TAB);
        cells.add(quoted(row.subject()));
        cells.add(TIME.format(row.createdAt()));
        cells.add(TIME.format(row.completedAt()));
        // Store, store name, operator, terminal: none online.
        cells.add(TAB);
        cells.add(TAB);
        cells.add(TAB);
        cells.add(TAB);
        cells.add(quoted(row.buyer()) + TAB);
        cells.add(amount);
        // What the merchant receives: the whole amount, as the sandbox grants no discounts.
        cells.add(amount);
        for (int i = 0; i < 5; i++) {
            cells.add(ZERO);
        }
        cells.add("");
        cells.add(ZERO + TAB);
        cells.add(ZERO);
        cells.add(((row.requestNo() != null) ? quoted(row.requestNo()) : "") + TAB);
        cells.add(ZERO);
        cells.add(ZERO);
        cells.add("");
        return cells;
    }

    /** A text cell, quoted as CSV quotes it when it holds a comma, a quote or a line break. */
    private static String quoted(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2);
    }

    private static void line(StringBuilder out, String line) {
        out.append(line).append(NEWLINE);
    }
}
