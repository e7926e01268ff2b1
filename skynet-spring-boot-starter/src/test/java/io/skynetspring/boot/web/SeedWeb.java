package io.skynetspring.boot.web;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.boot.web.http.HttpRequest;
import io.skynetspring.boot.web.http.HttpResponse;
import io.skynetspring.boot.web.http.HttpRoute;
import io.skynetspring.boot.web.http.HttpStatusException;
import io.skynetspring.core.service.ServiceContext;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The seed's http_server.lua as a service, plus routes for the error statuses. */
@SkynetService("web")
public class SeedWeb {

    private final ServiceContext ctx;
    private final List<String> notes = new ArrayList<>();
    private long hits;

    public SeedWeb(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @HttpRoute("/")
    @Command
    public String index() {
        return "Hello, Skynet!";
    }

    @HttpRoute("/api/data")
    @Command
    public Map<String, Object> data() {
        return Map.of("time", ctx.time(), "now", ctx.now());
    }

    @HttpRoute(value = "/inspect", method = {})
    @Command
    public Map<String, Object> inspect(HttpRequest req) {
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("method", req.method());
        seen.put("path", req.path());
        seen.put("query", req.query());
        seen.put("a", req.params().get("a"));
        seen.put("token", req.header("X-Token"));
        seen.put("body", req.text());
        return seen;
    }

    @HttpRoute("/users/{id}")
    @Command
    public Map<String, Object> user(HttpRequest req) {
        return Map.of("id", Long.parseLong(req.pathVariables().get("id")));
    }

    @HttpRoute(value = "/echo", method = "POST")
    @Command
    public HttpResponse echo(HttpRequest req) {
        return HttpResponse.status(201, req.text()).header("X-Length", String.valueOf(req.body().length));
    }

    @HttpRoute(value = "/note", method = "PUT")
    @Command
    public void note(HttpRequest req) {
        notes.add(req.text());
    }

    @HttpRoute("/notes")
    @Command
    public List<String> notes() {
        return List.copyOf(notes);
    }

    @HttpRoute("/hits")
    @Command
    public long hits() {
        return ++hits;
    }

    @HttpRoute("/json-text")
    @Command
    public HttpResponse jsonText() {
        return HttpResponse.ok("{\"raw\":true}").header("Content-Type", "application/json");
    }

    @HttpRoute("/missing")
    @Command
    public HttpResponse missing() {
        return HttpResponse.status(404, "Not Found");
    }

    @HttpRoute("/boom")
    @Command
    public String boom() {
        throw new IllegalStateException("db password is hunter2");
    }

    /** Answers 400 by throwing, the way a route refuses malformed input. */
    @HttpRoute("/square")
    @Command
    public long square(HttpRequest req) {
        String n = req.param("n");
        if (n == null || !n.matches("-?\\d{1,9}")) {
            throw HttpStatusException.badRequest("n must be a whole number, as in /square?n=12; got " + n);
        }
        long v = Long.parseLong(n);
        return v * v;
    }

    /** Spring's own ResponseStatusException is honoured as well, from an async reply too. */
    @HttpRoute("/gone")
    @Command
    public Mono<String> gone() {
        return Mono.error(new ResponseStatusException(HttpStatus.GONE, "this page moved to the moon"));
    }

    @HttpRoute("/slow")
    @Command
    public Mono<String> slow() {
        return ctx.sleep(300).thenReturn("too late");
    }

    /** Reached through a RouterFunction of the app's own, not an @HttpRoute. */
    @Command
    public String hello(HttpRequest req) {
        return "hello " + req.param("name");
    }
}
