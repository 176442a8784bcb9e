package io.jitpay.alipay.bill;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Reading Alipay's trade bill in the layout its downloads have (GBK zip names and contents, comment head and foot
 * lines, tab-padded text cells, negative refunds, a summary file with a total row), and refusing what is not one.
 * The bill below is made for this test in that layout: no real merchant's bill is copied here.
 */
class TradeBillParserTest {

    private static final Charset GBK = Charset.forName("GBK");

    private static final String ACCOUNT = "20881234567890120156";

    private static final String COLUMNS = "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,"
            + "对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,"
            + "商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注";

    private static final String DETAIL = String.join("\r\n",
            "#支付宝业务明细查询",
            "#账号：[" + ACCOUNT + "]",
            "#起始日期：[2026年03月10日 00:00:00]   终止日期：[2026年03月11日 00:00:00]",
            "#-----------------------------------------业务明细列表----------------------------------------",
            COLUMNS,
            "2026031022001400001000000001\t,D20260310093000000001\t,交易\t,紫砂壶,2026-03-10 09:30:00,"
                    + "2026-03-10 09:30:07,S001\t,南京西路店\t,cashier01\t,T9\t,*小明(138****0001)\t,128.00,"
                    + "120.00,0.00,0.00,8.00,0.00,0.00,春季券,0.00\t,0.00,\t,-0.77,0.00,茶具",
            "2026031022001400001000000001\t,D20260310093000000001\t,退款\t,紫砂壶,2026-03-10 09:30:00,"
                    + "2026-03-10 15:02:44,S001\t,南京西路店\t,cashier01\t,T9\t,*小明(138****0001)\t,-28.00,"
                    + "-28.00,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,RF20260310150000\t,0.17,0.00,",
            "2026031022001400001000000002\t,D20260310235959000002\t,交易\t,\"茶叶, 二两\",2026-03-10 23:59:40,"
                    + "2026-03-10 23:59:59,\t,\t,\t,\t,*小红(139****0002)\t,0.01,0.01,0.00,0.00,0.00,0.00,0.00,,"
                    + "0.00\t,0.00,\t,0.00,0.00,",
            "#-----------------------------------------业务明细列表结束------------------------------------",
            "#交易合计：2笔，商家实收共120.01元，商家优惠共0.00元",
            "#退款合计：1笔，商家实收退款共-28.00元，商家优惠退款共0.00元",
            "#导出时间：[2026年03月11日 05:12:09]", "");

    private static final String SUMMARY = String.join("\r\n",
            "#支付宝业务汇总查询",
            "#账号：[" + ACCOUNT + "]",
            "#起始日期：[2026年03月10日 00:00:00]   终止日期：[2026年03月11日 00:00:00]",
            "#-----------------------------------------业务汇总列表----------------------------------------",
            "门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,支付宝优惠（元）,商家优惠（元）,卡消费金额（元）,"
                    + "服务费（元）,分润（元）,实收净额（元）",
            "S001\t,南京西路店\t,1,1,100.00,92.00,8.00,0.00,0.00,-0.60,0.00,91.40",
            "\t,\t,1,0,0.01,0.01,0.00,0.00,0.00,0.00,0.00,0.01",
            "合计,,2,1,100.01,92.01,8.00,0.00,0.00,-0.60,0.00,91.41",
            "#----------------------------------------业务汇总列表结束-------------------------------------",
            "#导出时间：[2026年03月11日 05:12:09]", "");

    @Test
    void readsTheZipOfATradeBill() throws IOException {
        TradeBill bill = TradeBillParser.parseZip(zip(GBK, Map.of(
                ACCOUNT + "_20260310_业务明细.csv", DETAIL.getBytes(GBK),
                ACCOUNT + "_20260310_业务明细(汇总).csv", SUMMARY.getBytes(GBK))));
        assertThat(bill.day()).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(bill.account()).isEqualTo(ACCOUNT);
        assertThat(bill.entries()).hasSize(3);
        assertThat(bill.payments()).extracting(BillEntry::orderId)
            .containsExactly("D20260310093000000001", "D20260310235959000002");
        assertThat(bill.refunds()).hasSize(1);

        BillEntry paid = bill.entries().get(0);
        assertThat(paid.tradeNo()).isEqualTo("2026031022001400001000000001");
        assertThat(paid.type()).isEqualTo(BillEntry.Type.PAYMENT);
        assertThat(paid.businessType()).isEqualTo("交易");
        assertThat(paid.subject()).isEqualTo("紫砂壶");
        assertThat(paid.createdAt()).isEqualTo(Instant.parse("2026-03-10T01:30:00Z"));
        assertThat(paid.completedAt()).isEqualTo(Instant.parse("2026-03-10T01:30:07Z"));
        assertThat(paid.amount()).isEqualTo(new BigDecimal("128.00"));
        assertThat(paid.receiptAmount()).isEqualTo(new BigDecimal("120.00"));
        assertThat(paid.refundRequestNo()).isNull();
        assertThat(paid.serviceFee()).isEqualTo(new BigDecimal("-0.77"));
        assertThat(paid.remark()).isEqualTo("茶具");

        BillEntry refund = bill.entries().get(1);
        assertThat(refund.type()).isEqualTo(BillEntry.Type.REFUND);
        assertThat(refund.orderId()).isEqualTo("D20260310093000000001");
        assertThat(refund.amount()).isEqualTo(new BigDecimal("-28.00"));
        assertThat(refund.absoluteAmount()).isEqualTo(new BigDecimal("28.00"));
        assertThat(refund.refundRequestNo()).isEqualTo("RF20260310150000");
        assertThat(refund.completedAt()).isEqualTo(Instant.parse("2026-03-10T07:02:44Z"));
        assertThat(refund.remark()).isNull();

        // A quoted cell keeps its comma; the last second of the day, Beijing time, is still the day.
        BillEntry late = bill.entries().get(2);
        assertThat(late.subject()).isEqualTo("茶叶, 二两");
        assertThat(late.completedAt()).isEqualTo(Instant.parse("2026-03-10T15:59:59Z"));
        assertThat(late.amount()).isEqualTo(new BigDecimal("0.01"));

        assertThat(bill.summary()).isEqualTo(new TradeBill.Summary(2, 1, new BigDecimal("100.01"),
                new BigDecimal("92.01"), new BigDecimal("-0.60"), new BigDecimal("91.41")));
    }

    @Test
    void readsEntryNamesWrittenInUtf8AndFilesWithoutTheSummary() throws IOException {
        TradeBill bill = TradeBillParser.parseZip(zip(StandardCharsets.UTF_8, Map.of(
                "bills/" + ACCOUNT + "_20260310_业务明细.csv", DETAIL.replace("\r\n", "\n").getBytes(GBK))));
        assertThat(bill.entries()).hasSize(3);
        assertThat(bill.summary()).isNull();
    }

    @Test
    void findsColumnsByTheirHeaderWhereverAlipayPutsThem() {
        String detail = String.join("\n", "#账号：[" + ACCOUNT + "]",
                "#起始日期：[2026年03月10日 00:00:00]   终止日期：[2026年03月11日 00:00:00]",
                "#-----------------------------------------业务明细列表----------------------------------------",
                "商户订单号,新列,订单金额（元）,支付宝交易号,业务类型",
                "D1\t,x,5.50,2026031022001400001000000009\t,交易\t",
                "\t,,1.00,2026031022001400001000000010\t,其他\t", "");
        TradeBill bill = TradeBillParser.parse(detail, null);
        assertThat(bill.entries()).extracting(BillEntry::orderId, BillEntry::amount, BillEntry::type,
                BillEntry::businessType)
            .containsExactly(tuple("D1", new BigDecimal("5.50"),
                    BillEntry.Type.PAYMENT, "交易"),
                    tuple(null, new BigDecimal("1.00"), BillEntry.Type.OTHER, "其他"));
        assertThat(bill.payments()).hasSize(1);
        assertThat(bill.refunds()).isEmpty();
    }

    @Test
    void aBillWhoseRowsDoNotAddUpToItsTotalsIsRefused() {
        String truncated = DETAIL.replace("#交易合计：2笔", "#交易合计：3笔");
        assertThatExceptionOfType(PayException.class).isThrownBy(() -> TradeBillParser.parse(truncated, null))
            .satisfies((ex) -> {
                assertThat(ex.code()).isEqualTo(PayErrorCode.THIRD_PARTY_ERROR);
                assertThat(ex.getMessage()).contains("lists 2 payments", "says 3", "download it again");
            });
        String refunds = DETAIL.replace("#退款合计：1笔", "#退款合计：0笔");
        assertThatExceptionOfType(PayException.class).isThrownBy(() -> TradeBillParser.parse(refunds, null))
            .withMessageContaining("lists 1 refunds");
    }

    @Test
    void whatIsNoTradeBillIsRefusedWithTheReason() throws IOException {
        assertRefused(() -> TradeBillParser.parseZip("<html>403 Forbidden</html>".getBytes(StandardCharsets.UTF_8)),
                "no <account>_<yyyyMMdd>_业务明细.csv file");
        byte[] summaryOnly = zip(GBK, Map.of(ACCOUNT + "_20260310_业务明细(汇总).csv", SUMMARY.getBytes(GBK)));
        assertRefused(() -> TradeBillParser.parseZip(summaryOnly), "only [" + ACCOUNT + "_20260310_业务明细(汇总).csv]");
        assertRefused(() -> TradeBillParser.parse(DETAIL.replace(COLUMNS, "a,b,c"), null), "no header row");
        assertRefused(() -> TradeBillParser.parse(DETAIL.replace(",128.00,", ",12八.00,"), null),
                "line 6: 订单金额（元） is no amount");
        assertRefused(() -> TradeBillParser.parse(DETAIL.replace(",128.00,", ",128.001,"), null),
                "more than 2 decimals");
        assertRefused(() -> TradeBillParser.parse(DETAIL.replace("2026-03-10 09:30:07", "2026/03/10"), null),
                "line 6: 完成时间 is no yyyy-MM-dd HH:mm:ss time");
        assertRefused(() -> TradeBillParser.parse(DETAIL.replace("#起始日期", "#开始"), null), "names no day");
        assertRefused(() -> TradeBillParser.parse(DETAIL.replace("\"茶叶, 二两\"", "\"茶叶, 二两"), null),
                "never closed");
        assertRefused(() -> TradeBillParser.parse(DETAIL + "2026031022001400001000000003\t,D3\t,交易\t,x,,,,,,,,1.00",
                null), "follows the end of the list");
    }

    @Test
    void anUnknownSummaryLayoutLeavesTheSummaryOut() {
        TradeBill bill = TradeBillParser.parse(DETAIL, SUMMARY.replace("合计,,2,1,", "合计,,two,1,"));
        assertThat(bill.entries()).hasSize(3);
        assertThat(bill.summary()).isNull();
    }

    private static void assertRefused(Runnable parse, String reason) {
        assertThatExceptionOfType(PayException.class).isThrownBy(parse::run)
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(PayErrorCode.THIRD_PARTY_ERROR))
            .withMessageContaining("The Alipay trade bill cannot be read")
            .withMessageContaining(reason);
    }

    private static byte[] zip(Charset names, Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, names)) {
            for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
