package io.jitpay.alipay.sandbox;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the HTTP handlers need of a running sandbox, fixed when it starts.
 *
 * @param appId         the app id the gateway accepts
 * @param sellerId      the seller id it reports
 * @param keys          the app's public key (to verify requests) and the "Alipay" key (to sign answers)
 * @param clock         the clock of trade times and expiry
 * @param baseUrl       the buyer-facing address, for QR codes and cashier links
 * @param trades        the trades
 * @param notifications the notifications of trade state changes
 * @param faults        the faults to play on coming calls
 * @param billAdjustments the test's changes to the trade bills
 * @param billLinks     the bill download links handed out, and what they serve
 * @param certificates  the certificates of certificate mode, or {@code null} in key mode
 */
record SandboxContext(String appId, String sellerId, SandboxKeys keys, Clock clock, String baseUrl, TradeBook trades,
        TradeNotifications notifications, PendingFaults faults, BillAdjustments billAdjustments, BillLinks billLinks,
        @Nullable SandboxCertificates certificates) {

    Instant now() {
        return this.clock.instant();
    }

    /** What the QR code of a pre-created trade encodes; scanning it opens the cashier. */
    String qrCodeUrl(Trade trade) {
        return this.baseUrl + "/qr/" + trade.token;
    }

    /** The cashier page of a trade, where the mobile-web form lands. */
    String cashierUrl(Trade trade) {
        return this.baseUrl + "/cashier/" + trade.token;
    }
}
