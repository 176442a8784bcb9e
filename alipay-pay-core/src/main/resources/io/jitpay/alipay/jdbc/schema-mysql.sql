-- JitPay Alipay order store, MySQL 8 and MariaDB 10.5+. Idempotent: safe to run at every start.
-- Ids compare case-sensitively (utf8mb4_bin); text is utf8mb4 whatever the database default.

CREATE TABLE IF NOT EXISTS jitpay_pay_log (
    order_id      VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    -- The payment instance that owns the order (pays.<name>); every statement is scoped by it.
    full_name     VARCHAR(128)   NOT NULL,
    subject       VARCHAR(256)   NOT NULL,
    amount        DECIMAL(12, 2) NOT NULL,
    status        VARCHAR(16)    NOT NULL,
    pay_type      VARCHAR(16),
    trade_no      VARCHAR(64),
    created_at    DATETIME(6)    NOT NULL,
    -- The deadline sent to Alipay as time_expire.
    expires_at    DATETIME(6)    NOT NULL,
    updated_at    DATETIME(6)    NOT NULL,
    paid_at       DATETIME(6),
    -- The refunds of a paid order: those that succeeded, and those that succeeded or are processing (never more
    -- than amount), kept with the refunds in one transaction; and when the next refund request may be sent.
    refunded_amount DECIMAL(12, 2) DEFAULT 0 NOT NULL,
    refund_reserved DECIMAL(12, 2) DEFAULT 0 NOT NULL,
    refund_slot_at  DATETIME(6),
    -- When the sweeper must next ask Alipay about the order (NULL: settled); a claim moves it past its lease.
    next_check_at DATETIME(6),
    PRIMARY KEY (order_id),
    INDEX jitpay_pay_log_due_idx (full_name, next_check_at)
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
    refund_fee       DECIMAL(12, 2),
    gmt_refund       DATETIME(6),
    out_biz_no       VARCHAR(64),
    reported_at      DATETIME(6)    NOT NULL,
    updated_at       DATETIME(6)    NOT NULL,
    PRIMARY KEY (order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS jitpay_notify_log (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    received_at     DATETIME(6)   NOT NULL,
    full_name       VARCHAR(128),
    remote_address  VARCHAR(64),
    out_trade_no    VARCHAR(128),
    notify_id       VARCHAR(128),
    form            MEDIUMTEXT    NOT NULL,
    signature_valid BOOLEAN       NOT NULL,
    outcome         VARCHAR(16)   NOT NULL,
    rejection       VARCHAR(32),
    error           VARCHAR(1024),
    PRIMARY KEY (id),
    INDEX jitpay_notify_log_received_idx (received_at),
    INDEX jitpay_notify_log_order_idx (out_trade_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS jitpay_refund_log (
    refund_id        VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    order_id         VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    full_name        VARCHAR(128)   NOT NULL,
    amount           DECIMAL(12, 2) NOT NULL,
    reason           VARCHAR(256),
    status           VARCHAR(16)    NOT NULL,
    created_at       DATETIME(6)    NOT NULL,
    updated_at       DATETIME(6)    NOT NULL,
    refunded_at      DATETIME(6),
    -- When a processing refund is next asked about (or sent again); a claim moves it past its lease.
    next_check_at    DATETIME(6),
    gateway_code     VARCHAR(16),
    gateway_sub_code VARCHAR(64),
    gateway_sub_msg  VARCHAR(256),
    PRIMARY KEY (refund_id),
    INDEX jitpay_refund_log_order_idx (order_id),
    INDEX jitpay_refund_log_due_idx (full_name, next_check_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
