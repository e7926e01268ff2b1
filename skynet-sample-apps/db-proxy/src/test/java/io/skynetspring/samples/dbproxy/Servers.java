package io.skynetspring.samples.dbproxy;

/** The MariaDB the tests use, from the same environment variables as the app's mysql profile. */
final class Servers {

    static final String DB_HOST = env("SKYNET_DB_HOST", "127.0.0.1");
    static final int DB_PORT = Integer.parseInt(env("SKYNET_DB_PORT", "3306"));
    static final String DB_USER = env("SKYNET_DB_USER", "root");
    static final String DB_PASSWORD = env("SKYNET_DB_PASSWORD", "");

    private Servers() {
    }


    static String jdbcUrl(String host, int port, String database) {
        return "jdbc:mariadb://" + host + ":" + port + "/" + database;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
