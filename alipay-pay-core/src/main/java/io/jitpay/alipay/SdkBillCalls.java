package io.jitpay.alipay;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.alipay.api.domain.AlipayDataDataserviceBillDownloadurlQueryModel;
import com.alipay.api.request.AlipayDataDataserviceBillDownloadurlQueryRequest;
import com.alipay.api.response.AlipayDataDataserviceBillDownloadurlQueryResponse;
import org.jspecify.annotations.Nullable;

import io.jitpay.alipay.bill.TradeBill;
import io.jitpay.alipay.bill.TradeBillParser;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;

/**
 * The trade bill of a day: {@code alipay.data.dataservice.bill.downloadurl.query} through the SDK, then the zip at the
 * link it answers with the JDK's HTTP client, at once, since the link lives 30 seconds. The download is bounded: the
 * connect timeout, then the read timeout or a minute, whichever is longer, for the whole transfer, and 256 MiB.
 */
final class SdkBillCalls {

    static final String METHOD = "alipay.data.dataservice.bill.downloadurl.query";

    private static final long MAX_ZIP_BYTES = 256L << 20;

    /** The sub_code of a date Alipay will not make a bill of: the gateway's form, and the v3 API's. */
    private static final Set<String> INVALID_ARGUMENTS = Set.of("isv.invalid_arguments", "invalid_arguments");

    /** A large bill takes longer to transfer than an API answer; the link only has to be used within 30 seconds. */
    private static final Duration MIN_TRANSFER_TIME = Duration.ofMinutes(1);

    private final SdkCalls calls;

    private volatile @Nullable HttpClient http;

    SdkBillCalls(SdkCalls calls) {
        this.calls = calls;
    }

    TradeBill tradeBill(LocalDate day) {
        String url = downloadUrl(day);
        URI link;
        try {
            link = URI.create(url);
        }
        catch (IllegalArgumentException ex) {
            throw new PayException(PayErrorCode.THIRD_PARTY_ERROR, METHOD + " answered a bill_download_url that is no "
                    + "URI: " + LogSafe.quote(url));
        }
        byte[] zip = download(link, day);
        TradeBill bill = TradeBillParser.parseZip(zip);
        if (!bill.day().equals(day)) {
            throw new PayException(PayErrorCode.THIRD_PARTY_ERROR, "The link Alipay gave for the bill of " + day
                    + " served the bill of " + bill.day());
        }
        return bill;
    }

    private String downloadUrl(LocalDate day) {
        AlipayDataDataserviceBillDownloadurlQueryModel model = new AlipayDataDataserviceBillDownloadurlQueryModel();
        model.setBillType("trade");
        model.setBillDate(day.toString());
        var request = new AlipayDataDataserviceBillDownloadurlQueryRequest();
        request.setBizModel(model);
        AlipayDataDataserviceBillDownloadurlQueryResponse response = this.calls.execute(request);
        if (SdkCalls.succeeded(response)) {
            String url = response.getBillDownloadUrl();
            if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
                throw new PayException(PayErrorCode.THIRD_PARTY_ERROR, METHOD + " answered success without an http(s) "
                        + "bill_download_url: " + LogSafe.quote(url));
            }
            return url;
        }
        if (TradeBill.NOT_READY.equals(response.getSubCode())) {
            throw PayException.gateway(METHOD, response.getCode(), response.getSubCode(), response.getSubMsg(),
                    "Alipay has no bill of " + day + " yet: a day's bill is ready by about 09:00 Beijing time the next "
                            + "day (and there is none for a day without trades); try again later");
        }
        if (INVALID_ARGUMENTS.contains(String.valueOf(response.getSubCode()))) {
            // Alipay's answer to a day (or month) that has not ended in Beijing time, among other mistakes.
            throw PayException.gateway(METHOD, response.getCode(), response.getSubCode(), response.getSubMsg(),
                    "Alipay refuses " + day + ": a day has a bill only once it has ended in Beijing time, by about "
                            + "09:00 the next day");
        }
        throw SdkCalls.failure(request, response);
    }

    private byte[] download(URI link, LocalDate day) {
        AliPayConfig config = this.calls.config();
        Duration transfer = (config.readTimeout().compareTo(MIN_TRANSFER_TIME) > 0) ? config.readTimeout()
                : MIN_TRANSFER_TIME;
        Duration limit = config.connectTimeout().plus(transfer);
        HttpRequest request = HttpRequest.newBuilder(link).GET().timeout(limit).build();
        // Only a 200 of an acceptable size is read; anything else is discarded as it arrives.
        HttpResponse.BodyHandler<byte[]> handler = (info) -> (info.statusCode() == 200
                && info.headers().firstValueAsLong("Content-Length").orElse(0) <= MAX_ZIP_BYTES)
                        ? HttpResponse.BodySubscribers.ofByteArray()
                        : HttpResponse.BodySubscribers.replacing(new byte[0]);
        CompletableFuture<HttpResponse<byte[]>> sent = http(config).sendAsync(request, handler);
        HttpResponse<byte[]> response;
        try {
            response = sent.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException ex) {
            sent.cancel(true);
            throw failure(day, link, "no bill within " + limit + "; the link lives 30 seconds, reconcile again");
        }
        catch (ExecutionException ex) {
            throw failure(day, link, describe(ex.getCause()));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw failure(day, link, "interrupted");
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(0);
        if (response.statusCode() != 200) {
            throw failure(day, link, "the link answered HTTP " + response.statusCode() + " (links live 30 seconds: "
                    + "reconcile again for a new one)");
        }
        if (length > MAX_ZIP_BYTES || response.body().length > MAX_ZIP_BYTES) {
            throw failure(day, link, "the bill is larger than " + (MAX_ZIP_BYTES >> 20) + " MiB");
        }
        return response.body();
    }

    private HttpClient http(AliPayConfig config) {
        HttpClient client = this.http;
        if (client == null) {
            // Made on first use: an instance that never reconciles keeps no HTTP client thread.
            client = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
            this.http = client;
        }
        return client;
    }

    private static String describe(@Nullable Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return "no answer in time (" + cause.getMessage() + "); reconcile again";
        }
        if (cause instanceof ConnectException) {
            return "cannot connect (" + cause.getMessage() + ")";
        }
        if (cause instanceof IOException) {
            return "the connection broke: " + cause;
        }
        return String.valueOf(cause);
    }

    private static PayException failure(LocalDate day, URI link, String why) {
        return new PayException(PayErrorCode.THIRD_PARTY_ERROR, "Downloading the Alipay bill of " + day + " from "
                + String.valueOf(link.getHost()).toLowerCase(Locale.ROOT) + " failed: " + why);
    }
}
