-- The sample shop's own orders; the payments live in JitPay's tables.
CREATE TABLE IF NOT EXISTS shop_order (
    id           VARCHAR(64)    NOT NULL PRIMARY KEY,
    payment      VARCHAR(64)    NOT NULL,
    subject      VARCHAR(256)   NOT NULL,
    amount       DECIMAL(12, 2) NOT NULL,
    pay_type     VARCHAR(16)    NOT NULL,
    pay_url      VARCHAR(2048),
    created_at   TIMESTAMP      NOT NULL,
    fulfilled_at TIMESTAMP,
    refusal      VARCHAR(512)
);

-- A database of an earlier version of the shop: its orders were all the top-level application's, named aliPayment
-- unless jitpay.alipay.name said otherwise.
ALTER TABLE shop_order ADD COLUMN IF NOT EXISTS payment VARCHAR(64) DEFAULT 'pays.aliPayment' NOT NULL;
ALTER TABLE shop_order ADD COLUMN IF NOT EXISTS refusal VARCHAR(512);
