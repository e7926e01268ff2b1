package io.skynetspring.samples.gatewayshards;

/** The MariaDB and Redis the tests use, from the environment variables the db-proxy and cache apps read. */
final class Servers {

    static final String DB_HOST = env("SKYNET_DB_HOST", "127.0.0.1");
    static final int DB_PORT = Integer.parseInt(env("SKYNET_DB_PORT", "3306"));
    static final String DB_USER = env("SKYNET_DB_USER", "root");
    static final String DB_PASSWORD = env("SKYNET_DB_PASSWORD", "");
    static final String REDIS_HOST = env("SKYNET_REDIS_HOST", "127.0.0.1");
    static final int REDIS_PORT = Integer.parseInt(env("SKYNET_REDIS_PORT", "6379"));

    private Servers() {
    }

    static String jdbcUrl(String database) {
        return "jdbc:mariadb://" + DB_HOST + ":" + DB_PORT + "/" + database;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
