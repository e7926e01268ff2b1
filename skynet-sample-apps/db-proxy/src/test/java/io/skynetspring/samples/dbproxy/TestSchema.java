package io.skynetspring.samples.dbproxy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A database of its own on the test MariaDB for one test class, dropped afterwards, so tests never
 * see each other's players or the {@code test} database's contents.
 *
 * <pre>{@code static final TestSchema schema = TestSchema.create("players");}</pre>
 */
final class TestSchema {

    private final String name;

    private TestSchema(String name) {
        this.name = name;
    }

    static TestSchema create(String purpose) {
        TestSchema s = new TestSchema("skynet_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8));
        s.execute("CREATE DATABASE " + s.name + " CHARACTER SET utf8mb4");
        return s;
    }

    String name() {
        return name;
    }

    void drop() {
        execute("DROP DATABASE IF EXISTS " + name);
    }

    /** The first column of every row of {@code sql}, read straight from the server (no relay, no app). */
    List<Long> longs(String sql) {
        try (Connection c = DriverManager.getConnection(Servers.jdbcUrl(Servers.DB_HOST, Servers.DB_PORT, name),
                Servers.DB_USER, Servers.DB_PASSWORD);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            List<Long> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + Servers.DB_HOST + ":" + Servers.DB_PORT, e);
        }
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(Servers.jdbcUrl(Servers.DB_HOST, Servers.DB_PORT, ""),
                Servers.DB_USER, Servers.DB_PASSWORD);
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + Servers.DB_HOST + ":" + Servers.DB_PORT, e);
        }
    }
}
