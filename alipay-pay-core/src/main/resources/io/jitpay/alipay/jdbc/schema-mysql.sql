-- JitPay Alipay order store, MySQL 8 and MariaDB 10.5+. Idempotent: safe to run at every start.
-- Ids compare case-sensitively (utf8mb4_bin); text is utf8mb4 whatever the database default.

CREATE TABLE IF NOT EXISTS jitpay_pay_log (
    order_id   VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    full_name  VARCHAR(128)   NOT NULL,
    subject    VARCHAR(256)   NOT NULL,
    amount     DECIMAL(12, 2) NOT NULL,
    status     VARCHAR(16)    NOT NULL,
    pay_type   VARCHAR(16),
    trade_no   VARCHAR(64),
    created_at DATETIME(6)    NOT NULL,
    updated_at DATETIME(6)    NOT NULL,
    paid_at    DATETIME(6),
    PRIMARY KEY (order_id),
    INDEX jitpay_pay_log_status_created_idx (status, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS jitpay_alipay_log (
    order_id         VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    trade_no         VARCHAR(64),
    trade_status     VARCHAR(32)    NOT NULL,
    total_amount     DECIMAL(12, 2),
    receipt_amount   DECIMAL(12, 2),
    buyer_pay_amount DECIMAL(12, 2),
    buyer_logon_id   VARCHAR(128),
    buyer_id         VARCHAR(64),
    gmt_payment      DATETIME(6),
    updated_at       DATETIME(6)    NOT NULL,
    PRIMARY KEY (order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
