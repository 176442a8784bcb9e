package io.jitpay.alipay.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.request.AlipayDataDataserviceBillDownloadurlQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayDataDataserviceBillDownloadurlQueryResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jitpay.alipay.sandbox.NotificationAndCashierTest.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alipay.data.dataservice.bill.downloadurl.query} as the unmodified official SDK sees it, and the bill behind
 * the link: Alipay's zip layout (GBK names and contents, the detail and summary files, comment head and foot lines),
 * a link that lives 30 seconds, the bill of a day only from 09:00 Beijing time the next day, and the adjustments a
 * test makes.
 */
class BillDownloadSdkTest {

    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private static final Charset GBK = Charset.forName("GBK");

    private static final AtomicInteger orders = new AtomicInteger();

    /** Noon in Beijing on the day the trades of a test are made. */
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    private final MutableClock clock = new MutableClock(DAY.atTime(12, 0).toInstant(BEIJING));

    private final HttpClient http = HttpClient.newHttpClient();

    private AliPaySandbox sandbox;

    private AlipayClient client;

    @BeforeEach
    void start() throws AlipayApiException {
        this.sandbox = AliPaySandbox.builder().clock(this.clock).start();
        this.client = SdkClients.of(this.sandbox);
    }

    @AfterEach
    void stop() {
        this.sandbox.close();
    }

    @Test
    void theSdkAcceptsTheSignedAnswerAndItsLinkServesTheZipOfTheDay() throws Exception {
        String paid = paidOrder("10.00");
        refund(paid, "4.50", "RF-1");
        nextMorning();

        AlipayDataDataserviceBillDownloadurlQueryResponse response = this.client.execute(query("trade", DAY));
        assertThat(response.isSuccess()).isTrue();
        assertThat(response.getCode()).isEqualTo("10000");
        assertThat(response.getMsg()).isEqualTo("Success");
        String account = this.sandbox.sellerId() + "0156";
        assertThat(response.getBillDownloadUrl()).startsWith(this.sandbox.baseUrl() + "/downloadBillFile.resource?")
            .contains("bizType=trade", "userId=" + account, "fileType=csv.zip", "bizDates=20260310",
                    "downloadFileName=" + account + "_20260310.csv.zip", "&token=");
        // The signed text escapes "/" as real answers do, and the SDK verified it.
        assertThat(response.getBody()).contains("http:\\/\\/").contains("\"sign\":\"");

        Map<String, String> files = unzip(download(response.getBillDownloadUrl()).body());
        assertThat(files).containsOnlyKeys(account + "_20260310_业务明细.csv", account + "_20260310_业务明细(汇总).csv");
    }

    @Test
    void theZipHasAlipaysLayoutInGbk() throws Exception {
        String paid = paidOrder("10.00");
        refund(paid, "4.50", "RF-1");
        String other = paidOrder("0.01");
        nextMorning();
        byte[] zip = download(this.client.execute(query("trade", DAY)).getBillDownloadUrl()).body();

        // Entry names in GBK, with the zip's UTF-8 flag (bit 11) unset, as Alipay writes them.
        List<Integer> flags = centralDirectoryFlags(zip);
        assertThat(flags).hasSize(2).allSatisfy((flag) -> assertThat(flag & 0x800).isZero());
        assertThat(contains(zip, "_业务明细.csv".getBytes(GBK))).isTrue();
        assertThat(contains(zip, "_业务明细.csv".getBytes(StandardCharsets.UTF_8))).isFalse();

        String account = this.sandbox.sellerId() + "0156";
        Map<String, String> files = unzip(zip);
        List<String> detail = files.get(account + "_20260310_业务明细.csv").lines().toList();
        assertThat(detail.subList(0, 5)).containsExactly("#支付宝业务明细查询", "#账号：[" + account + "]",
                "#起始日期：[2026年03月10日 00:00:00]   终止日期：[2026年03月11日 00:00:00]",
                "#-----------------------------------------业务明细列表----------------------------------------",
                "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,"
                        + "支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,"
                        + "退款批次号/请求号,服务费（元）,分润（元）,备注");
        String tradeNo = this.sandbox.trade(paid).orElseThrow().tradeNo();
        List<String[]> rows = detail.subList(5, 8).stream().map((line) -> line.split(",", -1)).toList();
        assertThat(rows).allSatisfy((cells) -> assertThat(cells).hasSize(25));
        assertThat(rows.get(0)).startsWith(tradeNo + "\t", paid + "\t", "交易\t", "Coffee", "2026-03-10 12:00:00",
                "2026-03-10 12:00:00");
        assertThat(rows.get(0)[11]).isEqualTo("10.00");
        assertThat(rows.get(0)[12]).isEqualTo("10.00");
        assertThat(rows.get(0)[21]).isEqualTo("\t");
        assertThat(rows.get(1)).startsWith(tradeNo + "\t", paid + "\t", "退款\t");
        assertThat(rows.get(1)[5]).isEqualTo("2026-03-10 12:00:01");
        assertThat(rows.get(1)[11]).isEqualTo("-4.50");
        assertThat(rows.get(1)[21]).isEqualTo("RF-1\t");
        assertThat(rows.get(2)[1]).isEqualTo(other + "\t");
        assertThat(detail.subList(8, detail.size())).containsExactly(
                "#-----------------------------------------业务明细列表结束------------------------------------",
                "#交易合计：2笔，商家实收共10.01元，商家优惠共0.00元", "#退款合计：1笔，商家实收退款共-4.50元，商家优惠退款共0.00元",
                "#导出时间：[2026年03月11日 10:00:00]");
        assertThat(files.get(account + "_20260310_业务明细.csv")).contains("\r\n");

        List<String> summary = files.get(account + "_20260310_业务明细(汇总).csv").lines().toList();
        assertThat(summary.get(0)).isEqualTo("#支付宝业务汇总查询");
        assertThat(summary.get(3)).contains("业务汇总列表");
        assertThat(summary.get(4)).startsWith("门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）");
        assertThat(summary).contains("合计,,2,1,5.51,5.51,0.00,0.00,0.00,0.00,0.00,5.51");
        assertThat(summary.get(summary.size() - 1)).startsWith("#导出时间：");
    }

    @Test
    void theLinkServesItsZipFor30SecondsOnly() throws Exception {
        paidOrder("1.00");
        nextMorning();
        String url = this.client.execute(query("trade", DAY)).getBillDownloadUrl();
        this.clock.advance(Duration.ofSeconds(29));
        assertThat(download(url).statusCode()).isEqualTo(200);
        this.clock.advance(Duration.ofSeconds(1));
        HttpResponse<byte[]> expired = download(url);
        assertThat(expired.statusCode()).isEqualTo(404);
        assertThat(new String(expired.body(), StandardCharsets.UTF_8)).contains("expired");
        assertThat(download(url.replaceAll("token=[0-9a-f]+", "token=0123")).statusCode()).isEqualTo(404);
        // A new query hands out a new link.
        assertThat(download(this.client.execute(query("trade", DAY)).getBillDownloadUrl()).statusCode())
            .isEqualTo(200);
    }

    @Test
    void aDayWithoutItsBillAnswersBillNotExistAndADayToComeInvalidArguments() throws Exception {
        paidOrder("1.00");
        // The day itself: its bill is made the next morning.
        assertRefused(query("trade", DAY), "isp.bill_not_exist", "账单不存在");
        moveTo(DAY.plusDays(1).atTime(8, 59, 59));
        assertRefused(query("trade", DAY), "isp.bill_not_exist", "账单不存在");
        this.clock.advance(Duration.ofSeconds(1));
        assertThat(this.client.execute(query("trade", DAY)).isSuccess()).isTrue();
        // A day without a payment or refund has no bill; the day that has just begun is not over.
        assertRefused(query("trade", DAY.minusDays(1)), "isp.bill_not_exist", "账单不存在");
        assertRefused(query("trade", DAY.plusDays(1)), "isp.bill_not_exist", "账单不存在");
        assertRefused(query("trade", DAY.plusDays(2)), "isv.invalid_arguments", "入参不合法");
        assertRefused(query("signcustomer", DAY), "isv.invalid_arguments", "入参不合法");
        assertRefused(query("trade", "2026-02-30"), "isv.invalid_arguments", "入参不合法");
        // The month that has not ended.
        assertRefused(query("trade", "2026-03"), "isv.invalid_arguments", "入参不合法");
    }

    @Test
    void adjustmentsChangeTheBillButNotTheTrades() throws Exception {
        String changed = paidOrder("10.00");
        String dropped = paidOrder("2.00");
        String refunded = paidOrder("8.00");
        refund(refunded, "3.00", "RF-2");
        this.sandbox.billAdjustments()
            .changeAmount(changed, new BigDecimal("9.99"))
            .drop(dropped)
            .changeRefundAmount(refunded, "RF-2", new BigDecimal("2.00"))
            .addPayment("EXTERNAL-1", new BigDecimal("12.00"), DAY.atTime(18, 0).toInstant(BEIJING))
            .addRefund(changed, "RF-X", new BigDecimal("1.00"), DAY.atTime(19, 0).toInstant(BEIJING))
            .addPayment("EXTERNAL-2", new BigDecimal("5.00"), DAY.plusDays(1).atTime(1, 0).toInstant(BEIJING));
        nextMorning();

        Map<String, String> detail = rowsByOrderAndType(DAY);
        assertThat(detail).containsOnlyKeys(changed + " 交易", refunded + " 交易", refunded + " 退款", "EXTERNAL-1 交易",
                changed + " 退款");
        assertThat(detail.get(changed + " 交易")).isEqualTo("9.99");
        assertThat(detail.get(refunded + " 退款")).isEqualTo("-2.00");
        assertThat(detail.get("EXTERNAL-1 交易")).isEqualTo("12.00");
        assertThat(detail.get(changed + " 退款")).isEqualTo("-1.00");
        assertThat(this.sandbox.trade(changed).orElseThrow().totalAmount()).isEqualByComparingTo("10.00");
        assertThat(this.sandbox.trade(dropped).orElseThrow().isPaid()).isTrue();

        this.sandbox.billAdjustments().clear();
        assertThat(rowsByOrderAndType(DAY)).containsOnlyKeys(changed + " 交易", dropped + " 交易", refunded + " 交易",
                refunded + " 退款");
    }

    /** Moves the clock to 10:00 Beijing time the day after {@link #DAY}, when its bill is ready. */
    private void nextMorning() {
        moveTo(DAY.plusDays(1).atTime(10, 0));
    }

    private void moveTo(LocalDateTime beijingTime) {
        this.clock.advance(Duration.between(this.clock.instant(), beijingTime.toInstant(BEIJING)));
    }

    /** A paid trade, one second after the previous event of the test. */
    private String paidOrder(String amount) throws AlipayApiException {
        String orderId = "BILL" + orders.incrementAndGet();
        assertThat(this.client.execute(SdkCompatibilityTest.precreate(orderId, amount)).isSuccess()).isTrue();
        this.sandbox.pay(orderId);
        this.clock.advance(Duration.ofSeconds(1));
        return orderId;
    }

    private void refund(String orderId, String amount, String requestNo) throws AlipayApiException {
        AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
        request.setBizContent("{\"out_trade_no\":\"" + orderId + "\",\"refund_amount\":\"" + amount
                + "\",\"out_request_no\":\"" + requestNo + "\"}");
        assertThat(this.client.execute(request).getFundChange()).isEqualTo("Y");
        this.clock.advance(Duration.ofSeconds(1));
    }

    private Map<String, String> rowsByOrderAndType(LocalDate day) throws Exception {
        String url = this.client.execute(query("trade", day)).getBillDownloadUrl();
        String detail = unzip(download(url).body()).entrySet().stream()
            .filter((file) -> file.getKey().endsWith("_业务明细.csv")).findFirst().orElseThrow().getValue();
        Map<String, String> rows = new LinkedHashMap<>();
        detail.lines().filter((line) -> !line.startsWith("#") && !line.startsWith("支付宝交易号")).forEach((line) -> {
            String[] cells = line.split(",", -1);
            rows.put(cells[1].strip() + " " + cells[2].strip(), cells[11]);
        });
        return rows;
    }

    private void assertRefused(AlipayDataDataserviceBillDownloadurlQueryRequest request, String subCode,
            String subMsg) throws AlipayApiException {
        AlipayDataDataserviceBillDownloadurlQueryResponse response = this.client.execute(request);
        assertThat(response.isSuccess()).isFalse();
        assertThat(response.getCode()).isEqualTo("40004");
        assertThat(response.getMsg()).isEqualTo("Business Failed");
        assertThat(response.getSubCode()).isEqualTo(subCode);
        assertThat(response.getSubMsg()).isEqualTo(subMsg);
        assertThat(response.getBillDownloadUrl()).isNull();
        // Signed: the SDK verified the signature of the failure too.
        assertThat(response.getBody()).contains("\"sign\":\"");
    }

    private static AlipayDataDataserviceBillDownloadurlQueryRequest query(String type, LocalDate day) {
        return query(type, day.toString());
    }

    private static AlipayDataDataserviceBillDownloadurlQueryRequest query(String type, String date) {
        var request = new AlipayDataDataserviceBillDownloadurlQueryRequest();
        request.setBizContent("{\"bill_type\":\"" + type + "\",\"bill_date\":\"" + date + "\"}");
        return request;
    }

    private HttpResponse<byte[]> download(String url) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The files of a zip, names read as GBK, contents decoded from GBK. */
    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), GBK)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), GBK));
            }
        }
        return files;
    }

    /** The general purpose flags of each entry in the zip's central directory. */
    private static List<Integer> centralDirectoryFlags(byte[] zip) {
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> flags = new ArrayList<>();
        for (int i = 0; i + 46 <= zip.length; i++) {
            if (buffer.getInt(i) == 0x02014b50) {
                flags.add(buffer.getShort(i + 8) & 0xffff);
            }
        }
        return flags;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
