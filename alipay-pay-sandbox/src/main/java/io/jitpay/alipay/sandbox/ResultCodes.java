package io.jitpay.alipay.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Alipay's result codes: the public {@code code} → {@code msg} table, the {@code sub_code} → {@code sub_msg} texts the
 * sandbox answers with, and the inner objects of successes and failures.
 */
final class ResultCodes {

    static final String SUCCESS = "10000";

    /** An in-store payment the buyer must still confirm: {@code alipay.trade.pay} only. */
    static final String PAYING = "10003";

    static final String SERVICE_UNAVAILABLE = "20000";

    static final String MISSING_ARGUMENTS = "40001";

    static final String INVALID_ARGUMENTS = "40002";

    static final String BUSINESS_FAILED = "40004";

    private ResultCodes() {
    }

    /** {@code {"code":"10000","msg":"Success", ...fields}}: the code first, as Alipay writes it. */
    static Map<String, Object> success(Map<String, ?> fields) {
        return result(SUCCESS, fields);
    }

    /** {@code {"code":..., "msg":..., ...fields}}, for answers without a {@code sub_code}. */
    static Map<String, Object> result(String code, Map<String, ?> fields) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("code", code);
        inner.put("msg", msg(code));
        inner.putAll(fields);
        return inner;
    }

    /** A failure with the table's {@code sub_msg} for its {@code sub_code}. */
    static Map<String, String> failure(String code, String subCode) {
        return failure(code, subCode, subMsg(subCode));
    }

    /**
     * A failure; without a {@code sub_code} the official SDK's {@code isSuccess()} is {@code true}, whatever the code.
     * @param code a public code, {@code 40004} when {@code null}
     */
    static Map<String, String> failure(@Nullable String code, @Nullable String subCode, @Nullable String subMsg) {
        String publicCode = (code != null) ? code : BUSINESS_FAILED;
        Map<String, String> inner = new LinkedHashMap<>();
        inner.put("code", publicCode);
        inner.put("msg", msg(publicCode));
        if (subCode != null) {
            inner.put("sub_code", subCode);
        }
        if (subMsg != null) {
            inner.put("sub_msg", subMsg);
        }
        return inner;
    }

    /** The public {@code msg} of a code; any code outside the table reads as a business failure. */
    static String msg(String code) {
        return switch (code) {
            case SUCCESS -> "Success";
            case PAYING -> BarcodeApi.PAYING_MSG;
            case SERVICE_UNAVAILABLE -> "Service Currently Unavailable";
            case "20001" -> "Insufficient Token Permissions";
            case MISSING_ARGUMENTS -> "Missing Required Arguments";
            case INVALID_ARGUMENTS -> "Invalid Arguments";
            case "40003" -> "Insufficient Conditions";
            case "40005" -> "Call Limited";
            case "40006" -> "Insufficient Permissions";
            default -> "Business Failed";
        };
    }

    /** The {@code sub_msg} the sandbox sends with a {@code sub_code}; an unknown one is its own explanation. */
    static String subMsg(String subCode) {
        return switch (subCode) {
            case "isv.missing-method" -> "缺少方法名参数";
            case "isv.missing-app-id" -> "缺少AppID参数";
            case "isv.invalid-app-id" -> "无效的AppID参数";
            case "isv.invalid-method" -> "不存在的方法名";
            case "isv.invalid-charset" -> "字符集不合法";
            // One text for every failed check of the signature and its protocol parameters.
            case "isv.missing-signature", "isv.missing-signature-type", "isv.invalid-signature-type",
                    "isv.missing-timestamp", "isv.missing-version", "isv.invalid-signature" -> "签名校验失败";
            case "isv.invalid-parameter" -> "biz_content 不是合法的 JSON";
            // Certificate mode: the sub_codes of Alipay's public error table. "应用公钥证书不存在" is the text real
            // answers carry, as quoted in public projects; the other texts are assumed, in Alipay's manner.
            case "isv.missing-app-cert-sn" -> "缺少应用公钥证书序列号";
            case "isv.app-cert-not-exist" -> "应用公钥证书不存在";
            case "isv.missing-alipay-root-cert-sn" -> "缺少支付宝根证书序列号";
            case "isv.invalid-alipay-root-cert-sn" -> "无效支付宝根证书序列号";
            case "isv.alipay-cert-not-exist" -> "支付宝公钥证书不存在";
            case "ACQ.TRADE_HAS_SUCCESS" -> "交易已被支付";
            case "ACQ.TRADE_HAS_CLOSE" -> "交易已经关闭";
            case "ACQ.CONTEXT_INCONSISTENT" -> "交易信息被篡改";
            case "ACQ.TRADE_NOT_EXIST" -> "交易不存在";
            case "ACQ.TRADE_STATUS_ERROR" -> "交易状态不合法";
            case "ACQ.SYSTEM_ERROR" -> "系统错误";
            case "ACQ.INVALID_PARAMETER" -> "参数无效";
            // alipay.trade.refund, texts of Alipay's error table; REFUND_AMT_NOT_EQUAL_TOTAL as real answers carry it.
            case "ACQ.DISCORDANT_REPEAT_REQUEST" -> "不一致的请求";
            case "ACQ.REASON_TRADE_REFUND_FEE_ERR" -> "退款金额无效";
            case "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL" -> "撤销或退款金额与订单金额不一致";
            case "ACQ.SELLER_BALANCE_NOT_ENOUGH" -> "卖家余额不足";
            // alipay.trade.pay: the captured text of a real answer, and the text of Alipay's error table.
            case "ACQ.PAYMENT_AUTH_CODE_INVALID" -> "支付失败，获取顾客账户信息失败，请顾客刷新付款码后重新收款，如再次收款失败，"
                    + "请联系管理员处理。[SOUNDWAVE_PARSER_FAIL]";
            case "ACQ.BUYER_BALANCE_NOT_ENOUGH" -> "买家余额不足";
            // alipay.data.dataservice.bill.downloadurl.query: "入参不合法" as a real answer carries it; "账单不存在" is
            // the meaning Alipay's error table gives isp.bill_not_exist.
            case "isv.invalid_arguments" -> "入参不合法";
            case "isp.bill_not_exist" -> "账单不存在";
            default -> subCode;
        };
    }
}
