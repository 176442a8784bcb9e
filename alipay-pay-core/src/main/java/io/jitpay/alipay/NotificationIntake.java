package io.jitpay.alipay;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jitpay.pay.NotifyJournal;
import io.jitpay.pay.NotifyRecord;
import io.jitpay.pay.NotifyResult;
import io.jitpay.pay.NotifyResult.Rejection;
import io.jitpay.pay.PayErrorCode;
import io.jitpay.pay.PayException;
import io.jitpay.pay.PayLog;

/**
 * Takes Alipay's asynchronous notifications for one payment instance: checks the request, decodes the form, verifies
 * the signature, checks the notification against the order, applies it through the state machine, and journals it
 * with its outcome. Never throws for bad input.
 *
 * <p>Checks, in order: an {@code application/x-www-form-urlencoded} body of at most 64 KiB in a charset Alipay uses;
 * the RSA2 signature (V1 rule) with Alipay's key; {@code app_id}; that {@code out_trade_no} is an order of this
 * instance; {@code seller_id} when one is configured; a known {@code trade_status}; and, in the state machine, that
 * {@code total_amount} is the order's amount.
 */
final class NotificationIntake {

    /** An unverified notification is journaled only this far: nobody can fill the journal with unsigned posts. */
    static final int UNVERIFIED_EXCERPT = 1024;

    private static final String FORM = "application/x-www-form-urlencoded";

    private static final Logger logger = LoggerFactory.getLogger(NotificationIntake.class);

    private final AliPayConfig config;

    private final String fullName;

    private final NotifyVerifier verifier;

    private final AliPayLogStore store;

    private final OrderTransitions transitions;

    private final @Nullable RefundLedger refunds;

    private final @Nullable NotifyJournal journal;

    /** Whether the store writes a payment's journal record in the transaction of the payment. */
    private final boolean journalsWithChanges;

    NotificationIntake(AliPayConfig config, String fullName, NotifyVerifier verifier, AliPayLogStore store,
            OrderTransitions transitions, @Nullable RefundLedger refunds, @Nullable NotifyJournal journal) {
        this.config = config;
        this.fullName = fullName;
        this.verifier = verifier;
        this.store = store;
        this.transitions = transitions;
        this.refunds = refunds;
        this.journal = journal;
        this.journalsWithChanges = journal != null && store.journalsFor(journal);
    }

    NotifyResult handle(NotifyRequest request) {
        Instant receivedAt = this.transitions.now();
        byte[] body = request.body();
        String raw = new String(body, 0, Math.min(body.length, NotifyForm.MAX_BYTES), StandardCharsets.ISO_8859_1);
        if (!isForm(request.contentType())) {
            return refuse(receivedAt, request, raw, NotifyResult.rejected(Rejection.UNSUPPORTED_CONTENT_TYPE, null,
                    "content type " + LogSafe.quote(request.contentType()) + " is not " + FORM));
        }
        if (body.length > NotifyForm.MAX_BYTES) {
            return refuse(receivedAt, request, raw, NotifyResult.rejected(Rejection.TOO_LARGE, null,
                    "the body has more than " + NotifyForm.MAX_BYTES + " bytes"));
        }
        Map<String, String> params;
        try {
            if (body.length > 0) {
                params = NotifyForm.decode(body);
            }
            else if (request.decodedParameters() != null && !request.decodedParameters().isEmpty()
                    && request.decodedWith() != null) {
                params = NotifyForm.fromDecoded(request.decodedParameters(), request.decodedWith());
                raw = NotifyForm.encode(params);
            }
            else {
                return refuse(receivedAt, request, raw, NotifyResult.rejected(Rejection.EMPTY_BODY, null,
                        "empty body: nothing to verify (a filter that reads request parameters before the endpoint "
                                + "consumes the form)"));
            }
        }
        catch (IllegalArgumentException ex) {
            return refuse(receivedAt, request, raw, NotifyResult.rejected(Rejection.MALFORMED, null,
                    "not a valid notification form: " + ex.getMessage()));
        }
        return handle(params, request.remoteAddress(), raw, receivedAt);
    }

    /** Handles a journaled notification again, as if it arrived now; it is journaled anew with its outcome. */
    NotifyResult replay(long journalId) {
        NotifyRecord record = (this.journal != null) ? this.journal.findNotification(journalId).orElse(null) : null;
        if (record == null) {
            throw new PayException(PayErrorCode.INVALID_PARAM_ERROR, "There is no notification " + journalId
                    + " in the journal");
        }
        return handle(NotifyRequest.of(FORM, record.form().getBytes(StandardCharsets.ISO_8859_1),
                "replay of notification " + journalId));
    }

    NotifyResult handle(Map<String, String> params, @Nullable String remoteAddress) {
        return handle(params, remoteAddress, NotifyForm.encode(params), this.transitions.now());
    }

    private NotifyResult handle(Map<String, String> params, @Nullable String remoteAddress, String form,
            Instant receivedAt) {
        AliPayNotification notification = AliPayNotification.of(params);
        if (!this.verifier.verify(params)) {
            NotifyResult result = NotifyResult.rejected(Rejection.BAD_SIGNATURE, notification.orderId(),
                    "the signature does not verify with the configured Alipay public key");
            log(result);
            journal(record(notification, remoteAddress, excerpt(form), false, receivedAt, result));
            return result;
        }
        String kept = storable(form);
        // A payment that applies is journaled in the transaction of its change when the store can: one commit for both.
        NotifyRecord journalWithChange = (this.journalsWithChanges && notification.orderId() != null)
                        ? record(notification, remoteAddress, kept, true, receivedAt,
                                NotifyResult.applied(notification.orderId()))
                        : null;
        Applied applied = apply(notification, receivedAt, journalWithChange);
        log(applied.result());
        if (!applied.journaled()) {
            journal(record(notification, remoteAddress, kept, true, receivedAt, applied.result()));
        }
        return applied.result();
    }

    private Applied apply(AliPayNotification notification, Instant receivedAt,
            @Nullable NotifyRecord journalWithChange) {
        String orderId = notification.orderId();
        try {
            if (!this.config.appId().equals(notification.appId())) {
                return Applied.of(NotifyResult.rejected(Rejection.WRONG_APP, orderId, "app_id "
                        + LogSafe.quote(notification.appId()) + " is not this application's"));
            }
            if (orderId == null || orderId.isBlank()) {
                return Applied.of(NotifyResult.rejected(Rejection.UNKNOWN_ORDER, null, "out_trade_no is missing"));
            }
            AliPayLog view = notification.status().map((known) -> notification.view(known, receivedAt)).orElse(null);
            String sellerId = this.config.sellerId();
            if (view != null && (sellerId == null || sellerId.equals(notification.sellerId()))
                    && !isRefund(notification)) {
                if (this.transitions.repeatsRecentPayment(orderId, view)) {
                    return Applied.of(NotifyResult.duplicate(orderId, null));
                }
                Optional<PayLog> paid = this.transitions.settlePaid(this.fullName, orderId, view, journalWithChange);
                if (paid.isPresent()) {
                    return new Applied(NotifyResult.applied(orderId), journalWithChange != null);
                }
            }
            Optional<RecordedOrder> recorded = this.store.findWithView(this.fullName, orderId);
            if (recorded.isEmpty()) {
                return Applied.of(NotifyResult.rejected(Rejection.UNKNOWN_ORDER, orderId, "no such order of "
                        + this.fullName));
            }
            if (sellerId != null && !sellerId.equals(notification.sellerId())) {
                return Applied.of(NotifyResult.rejected(Rejection.WRONG_SELLER, orderId, "seller_id "
                        + LogSafe.quote(notification.sellerId()) + " is not the configured one"));
            }
            if (view == null) {
                return Applied.of(NotifyResult.rejected(Rejection.UNKNOWN_TRADE_STATUS, orderId,
                        "unknown trade_status " + LogSafe.quote(notification.tradeStatus())));
            }
            PayLog order = recorded.get().order();
            OrderTransitions.Result result = this.transitions.apply(order, recorded.get().view(), view);
            // A refund notification never changes the order's status: it confirms the refund it names, even when it
            // arrives after a later report.
            boolean refunded = result.kind() != OrderTransitions.Kind.AMOUNT_MISMATCH && isRefund(notification)
                    && this.refunds != null && this.refunds.onNotification(result.order(), notification);
            return Applied.of(switch (result.kind()) {
                case CHANGED -> NotifyResult.applied(orderId);
                case UNCHANGED -> refunded ? NotifyResult.applied(orderId) : NotifyResult.duplicate(orderId, null);
                case STALE -> refunded ? NotifyResult.applied(orderId)
                        : NotifyResult.duplicate(orderId, "older than the report already recorded");
                case AMOUNT_MISMATCH -> NotifyResult.rejected(Rejection.AMOUNT_MISMATCH, orderId, "total_amount "
                        + notification.totalAmount() + " differs from the order amount " + order.amount());
            });
        }
        catch (RuntimeException ex) {
            logger.warn("Alipay notification for order {} could not be applied; answering failure so that Alipay "
                    + "delivers it again", LogSafe.quote(orderId), ex);
            return Applied.of(NotifyResult.error(orderId, ex.toString()));
        }
    }

    private NotifyRecord record(AliPayNotification notification, @Nullable String remoteAddress, String form,
            boolean signatureValid, Instant receivedAt, NotifyResult result) {
        return new NotifyRecord(0, receivedAt, this.fullName, remoteAddress, notification.orderId(),
                notification.notifyId(), form, signatureValid, result.outcome(), result.rejection(), result.reason());
    }

    private NotifyResult refuse(Instant receivedAt, NotifyRequest request, String raw, NotifyResult result) {
        log(result);
        journal(new NotifyRecord(0, receivedAt, this.fullName, request.remoteAddress(), null, null, excerpt(raw),
                false, result.outcome(), result.rejection(), result.reason()));
        return result;
    }

    private void log(NotifyResult result) {
        if (result.rejection() == null) {
            return;
        }
        if (result.rejection().isSigned()) {
            logger.error("Rejected a validly signed Alipay notification for order {}: {}; answered success since a "
                    + "retry cannot change that, and kept it in the journal", LogSafe.quote(result.orderId()),
                    result.reason());
        }
        else {
            logger.warn("Rejected an Alipay notification for order {}: {}", LogSafe.quote(result.orderId()),
                    result.reason());
        }
    }

    private void journal(NotifyRecord record) {
        if (this.journal == null) {
            return;
        }
        try {
            this.journal.record(record);
        }
        catch (RuntimeException ex) {
            logger.warn("Could not journal the Alipay notification for order {}: {}", LogSafe.quote(record.orderId()),
                    ex.toString());
        }
    }

    private static boolean isRefund(AliPayNotification notification) {
        return notification.outBizNo() != null
                || (notification.refundFee() != null && notification.refundFee().signum() > 0);
    }

    private static boolean isForm(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = ((semicolon < 0) ? contentType : contentType.substring(0, semicolon)).trim();
        return FORM.equals(type.toLowerCase(Locale.ROOT));
    }

    private static String excerpt(String form) {
        return storable((form.length() <= UNVERIFIED_EXCERPT) ? form : form.substring(0, UNVERIFIED_EXCERPT));
    }

    /** A URL-encoded form has no control characters; a hostile body may (PostgreSQL refuses to store a NUL). */
    private static String storable(String form) {
        for (int i = 0; i < form.length(); i++) {
            if (form.charAt(i) < 0x20 || (form.charAt(i) >= 0x7f && form.charAt(i) <= 0x9f)) {
                char[] chars = form.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (Character.isISOControl(chars[j])) {
                        chars[j] = '?';
                    }
                }
                return new String(chars);
            }
        }
        return form;
    }

    /**
     * What applying a verified notification gave.
     * @param result    the outcome
     * @param journaled whether the journal record was written with the change
     */
    private record Applied(NotifyResult result, boolean journaled) {

        static Applied of(NotifyResult result) {
            return new Applied(result, false);
        }
    }
}
