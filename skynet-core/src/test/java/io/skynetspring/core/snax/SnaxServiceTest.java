package io.skynetspring.core.snax;

import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Snax services as skynet's snax examples use them: newservice, post, req, init, exit, unique and global services. */
class SnaxServiceTest extends SnaxFixture {

    static final Queue<String> EXITS = new ConcurrentLinkedQueue<>();

    @SnaxService("journal")
    public static class Journal {
        private final List<String> entries = new ArrayList<>();

        @Accept
        public void append(String entry) {
            entries.add(entry);
        }

        @Response
        public int size() {
            return entries.size();
        }

        @Response
        public List<String> entries() {
            return entries;
        }
    }

    @Test
    void postsAndReqsFromOneCallerAreHandledInTheOrderSent() {
        SnaxHandle journal = snax.newService(Journal.class).block(WAIT);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(journal.post("append", "m" + i)).isTrue();
            if (i % 100 == 99) {
                sizes.add(journal.req("size", Integer.class).block(WAIT));
            }
        }

        assertThat(sizes).containsExactly(100, 200, 300, 400, 500, 600, 700, 800, 900, 1000);
        List<?> entries = journal.req("entries", List.class).block(WAIT);
        assertThat(entries).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(entries.get(i)).isEqualTo("m" + i);
        }
        assertThat(journal.name()).isEqualTo("journal");
        assertThat(rt.service(journal.address()).orElseThrow().template()).isEqualTo("snax.journal");
    }

    @SnaxService("greeter")
    public static class Greeter {
        private String greeting;
        private int times;

        @Init
        public void init(String greeting, int times) {
            this.greeting = greeting;
            this.times = times;
        }

        @Response
        public String greet(String who) {
            return (greeting + " " + who + " ").repeat(times).trim();
        }

        @Exit
        public void exit(String reason) {
            EXITS.add(greeting + " exit " + reason);
        }
    }

    @Test
    void initGetsTheNewServiceArgumentsAndKillRunsExitWithItsOwn() {
        EXITS.clear();
        SnaxHandle g = snax.newService(Greeter.class, "hello", 2L).block(WAIT);
        assertThat(g.req("greet", "bob").block(WAIT)).isEqualTo("hello bob hello bob");

        snax.kill(g, "bye").block(WAIT);

        assertThat(EXITS).containsExactly("hello exit bye");
        await().atMost(WAIT).until(() -> rt.service(g.address()).isEmpty());
        assertThat(g.post("greet", "x")).isFalse();
        assertThatThrownBy(() -> g.req("greet", "x").block(WAIT)).isInstanceOf(ServiceException.class);
        assertThat(snax.handle(g.address())).isEmpty();
    }

    @Test
    void exitRunsOnceAtShutdownWithNoArguments() {
        EXITS.clear();
        snax.newService(Greeter.class, "hi", 1).block(WAIT);

        rt.close();

        assertThat(EXITS).containsExactly("hi exit null");
    }

    @SnaxService("fragile")
    public static class Fragile {
        @Init
        public void init(int port) {
            throw new IllegalArgumentException("port " + port + " is taken");
        }
    }

    @Test
    void initFailureFailsNewServiceAndWrongInitArgumentsSayHowToCallIt() {
        assertThatThrownBy(() -> snax.newService(Fragile.class, 80).block(WAIT))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("port 80 is taken");
        assertThatThrownBy(() -> snax.newService(Greeter.class, "hello").block(WAIT))
                .hasMessageContaining("parameter 2 (times) is missing")
                .hasMessageContaining("init(String greeting, int times)");
    }

    @SnaxService("numbered")
    public static class Numbered {
        @Accept(id = 5)
        public void zeta(String s) {
            EXITS.add("zeta " + s);
        }

        @Accept
        public void alpha(String s) {
            EXITS.add("alpha " + s);
        }

        @Response(id = 7)
        public String beta() {
            return "beta";
        }

        @Response
        public String gamma(long n) {
            return "gamma " + n;
        }
    }

    @Test
    void methodIdsTakeExplicitIdsAndNumberTheRestByNameAndServeAsCommands() {
        EXITS.clear();
        snax.register(Numbered.class);
        assertThat(snax.methods("numbered")).extracting(SnaxMethod::toString).containsExactly(
                "5 accept zeta(java.lang.String)",
                "6 accept alpha(java.lang.String)",
                "7 response beta()",
                "8 response gamma(long)");
        Address n = snax.newService("numbered").block(WAIT).address();

        // what a Lua caller's pack(8, 3) arrives as: the id as the command
        assertThat(rt.call(n, "8", 3L).block(WAIT)).isEqualTo("gamma 3");
        assertThat(rt.call(n, "7").block(WAIT)).isEqualTo("beta");
        assertThat(rt.send(n, "6", "a")).isTrue();
        assertThat(rt.send(n, "5", "z")).isTrue();
        assertThat(rt.call(n, "4").block(WAIT)).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("zeta", "alpha", "beta", "gamma");
        assertThat(EXITS).containsExactly("alpha a", "zeta z");

        assertThatThrownBy(() -> rt.call(n, "1").block(WAIT)).hasMessageContaining("init (method 1) runs once");
        assertThatThrownBy(() -> rt.call(n, "3", "function hotfix() end").block(WAIT))
                .hasMessageContaining("a remote caller cannot send code");
        assertThatThrownBy(() -> rt.call(n, "9").block(WAIT))
                .hasMessageContaining("snax service numbered has no method '9'");
        rt.call(n, "2").block(WAIT);
        await().atMost(WAIT).until(() -> rt.service(n).isEmpty());
    }

    @Test
    void unknownMethodsAndWrongKindsFailNamingTheServiceAndItsMethods() {
        SnaxHandle journal = snax.newService(Journal.class).block(WAIT);
        String methods = "accept: [append], response: [entries, size]";

        assertThatThrownBy(() -> journal.post("apend", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("snax service journal has no method 'apend'")
                .hasMessageContaining(methods);
        assertThatThrownBy(() -> journal.post("size"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'size' of snax service journal is a @Response method: req it")
                .hasMessageContaining(methods);
        assertThatThrownBy(() -> journal.req("append", "x").block(WAIT))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("'append' of snax service journal is an @Accept method (one-way): post it")
                .hasMessageContaining(methods);
        assertThatThrownBy(() -> journal.req("sise").block(WAIT))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("no method 'sise'")
                .hasMessageContaining(methods);
        assertThatThrownBy(() -> journal.req("size", 1).block(WAIT))
                .hasMessageContaining("takes 0 arguments but got 1; call it as size()");

        // the same mistakes by callers that bypass the handle (a Lua node, the console) reach the service
        assertThatThrownBy(() -> rt.call(journal.address(), "append", "x").block(WAIT))
                .hasMessageContaining("is an @Accept method (one-way): post it");
        assertThat(rt.send(journal.address(), "size")).isTrue();
        assertThat(rt.send(journal.address(), "sise")).isTrue();
        await().atMost(WAIT).until(() -> rt.incidents().count("snax.wrong.kind") == 1
                && rt.incidents().count("snax.unknown") == 1);
        assertThat(journal.req("entries", List.class).block(WAIT)).isEmpty();
    }

    @SnaxService("broken")
    public static class TwoOfOneName {
        @Accept
        public void go(int a) {
        }

        @Response(value = "go")
        public int goAgain() {
            return 1;
        }
    }

    public static class ReservedId {
        @Accept(id = 3)
        public void fix() {
        }
    }

    public static class StaticMethod {
        @Response
        public static int count() {
            return 0;
        }
    }

    public static class BothKinds {
        @Accept
        @Response
        public int both() {
            return 0;
        }
    }

    public static class SameIds {
        @Accept(id = 9)
        public void a() {
        }

        @Accept(id = 9)
        public void b() {
        }
    }

    public static class BadMigrate {
        @Migrate
        public void migrate(String old) {
        }
    }

    public static class NoUsableConstructor {
        public NoUsableConstructor(String config) {
        }

        @Response
        public int n() {
            return 1;
        }
    }

    @Test
    void badDeclarationsFailAtRegistrationNamingTheProblem() {
        assertThatThrownBy(() -> snax.register(TwoOfOneName.class))
                .hasMessageContaining("has two snax methods named 'go'")
                .hasMessageContaining("overloads are not supported");
        assertThatThrownBy(() -> snax.register(ReservedId.class))
                .hasMessageContaining("has id 3; ids 1-4 are skynet's");
        assertThatThrownBy(() -> snax.register(StaticMethod.class))
                .hasMessageContaining("@Response method")
                .hasMessageContaining("must not be static");
        assertThatThrownBy(() -> snax.register(BothKinds.class))
                .hasMessageContaining("is both @Accept and @Response");
        assertThatThrownBy(() -> snax.register(SameIds.class))
                .hasMessageContaining("methods 'a' and 'b' both have id 9");
        assertThatThrownBy(() -> snax.register(BadMigrate.class))
                .hasMessageContaining("must take one Map<String, Object>");
        assertThatThrownBy(() -> snax.register(Runnable.class))
                .hasMessageContaining("must be a concrete class");
        assertThatThrownBy(() -> snax.register(".journal", Greeter.class, (t, c) -> new Greeter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid snax service name");
        snax.register(Journal.class);
        assertThatThrownBy(() -> snax.register("journal", Greeter.class, (t, c) -> new Greeter()))
                .hasMessageContaining("'journal' is already registered as " + Journal.class.getName());
        assertThatThrownBy(() -> snax.register(NoUsableConstructor.class))
                .hasMessageContaining("needs a constructor taking nothing, or a ServiceContext and/or a Snax");
        assertThatThrownBy(() -> snax.newService("jurnal").block(WAIT))
                .hasMessageContaining("no snax service named 'jurnal' (registered: [journal])");
    }

    @Test
    void uniqueQueryAndGlobalServicesAreSharedByName() {
        SnaxHandle first = snax.uniqueService(Journal.class).block(WAIT);
        SnaxHandle second = snax.uniqueService("journal").block(WAIT);
        assertThat(second).isEqualTo(first);
        assertThat(snax.queryService("journal").block(WAIT)).isEqualTo(first);

        SnaxHandle global = snax.globalService(Greeter.class, "hey", 1).block(WAIT);
        assertThat(rt.resolve("greeter")).contains(global.address());
        assertThat(snax.queryGlobal("greeter").block(WAIT)).isEqualTo(global);
        assertThat(snax.globalService("greeter").block(WAIT)).isEqualTo(global);

        snax.register("aVeryLongServiceName", Journal.class, (t, c) -> new Journal());
        assertThatThrownBy(() -> snax.globalService("aVeryLongServiceName").block(WAIT))
                .hasMessageContaining("global names have at most 15 characters");
    }

    public static class Relay {
        private final ServiceContext ctx;
        private final Snax snax;
        private final List<String> notes = new ArrayList<>();

        public Relay(ServiceContext ctx, Snax snax) {
            this.ctx = ctx;
            this.snax = snax;
        }

        @Response
        public Mono<String> later(String s) {
            return ctx.sleep(2).thenReturn(s + " later");
        }

        @Response
        public Mono<Integer> askJournal(SnaxHandle journal) {
            // the reply arrives back in this service, so the continuation may touch notes
            return journal.req("size", Integer.class).doOnNext(n -> notes.add("journal has " + n));
        }

        @Response
        public Mono<List<String>> noteToSelf(String note) {
            snax.self(ctx).post("note", note);
            return ctx.yield().then(Mono.fromSupplier(() -> List.copyOf(notes)));
        }

        @Accept
        public void note(String note) {
            notes.add(note);
        }
    }

    @Test
    void asyncRepliesSelfAndCallsBetweenSnaxServicesStayInsideTheService() {
        SnaxHandle journal = snax.newService(Journal.class).block(WAIT);
        journal.post("append", "one");
        SnaxHandle relay = snax.newService(Relay.class).block(WAIT);

        assertThat(relay.req("later", "x").block(WAIT)).isEqualTo("x later");
        assertThat(relay.req("askJournal", Integer.class, journal).block(WAIT)).isEqualTo(1);
        assertThat(relay.req("noteToSelf", List.class, "n1").block(WAIT)).containsExactly("journal has 1", "n1");
        assertThat(snax.handle(relay.address())).contains(relay);
        assertThat(snax.methods(relay)).extracting(SnaxMethod::name)
                .containsExactly("askJournal", "later", "note", "noteToSelf");
    }

    @Test
    void anInstantiatorOfTheCallersMakesTheInstance() {
        snax.register("tagged", Journal.class, (type, ctx) -> {
            Journal j = (Journal) type.getDeclaredConstructor().newInstance();
            j.entries.add("made for " + ctx.template());
            return j;
        });
        SnaxHandle h = snax.newService("tagged").block(WAIT);

        assertThat(h.req("entries").block(WAIT)).isEqualTo(List.of("made for snax.tagged"));
        assertThat(snax.profiles()).extracting(SnaxProfile::name).containsExactly("tagged");
        assertThat(snax.profiles().get(0).methods()).isInstanceOf(Map.class);
    }
}
