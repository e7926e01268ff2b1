package io.skynetspring.samples.gateway.bot;

import java.util.Map;

/**
 * The answer to a login: {@code ok} with where the player stands, or the server's {@code error}.
 *
 * <pre>{@code LoginResult r = bot.login(1001, token, 2).join();  if (!r.ok()) System.out.println(r.error());}</pre>
 */
public record LoginResult(boolean ok, String error, String name, long scene, long x, long y, long level) {

    static LoginResult of(Map<String, Object> result) {
        return new LoginResult(Boolean.TRUE.equals(result.get("ok")), (String) result.get("error"),
                (String) result.get("name"), number(result, "scene"), number(result, "x"), number(result, "y"),
                number(result, "level"));
    }

    private static long number(Map<String, Object> result, String key) {
        return result.get(key) instanceof Long l ? l : 0;
    }
}
