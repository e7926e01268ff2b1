-- The request keys of applied create_player / save_player calls (issue #12): each row is written in
-- the same transaction as its write, so a call retried with the same key after a timeout or
-- "unavailable" finds it and answers with the stored result instead of writing again. fingerprint
-- is a SHA-256 of the call's arguments, to refuse a key reused for another request. Rows older than
-- db-proxy.request-key-ttl are deleted (prune_request_keys, hourly); applied_at is UTC.
CREATE TABLE request_keys (
    request_key VARCHAR(100) NOT NULL,
    command     VARCHAR(32)  NOT NULL,
    player_id   BIGINT       NOT NULL,
    fingerprint CHAR(64)     NOT NULL,
    result      BIGINT       NOT NULL,
    applied_at  DATETIME     NOT NULL,
    PRIMARY KEY (request_key)
) DEFAULT CHARSET = utf8mb4;

CREATE INDEX request_keys_applied_at ON request_keys (applied_at);
