package io.jitpay.alipay.bill;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.jspecify.annotations.Nullable;

import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;

/**
 * Reads Alipay's trade bill: the zip {@code bill_download_url} links to, holding
 * {@code <account>_<yyyyMMdd>_业务明细.csv} (every payment and refund) and {@code <account>_<yyyyMMdd>_业务明细(汇总).csv}
 * (the totals), file names and contents in GBK. The detail file opens with {@code #} lines (title, {@code #账号：[...]},
 * {@code #起始日期：[yyyy年MM月dd日 00:00:00]   终止日期：[...]}) and a dashed {@code 业务明细列表} marker, then the header
 * row and the rows; a dashed {@code 业务明细列表结束} marker, {@code #交易合计：N笔，...}, {@code #退款合计：M笔，...} and the
 * export time close it. Text cells carry a trailing tab, which is trimmed; columns are found by their header, so
 * that a column Alipay adds or moves does not shift the others. A bill whose rows do not add up to its own totals
 * (truncated, or cut short) is refused rather than read in part.
 *
 * <pre>
 * TradeBill bill = TradeBillParser.parseZip(Files.readAllBytes(Path.of("2088...0156_20260310.csv.zip")));
 * </pre>
 *
 * @since 0.1.0
 */
public final class TradeBillParser {

    /** GB18030 reads every GBK byte sequence, and the few characters GBK lacks if a bill ever holds them. */
    private static final Charset CHARSET = Charset.forName("GB18030");

    private static final String DETAIL_FILE = "_业务明细.csv";

    private static final String SUMMARY_FILE = "_业务明细(汇总).csv";

    /** A file larger than this once inflated is refused: no day's bill comes near it, a zip bomb does. */
    private static final int MAX_FILE_BYTES = 512 << 20;

    private static final Pattern ACCOUNT = Pattern.compile("账号[：:]\\s*\\[\\s*(\\d+)\\s*]");

    private static final Pattern START = Pattern.compile("起始日期[：:]\\s*\\[\\s*(\\d{4})年(\\d{1,2})月(\\d{1,2})日");

    private static final Pattern TOTAL = Pattern.compile("#\\s*(交易|退款)合计[：:]\\s*(\\d+)\\s*笔");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private TradeBillParser() {
    }

    /**
     * Reads a bill from its zip.
     * @param zip the zip, as downloaded
     * @return the bill
     * @throws PayException {@link PayErrorCode#THIRD_PARTY_ERROR} when it is no zip, holds no detail file, or is not a
     *                      trade bill in Alipay's layout
     */
    public static TradeBill parseZip(byte[] zip) {
        String detail = null;
        String summary = null;
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), CHARSET)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                names.add(name);
                if (name.endsWith(DETAIL_FILE)) {
                    detail = text(in, name);
                }
                else if (name.endsWith(SUMMARY_FILE)) {
                    summary = text(in, name);
                }
            }
        }
        catch (IOException | IllegalArgumentException ex) {
            throw malformed("it is not a readable zip (" + ex.getMessage() + ")");
        }
        if (detail == null) {
            throw malformed("the zip holds no <account>_<yyyyMMdd>" + DETAIL_FILE + " file, only " + names);
        }
        return parse(detail, summary);
    }

    /**
     * Reads a bill from the text of its files, decoded already.
     * @param detail  the text of {@code 业务明细.csv}
     * @param summary the text of {@code 业务明细(汇总).csv}, or {@code null}
     * @return the bill
     * @throws PayException {@link PayErrorCode#THIRD_PARTY_ERROR} when the detail file is not in Alipay's layout or its
     *                      rows do not add up to its totals
     */
    public static TradeBill parse(String detail, @Nullable String summary) {
        List<BillCsv.Line> lines;
        try {
            lines = BillCsv.read(detail);
        }
        catch (IllegalArgumentException ex) {
            throw malformed(ex.getMessage());
        }
        String account = null;
        LocalDate day = null;
        Map<String, Integer> columns = null;
        Map<String, Integer> totals = new HashMap<>();
        boolean ended = false;
        List<BillEntry> entries = new ArrayList<>();
        for (BillCsv.Line line : lines) {
            if (line.comment()) {
                String text = line.text();
                ended |= text.contains("业务明细列表结束");
                Matcher matcher;
                if ((matcher = ACCOUNT.matcher(text)).find()) {
                    account = matcher.group(1);
                }
                else if ((matcher = START.matcher(text)).find()) {
                    day = day(matcher, line);
                }
                else if ((matcher = TOTAL.matcher(text)).find()) {
                    totals.put(matcher.group(1), Integer.valueOf(matcher.group(2)));
                }
            }
            else if (line.cells().stream().allMatch((cell) -> cell.isBlank())) {
                continue;
            }
            else if (ended) {
                throw malformed("line " + line.number() + " follows the end of the list");
            }
            else if (columns == null) {
                columns = header(line);
            }
            else {
                entries.add(entry(columns, line));
            }
        }
        if (columns == null) {
            throw malformed("it has no header row (支付宝交易号,商户订单号,...)");
        }
        if (day == null) {
            throw malformed("it names no day (#起始日期：[yyyy年MM月dd日 ...])");
        }
        check(totals.get("交易"), count(entries, BillEntry.Type.PAYMENT), "payments (#交易合计)");
        check(totals.get("退款"), count(entries, BillEntry.Type.REFUND), "refunds (#退款合计)");
        return new TradeBill(day, (account != null) ? account : "", entries,
                (summary != null) ? summary(summary) : null);
    }

    private static Map<String, Integer> header(BillCsv.Line line) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < line.cells().size(); i++) {
            columns.putIfAbsent(line.cells().get(i).strip(), i);
        }
        for (String required : List.of("支付宝交易号", "商户订单号", "业务类型", "订单金额（元）")) {
            if (!columns.containsKey(required)) {
                throw malformed("line " + line.number() + " is no header row with " + required + ": "
                        + line.cells());
            }
        }
        return columns;
    }

    private static BillEntry entry(Map<String, Integer> columns, BillCsv.Line line) {
        String tradeNo = cell(columns, line, "支付宝交易号");
        String businessType = cell(columns, line, "业务类型");
        BigDecimal amount = money(columns, line, "订单金额（元）");
        if (tradeNo == null || businessType == null || amount == null) {
            throw malformed("line " + line.number() + " lacks a trade number, a type or an amount");
        }
        BillEntry.Type type = switch (businessType) {
            case "交易" -> BillEntry.Type.PAYMENT;
            case "退款" -> BillEntry.Type.REFUND;
            default -> BillEntry.Type.OTHER;
        };
        return new BillEntry(tradeNo, cell(columns, line, "商户订单号"), type, businessType,
                cell(columns, line, "商品名称"), time(columns, line, "创建时间"), time(columns, line, "完成时间"), amount,
                money(columns, line, "商家实收（元）"), cell(columns, line, "退款批次号/请求号"),
                money(columns, line, "服务费（元）"), cell(columns, line, "备注"));
    }

    /** The {@code 合计} row of the summary file; {@code null} when the file has none this reader knows. */
    private static TradeBill.@Nullable Summary summary(String text) {
        try {
            Map<String, Integer> columns = null;
            for (BillCsv.Line line : BillCsv.read(text)) {
                if (line.comment()) {
                    continue;
                }
                if (columns == null) {
                    columns = new HashMap<>();
                    for (int i = 0; i < line.cells().size(); i++) {
                        columns.putIfAbsent(line.cells().get(i).strip(), i);
                    }
                }
                else if ("合计".equals(line.cells().get(0).strip())) {
                    return new TradeBill.Summary(count(columns, line, "交易订单总笔数"), count(columns, line, "退款订单总笔数"),
                            required(columns, line, "订单金额（元）"), required(columns, line, "商家实收（元）"),
                            required(columns, line, "服务费（元）"), required(columns, line, "实收净额（元）"));
                }
            }
            return null;
        }
        catch (PayException | IllegalArgumentException ex) {
            // The summary only restates the detail; a layout this reader does not know leaves it out.
            return null;
        }
    }

    private static @Nullable String cell(Map<String, Integer> columns, BillCsv.Line line, String column) {
        Integer index = columns.get(column);
        if (index == null || index >= line.cells().size()) {
            return null;
        }
        String value = line.cells().get(index).strip();
        return value.isEmpty() ? null : value;
    }

    private static @Nullable BigDecimal money(Map<String, Integer> columns, BillCsv.Line line, String column) {
        String value = cell(columns, line, column);
        if (value == null) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(value);
            if (amount.stripTrailingZeros().scale() > 2) {
                throw malformed("line " + line.number() + ": " + column + " has more than 2 decimals: " + value);
            }
            return amount.setScale(2);
        }
        catch (NumberFormatException ex) {
            throw malformed("line " + line.number() + ": " + column + " is no amount: " + value);
        }
    }

    private static BigDecimal required(Map<String, Integer> columns, BillCsv.Line line, String column) {
        BigDecimal amount = money(columns, line, column);
        if (amount == null) {
            throw new IllegalArgumentException(column);
        }
        return amount;
    }

    private static int count(Map<String, Integer> columns, BillCsv.Line line, String column) {
        String value = cell(columns, line, column);
        return Integer.parseInt((value != null) ? value : "");
    }

    private static @Nullable Instant time(Map<String, Integer> columns, BillCsv.Line line, String column) {
        String value = cell(columns, line, column);
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(value, TIME).toInstant(BEIJING);
        }
        catch (DateTimeParseException ex) {
            throw malformed("line " + line.number() + ": " + column + " is no yyyy-MM-dd HH:mm:ss time: " + value);
        }
    }

    private static LocalDate day(Matcher matcher, BillCsv.Line line) {
        try {
            return LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3)));
        }
        catch (RuntimeException ex) {
            throw malformed("line " + line.number() + " names no valid day: " + line.text());
        }
    }

    private static void check(@Nullable Integer stated, int listed, String what) {
        if (stated != null && stated != listed) {
            throw malformed("it lists " + listed + " " + what.substring(0, what.indexOf(' ')) + " but its total line "
                    + what.substring(what.indexOf(' ') + 1) + " says " + stated + "; it is incomplete or altered, "
                    + "download it again");
        }
    }

    private static int count(List<BillEntry> entries, BillEntry.Type type) {
        return (int) entries.stream().filter((entry) -> entry.type() == type).count();
    }

    private static String text(InputStream in, String name) throws IOException {
        byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IOException(name + " is larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
        }
        return new String(bytes, CHARSET);
    }

    private static PayException malformed(@Nullable String why) {
        return new PayException(PayErrorCode.THIRD_PARTY_ERROR, "The Alipay trade bill cannot be read: " + why);
    }
}
