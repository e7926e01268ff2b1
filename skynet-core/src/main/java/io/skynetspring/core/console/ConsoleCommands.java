package io.skynetspring.core.console;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceStats;
import io.skynetspring.core.snax.HotfixResult;
import io.skynetspring.core.snax.MethodProfile;
import io.skynetspring.core.snax.Snax;
import io.skynetspring.core.snax.SnaxHandle;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The commands of skynet's debug console, one line in, output lines out, ended by {@code <CMD OK>} or
 * {@code <CMD Error>}. A command that fails answers an error line; the console itself stays up.
 *
 * <pre>{@code commands.run("stat").block()   // ":00000001\tcpu:0.000120\tmessage:3\tmqlen:0\ttask:0\n<CMD OK>\n"}</pre>
 */
final class ConsoleCommands {

    static final String OK = "<CMD OK>";
    static final String ERROR = "<CMD Error>";

    private static final String HELP = String.join("\n",
            "help\tThis help message",
            "list\tList all the service",
            "stat\tDump all stats: cpu (handler seconds), message (handled), mqlen, task (pending calls)",
            "info\tinfo address : counters of one service",
            "kill\tkill address : kill service",
            "mem\tmem : JVM memory (a JVM has no per-service heap)",
            "gc\tgc : run the JVM garbage collector, then mem",
            "ping\tping address : mailbox round trip in ms, answered by the runtime",
            "call\tcall address cmd args... : call the service and print its reply; Lua literals: 1001 2.5 \"text\" 'text' "
                    + "word true false nil {1,2} {k=v,[\"k\"]=v}",
            "send\tsend address cmd args... : send to the service without waiting; arguments as for call",
            "hotfix\thotfix address path [patchClass] : replace a snax service's class with the one in path (a class "
                    + "folder or a jar), or patch its methods with patchClass from path",
            "profile\tprofile address : a snax service's methods: calls, total and longest time in ms");

    private final SkynetRuntime runtime;

    ConsoleCommands(SkynetRuntime runtime) {
        this.runtime = runtime;
    }

    /** The answer to one input line, terminator included; never an error signal. */
    Mono<String> run(String line) {
        String[] words = line.trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            return Mono.empty();
        }
        Mono<String> out;
        try {
            out = execute(words[0].toLowerCase(Locale.ROOT), words, line);
        } catch (ConsoleError e) {
            out = Mono.error(e);
        }
        return out.map(body -> body.isEmpty() ? OK + "\n" : body + "\n" + OK + "\n")
                .onErrorResume(e -> Mono.just(message(e) + "\n" + ERROR + "\n"));
    }

    private Mono<String> execute(String command, String[] words, String line) {
        return switch (command) {
            case "help" -> Mono.just(HELP);
            case "list" -> Mono.just(list());
            case "stat" -> Mono.just(stat());
            case "info" -> Mono.just(info(target(words)));
            case "kill" -> Mono.just(kill(target(words)));
            case "mem" -> Mono.just(mem());
            case "gc" -> Mono.fromCallable(() -> {
                System.gc();
                return mem();
            }).subscribeOn(Schedulers.boundedElastic());
            case "ping" -> {
                ServiceStats s = target(words);
                yield runtime.ping(s.address()).map(rtt -> s.address() + "\t" + millis(rtt) + " ms");
            }
            case "call" -> {
                ServiceStats s = target(words);
                List<Object> message = message(words, line);
                // the node's call deadline applies: a service that never answers ends in a timeout error
                yield runtime.call(s.address(), (String) message.get(0), arguments(message))
                        .map(LuaText::of)
                        .defaultIfEmpty("nil");
            }
            case "send" -> {
                ServiceStats s = target(words);
                List<Object> message = message(words, line);
                if (!runtime.send(s.address(), (String) message.get(0), arguments(message))) {
                    throw new ConsoleError("send refused by " + s.address() + ": it has exited or its mailbox is full");
                }
                yield Mono.just("");
            }
            case "hotfix" -> hotfix(words);
            case "profile" -> {
                SnaxHandle h = snax(words);
                yield Snax.of(runtime).profile(h).map(ConsoleCommands::profile);
            }
            default -> throw new ConsoleError("Invalid command, type help for command list");
        };
    }

    private Mono<String> hotfix(String[] words) {
        SnaxHandle h = snax(words);
        if (words.length < 3 || words.length > 4) {
            throw new ConsoleError("hotfix needs a path, e.g. hotfix " + words[1] + " /srv/hotfix/v2 (or a jar), "
                    + "and optionally a patch class after it");
        }
        Path path = Path.of(words[2]);
        Mono<HotfixResult> swap = words.length == 4 ? Snax.of(runtime).hotfix(h, path, words[3])
                : Snax.of(runtime).hotfix(h, path);
        return swap.map(r -> String.join("\n",
                r.address() + "\t" + r.service() + "\tpaused " + millis(r.paused()) + " ms",
                "class\t" + r.oldClass() + " (" + r.oldLoader() + ") -> " + r.newClass() + " (" + r.newLoader() + ")",
                "methods\t" + String.join(" ", r.methods()),
                "fields carried\t" + String.join(" ", r.fieldsCarried()),
                "fields dropped\t" + String.join(" ", r.fieldsDropped())));
    }

    private static String profile(Map<String, MethodProfile> methods) {
        List<String> rows = new ArrayList<>();
        for (MethodProfile p : methods.values()) {
            rows.add(p.method() + "\tcount:" + p.count() + "\ttotal:" + millis(p.total()) + " ms\tmax:"
                    + millis(p.max()) + " ms");
        }
        return String.join("\n", rows);
    }

    /** The snax service named by the command's first argument. */
    private SnaxHandle snax(String[] words) {
        ServiceStats s = target(words);
        return Snax.of(runtime).handle(s.address())
                .orElseThrow(() -> new ConsoleError(s.address() + " (" + s.template() + ") is not a snax service"));
    }

    private String list() {
        List<String> rows = new ArrayList<>();
        for (ServiceStats s : runtime.services()) {
            rows.add(s.address() + "\t" + launch(s));
        }
        return String.join("\n", rows);
    }

    private String stat() {
        List<String> rows = new ArrayList<>();
        for (ServiceStats s : runtime.services()) {
            rows.add(String.format(Locale.ROOT, "%s\tcpu:%.6f\tmessage:%d\tmqlen:%d\ttask:%d", s.address(),
                    s.busy().toNanos() / 1e9, s.processed(), s.mailbox(), s.pendingCalls() + s.openReplies()));
        }
        return String.join("\n", rows);
    }

    private static String info(ServiceStats s) {
        return String.join("\n",
                "address\t" + s.address(),
                "template\t" + s.template(),
                "names\t" + String.join(" ", s.names()),
                "started\t" + s.started(),
                "mqlen\t" + s.mailbox(),
                "message\t" + s.processed(),
                "cpu\t" + String.format(Locale.ROOT, "%.6f", s.busy().toNanos() / 1e9),
                "max\t" + millis(s.maxBusy()) + " ms",
                "pending calls\t" + s.pendingCalls(),
                "open replies\t" + s.openReplies(),
                "overload warnings\t" + s.overloadWarnings(),
                "refused\t" + s.refused(),
                "dropped\t" + s.dropped(),
                "late replies\t" + s.lateReplies(),
                "errors\t" + s.errors(),
                "endless\t" + s.endless());
    }

    private String kill(ServiceStats s) {
        runtime.kill(s.address());
        return s.address() + "\t" + launch(s);
    }

    private static String mem() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage other = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        return String.join("\n",
                "heap used\t" + kb(heap.getUsed()),
                "heap committed\t" + kb(heap.getCommitted()),
                "heap max\t" + (heap.getMax() < 0 ? "unlimited" : kb(heap.getMax())),
                "non-heap used\t" + kb(other.getUsed()));
    }

    /** The live service named by the command's first argument, in any of the console's address forms. */
    private ServiceStats target(String[] words) {
        if (words.length < 2) {
            throw new ConsoleError(words[0] + " needs an address, e.g. " + words[0] + " :0000000a");
        }
        String text = words[1];
        Address address = parse(text).orElseThrow(() -> new ConsoleError("Invalid address " + text));
        return runtime.service(address).orElseThrow(() -> new ConsoleError("No service at " + text));
    }

    /** {@code :0100000d}, {@code .name}, a global name, or bare hex {@code d} on this node (as skynet's console). */
    private Optional<Address> parse(String text) {
        if (text.matches("[0-9a-fA-F]{1,6}")) {
            return Optional.of(Address.of(runtime.settings().nodeId(), Integer.parseInt(text, 16)));
        }
        if (text.startsWith(":")) {
            try {
                return Optional.of(Address.parse(text));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return runtime.resolve(text);
    }

    /** The command name and its arguments after {@code call address} or {@code send address}, as typed. */
    private static List<Object> message(String[] words, String line) {
        int at = afterWords(line, 2);
        List<Object> values;
        try {
            values = LuaLiterals.parse(line.substring(at), at);
        } catch (LuaLiterals.Malformed e) {
            throw new ConsoleError(e.getMessage());
        }
        if (values.isEmpty() || !(values.get(0) instanceof String)) {
            throw new ConsoleError(words[0] + " needs a command name after the address, e.g. " + words[0] + " "
                    + words[1] + " get_player 1001");
        }
        return values;
    }

    private static Object[] arguments(List<Object> message) {
        return message.subList(1, message.size()).toArray();
    }

    /** The index just past the first {@code n} words of {@code line}. */
    private static int afterWords(String line, int n) {
        int i = 0;
        for (int w = 0; w < n; w++) {
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
        }
        return i;
    }

    private static String launch(ServiceStats s) {
        return s.names().isEmpty() ? s.template() : s.template() + " " + String.join(" ", s.names());
    }

    private static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e6);
    }

    private static String kb(long bytes) {
        return String.format(Locale.ROOT, "%.2f Kb", bytes / 1024.0);
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A command the console refuses; its message is the whole answer. */
    private static final class ConsoleError extends RuntimeException {
        ConsoleError(String message) {
            super(message, null, false, false);
        }
    }
}
