-- The sample shop's own orders; the payments live in JitPay's tables.
CREATE TABLE IF NOT EXISTS shop_order (
    id           VARCHAR(64)    NOT NULL PRIMARY KEY,
    subject      VARCHAR(256)   NOT NULL,
    amount       DECIMAL(12, 2) NOT NULL,
    pay_type     VARCHAR(16)    NOT NULL,
    pay_url      VARCHAR(2048),
    created_at   TIMESTAMP      NOT NULL,
    fulfilled_at TIMESTAMP
);
