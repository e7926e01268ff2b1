package io.skynetspring.samples.cache;

/** The Redis the tests use, from the same environment variables as the app. */
final class Servers {

    static final String REDIS_HOST = env("SKYNET_REDIS_HOST", "127.0.0.1");
    static final int REDIS_PORT = Integer.parseInt(env("SKYNET_REDIS_PORT", "6379"));

    private Servers() {
    }


    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
