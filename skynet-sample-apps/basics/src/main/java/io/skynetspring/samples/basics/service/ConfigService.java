package io.skynetspring.samples.basics.service;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.Init;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.ServiceContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seed 1.3, config_service.lua: settings through skynet's env. skynet never overwrites an env key,
 * so the defaults below only fill keys that {@code skynet.env} (the config file) did not set.
 *
 * <pre>{@code skynet.call(config, "get", "db_host").block()   // "127.0.0.1"}</pre>
 */
@SkynetService("config")
public class ConfigService {

    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("db_host", "127.0.0.1");
        DEFAULTS.put("db_port", "3306");
        DEFAULTS.put("log_level", "info");
    }

    private final ServiceContext ctx;

    public ConfigService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Init
    public void start() {
        DEFAULTS.forEach((key, value) -> {
            try {
                ctx.setenv(key, value);
            } catch (IllegalStateException alreadySet) {
                // the config file or an earlier instance set it first; skynet keeps the first value
            }
        });
        ctx.log("database host:", ctx.getenv("db_host"), "port:", ctx.getenv("db_port"));
        ctx.log("log level:", ctx.getenv("log_level"));
    }

    @Command
    public String get(String key) {
        return ctx.getenv(key);
    }

    /**
     * Adds a key; an existing one is an error, "Can't setenv exist key : key", as in skynet. It is the
     * caller's mistake, so it goes back as a ServiceException: one line in the log, no stack.
     */
    @Command
    public void set(String key, String value) {
        try {
            ctx.setenv(key, value);
        } catch (IllegalStateException exists) {
            throw new ServiceException(exists.getMessage());
        }
    }
}
