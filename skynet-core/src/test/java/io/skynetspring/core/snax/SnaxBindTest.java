package io.skynetspring.core.snax;

import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Typed proxies of snax services: each interface method maps by name to a post or a req, checked at bind time. */
class SnaxBindTest extends SnaxFixture {

    @SnaxService("login")
    public static class Login {
        private final Map<String, String> gates = new HashMap<>();
        private final Map<String, Long> online = new HashMap<>();

        @Response
        public String login(String user, String password) {
            if (!password.equals("secret")) {
                throw new ServiceException("wrong password for " + user);
            }
            online.put(user, (long) online.size() + 1);
            return "token:" + user;
        }

        @Accept
        public void registerGate(long id, String gate) {
            gates.put(gate, "gate " + id);
        }

        @Response
        public int online() {
            return online.size();
        }

        @Response
        public Map<String, String> gates() {
            return gates;
        }

        @Response
        public void logout(String user) {
            online.remove(user);
        }

        @Response
        public long seat(String user) {
            return online.getOrDefault(user, 0L);
        }
    }

    public interface LoginApi {
        Mono<String> login(String user, String password);

        void registerGate(int id, String gate);

        CompletionStage<Integer> online();

        Mono<Map<String, String>> gates();

        Mono<Void> logout(String user);

        int seat(String user);

        default Mono<String> loginAlice() {
            return login("alice", "secret");
        }
    }

    @Test
    void aBoundInterfacePostsAndReqsByMethodName() throws Exception {
        SnaxHandle handle = snax.newService(Login.class).block(WAIT);
        LoginApi api = snax.bind(handle, LoginApi.class);

        assertThat(api.loginAlice().block(WAIT)).isEqualTo("token:alice");
        assertThat(api.login("bob", "secret").block(WAIT)).isEqualTo("token:bob");
        api.registerGate(7, "gate-a");
        assertThat(api.gates().block(WAIT)).isEqualTo(Map.of("gate-a", "gate 7"));
        assertThat(api.online().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(2);
        // a plain return blocks for the reply: allowed outside services; the long reply fits an int
        assertThat(api.seat("bob")).isEqualTo(2);
        api.logout("alice").block(WAIT);
        assertThat(api.online().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> api.login("eve", "guess").block(WAIT))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("wrong password for eve");
        assertThat(api.toString()).isEqualTo("LoginApi bound to snax login " + handle.address());
    }

    @Test
    void aPlainReturnIsRefusedInsideAServiceWhereItWouldBlock() {
        SnaxHandle handle = snax.newService(Login.class).block(WAIT);
        LoginApi api = snax.bind(handle, LoginApi.class);
        rt.template("caller", ctx -> (cmd, args) -> api.seat("bob"));
        Address caller = rt.newService("caller").block(WAIT);

        assertThatThrownBy(() -> rt.call(caller, "go").block(WAIT))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("LoginApi.seat returns a plain int, which waits for the reply")
                .hasMessageContaining("declare it Mono<Integer>");
    }

    public interface Missing {
        Mono<String> logoff(String user);
    }

    public interface VoidForResponse {
        void login(String user, String password);
    }

    public interface MonoForAccept {
        Mono<Void> registerGate(long id, String gate);
    }

    public interface FewerParameters {
        Mono<String> login(String user);
    }

    public interface OtherType {
        Mono<String> login(String user, int pin);
    }

    public interface FluxReply {
        Flux<String> login(String user, String password);
    }

    public interface TwoWrong {
        Mono<String> logoff(String user);

        void online();
    }

    @Test
    void everyMismatchFailsAtBindTimeNamingTheMethodAndWhatIsWrong() {
        SnaxHandle handle = snax.newService(Login.class).block(WAIT);

        assertThatThrownBy(() -> snax.bind(handle, Missing.class))
                .isInstanceOf(SnaxBindException.class)
                .hasMessageContaining("cannot bind " + Missing.class.getName() + " to snax service login")
                .hasMessageContaining("Missing.logoff: snax service login has no method 'logoff'")
                .hasMessageContaining("accept: [registerGate], response: [gates, login, logout, online, seat]");
        assertThatThrownBy(() -> snax.bind(handle, VoidForResponse.class))
                .hasMessageContaining("VoidForResponse.login: 'login' is a @Response method, so its interface method "
                        + "must return Mono<...>, CompletionStage<...> or a value");
        assertThatThrownBy(() -> snax.bind(handle, MonoForAccept.class))
                .hasMessageContaining("MonoForAccept.registerGate: 'registerGate' is an @Accept method (one-way), so "
                        + "its interface method must return void");
        assertThatThrownBy(() -> snax.bind(handle, FewerParameters.class))
                .hasMessageContaining("FewerParameters.login: takes 1 parameter but the service's is "
                        + "login(String user, String password)");
        assertThatThrownBy(() -> snax.bind(handle, OtherType.class))
                .hasMessageContaining("OtherType.login: parameter 2 is int but the service's "
                        + "login(String user, String password) takes String there");
        assertThatThrownBy(() -> snax.bind(handle, FluxReply.class))
                .hasMessageContaining("FluxReply.login: returns Flux, but a snax reply is one value: declare Mono<...>");
        assertThatThrownBy(() -> snax.bind(handle, TwoWrong.class))
                .hasMessageContaining("TwoWrong.logoff: snax service login has no method 'logoff'")
                .hasMessageContaining("TwoWrong.online: 'online' is a @Response method");
        assertThatThrownBy(() -> snax.bind(handle, Login.class))
                .isInstanceOf(SnaxBindException.class)
                .hasMessageContaining(Login.class.getName() + " is not an interface");
        assertThatThrownBy(() -> snax.bind(snax.handle(Address.of(0, 0xfffe), "nothing"), LoginApi.class))
                .hasMessageContaining("no snax service named 'nothing'");
    }

    @Test
    void aHandleOfAServiceNotStartedYetBindsAgainstItsRegistration() {
        snax.register(Login.class);
        SnaxHandle unstarted = snax.handle(Address.of(0, 0xffff), "login");

        LoginApi api = snax.bind(unstarted, LoginApi.class);

        assertThatThrownBy(() -> api.login("a", "b").block(WAIT))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("call to invalid address");
    }
}
