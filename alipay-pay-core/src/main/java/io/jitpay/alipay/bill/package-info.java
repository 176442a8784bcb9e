/**
 * Alipay's trade bill ({@code bill_type=trade}): {@link io.jitpay.alipay.bill.TradeBill} and its
 * {@link io.jitpay.alipay.bill.BillEntry} rows, read by {@link io.jitpay.alipay.bill.TradeBillParser} from the zip of
 * GBK CSV files that {@code alipay.data.dataservice.bill.downloadurl.query} links to.
 */
@NullMarked
package io.jitpay.alipay.bill;

import org.jspecify.annotations.NullMarked;
