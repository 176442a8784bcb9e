-- JitPay Alipay order store, PostgreSQL. Idempotent: safe to run at every start.

CREATE TABLE IF NOT EXISTS jitpay_pay_log (
    order_id   VARCHAR(64)    NOT NULL,
    full_name  VARCHAR(128)   NOT NULL,
    subject    VARCHAR(256)   NOT NULL,
    amount     DECIMAL(12, 2) NOT NULL,
    status     VARCHAR(16)    NOT NULL,
    pay_type   VARCHAR(16),
    trade_no   VARCHAR(64),
    created_at TIMESTAMP(6)   NOT NULL,
    updated_at TIMESTAMP(6)   NOT NULL,
    paid_at    TIMESTAMP(6),
    CONSTRAINT jitpay_pay_log_pk PRIMARY KEY (order_id)
);

CREATE INDEX IF NOT EXISTS jitpay_pay_log_status_created_idx ON jitpay_pay_log (status, created_at);

CREATE TABLE IF NOT EXISTS jitpay_alipay_log (
    order_id         VARCHAR(64)    NOT NULL,
    trade_no         VARCHAR(64),
    trade_status     VARCHAR(32)    NOT NULL,
    total_amount     DECIMAL(12, 2),
    receipt_amount   DECIMAL(12, 2),
    buyer_pay_amount DECIMAL(12, 2),
    buyer_logon_id   VARCHAR(128),
    buyer_id         VARCHAR(64),
    gmt_payment      TIMESTAMP(6),
    updated_at       TIMESTAMP(6)   NOT NULL,
    CONSTRAINT jitpay_alipay_log_pk PRIMARY KEY (order_id)
);
