-- The players table of the seed's db_proxy (9.2). data holds the player as JSON text: LONGTEXT
-- rather than JSON so that the same migration runs on MariaDB/MySQL and on H2 in MySQL mode.
CREATE TABLE players (
    id         BIGINT    NOT NULL,
    data       LONGTEXT  NOT NULL,
    version    BIGINT    NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id)
) DEFAULT CHARSET = utf8mb4;
