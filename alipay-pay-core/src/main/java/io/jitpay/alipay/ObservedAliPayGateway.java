package io.jitpay.alipay;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

import io.jitpay.alipay.bill.TradeBill;
import io.jitpay.pay.PayUrl;

/**
 * The gateway, with each call to Alipay handed to a {@link PaymentObserver} to be timed and traced. Requests signed
 * here for the buyer's browser or app make no call and pass straight through.
 */
final class ObservedAliPayGateway implements AliPayGateway {

    private final AliPayGateway gateway;

    private final PaymentObserver observer;

    private final String fullName;

    private ObservedAliPayGateway(AliPayGateway gateway, PaymentObserver observer, String fullName) {
        this.gateway = gateway;
        this.observer = observer;
        this.fullName = fullName;
    }

    /** The gateway itself when nothing observes it. */
    static AliPayGateway of(AliPayGateway gateway, PaymentObserver observer, String fullName) {
        return (observer == PaymentObserver.NONE) ? gateway : new ObservedAliPayGateway(gateway, observer, fullName);
    }

    @Override
    public String precreate(TradeOrder order) {
        return this.observer.gatewayCall(this.fullName, "alipay.trade.precreate", () -> this.gateway.precreate(order),
                (answer) -> GatewayOutcome.SUCCESS);
    }

    @Override
    public PayUrl wapPay(TradeOrder order) {
        return this.gateway.wapPay(order);
    }

    @Override
    public PayUrl pagePay(TradeOrder order) {
        return this.gateway.pagePay(order);
    }

    @Override
    public String appPay(TradeOrder order) {
        return this.gateway.appPay(order);
    }

    @Override
    public BarcodeAnswer pay(TradeOrder order, String authCode) {
        return this.observer.gatewayCall(this.fullName, "alipay.trade.pay", () -> this.gateway.pay(order, authCode),
                (answer) -> switch (answer.kind()) {
                    case PAID, WAITING -> GatewayOutcome.SUCCESS;
                    case REFUSED -> GatewayOutcome.businessError(answer.subCode());
                    case UNKNOWN -> GatewayOutcome.answered(answer.code(), answer.subCode());
                });
    }

    @Override
    public CancelAnswer cancel(String orderId) {
        return this.observer.gatewayCall(this.fullName, "alipay.trade.cancel", () -> this.gateway.cancel(orderId),
                (answer) -> GatewayOutcome.SUCCESS);
    }

    @Override
    public Optional<AliPayLog> query(String orderId) {
        return this.observer.gatewayCall(this.fullName, "alipay.trade.query", () -> this.gateway.query(orderId),
                (answer) -> GatewayOutcome.SUCCESS);
    }

    @Override
    public CloseOutcome close(String orderId) {
        return this.observer.gatewayCall(this.fullName, "alipay.trade.close", () -> this.gateway.close(orderId),
                (answer) -> GatewayOutcome.SUCCESS);
    }

    @Override
    public RefundAnswer refund(RefundOrder refund) {
        return this.observer.gatewayCall(this.fullName, "alipay.trade.refund", () -> this.gateway.refund(refund),
                ObservedAliPayGateway::outcome);
    }

    @Override
    public RefundAnswer queryRefund(String orderId, String refundId, BigDecimal amount) {
        return this.observer.gatewayCall(this.fullName, "alipay.trade.fastpay.refund.query",
                () -> this.gateway.queryRefund(orderId, refundId, amount), ObservedAliPayGateway::outcome);
    }

    @Override
    public TradeBill tradeBill(LocalDate day) {
        return this.observer.gatewayCall(this.fullName, "alipay.data.dataservice.bill.downloadurl.query",
                () -> this.gateway.tradeBill(day), (bill) -> GatewayOutcome.SUCCESS);
    }

    private static GatewayOutcome outcome(RefundAnswer answer) {
        return switch (answer.kind()) {
            case REFUNDED, NO_FUND_CHANGE, NOT_RECEIVED -> GatewayOutcome.SUCCESS;
            case REFUSED -> GatewayOutcome.businessError(answer.subCode());
            case UNKNOWN -> GatewayOutcome.answered(answer.code(), answer.subCode());
        };
    }
}
