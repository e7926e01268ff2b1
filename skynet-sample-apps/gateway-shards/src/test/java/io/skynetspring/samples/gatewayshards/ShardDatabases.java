package io.skynetspring.samples.gatewayshards;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One database per shard on the test MariaDB ({@code gw_shard0_<run>}, {@code gw_shard1_<run>}), made
 * for one test class and dropped afterwards, read straight from the server to see where players landed.
 *
 * <pre>{@code ShardDatabases dbs = ShardDatabases.create(2); dbs.longs(1, "SELECT id FROM players");}</pre>
 */
final class ShardDatabases implements AutoCloseable {

    private final List<String> names = new ArrayList<>();

    private ShardDatabases() {
    }

    static ShardDatabases create(int shards) {
        ShardDatabases dbs = new ShardDatabases();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < shards; i++) {
            String name = "gw_shard" + i + "_" + run;
            execute("", "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
            dbs.names.add(name);
        }
        return dbs;
    }

    String name(int shard) {
        return names.get(shard);
    }

    /** The first column of every row of {@code sql} in shard {@code shard}'s database. */
    List<Long> longs(int shard, String sql) {
        try (Connection c = connect(name(shard)); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<Long> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + name(shard), e);
        }
    }

    void update(int shard, String sql) {
        execute(name(shard), sql);
    }

    @Override
    public void close() {
        names.forEach(name -> execute("", "DROP DATABASE IF EXISTS " + name));
    }

    private static void execute(String database, String sql) {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + Servers.DB_HOST + ":" + Servers.DB_PORT, e);
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(Servers.jdbcUrl(database), Servers.DB_USER, Servers.DB_PASSWORD);
    }
}
