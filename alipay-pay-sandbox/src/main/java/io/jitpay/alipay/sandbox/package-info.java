/**
 * An embedded Alipay gateway for tests and demos: {@link io.jitpay.alipay.sandbox.AliPaySandbox}. It speaks the real
 * OpenAPI protocol (signed requests and responses, cashier page, signed asynchronous notifications with Alipay's retry
 * ladder) and injects faults on demand ({@link io.jitpay.alipay.sandbox.SandboxFault}). For tests:
 * {@link io.jitpay.alipay.sandbox.AliPaySandboxExtension} runs one around JUnit tests, and
 * {@link io.jitpay.alipay.sandbox.TestRsaKeys} makes key pairs in every format. It also serves trade bills
 * ({@code alipay.data.dataservice.bill.downloadurl.query}), which {@link io.jitpay.alipay.sandbox.BillAdjustments}
 * makes disagree with the trades for tests of reconciliation. In certificate mode it issues its own certificates and
 * rotates Alipay's: {@link io.jitpay.alipay.sandbox.SandboxCertificates}.
 */
@NullMarked
package io.jitpay.alipay.sandbox;

import org.jspecify.annotations.NullMarked;
