-- Run once by the MariaDB image on an empty data volume: the databases of the two player shards
-- (db-proxy nodes db0 and db1; their migrations make the tables) for the user compose.yaml makes.
CREATE DATABASE IF NOT EXISTS gw_shard0 CHARACTER SET utf8mb4;
CREATE DATABASE IF NOT EXISTS gw_shard1 CHARACTER SET utf8mb4;
GRANT ALL PRIVILEGES ON gw_shard0.* TO 'skynet'@'%';
GRANT ALL PRIVILEGES ON gw_shard1.* TO 'skynet'@'%';
