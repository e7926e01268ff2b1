package io.skynetspring.boot.actuate;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.message.CallTimeoutException;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.snax.HotfixException;
import io.skynetspring.core.snax.HotfixResult;
import io.skynetspring.core.snax.MethodProfile;
import io.skynetspring.core.snax.Snax;
import io.skynetspring.core.snax.SnaxHandle;
import io.skynetspring.core.snax.SnaxMethod;
import io.skynetspring.core.snax.SnaxProfile;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code snax} Actuator endpoint: the node's snax services, one service's method profile, and
 * {@code hotfix} when {@code skynet.actuator.snax-hotfix.enabled=true} (it loads and runs code from the
 * path it is given, so it is off by default; {@code skynet.actuator.snax-hotfix.root} confines the paths).
 *
 * <pre>{@code
 * GET  /actuator/snax                    every snax service and its methods
 * GET  /actuator/snax/:0000000a          its profile: calls and time per method
 * POST /actuator/snax/:0000000a          {"path": "/srv/hotfix/v2"} or {"path": "...", "patchClass": "com.x.Fix"}
 * }</pre>
 */
@Endpoint(id = "snax")
public class SnaxEndpoint {

    private static final int CONFLICT = 409;
    private static final int UNPROCESSABLE = 422;
    private static final int GATEWAY_TIMEOUT = 504;

    /** One live snax service: its interface in id order, as a Lua caller's stub must list it. */
    public record Service(String address, String name, String template, List<String> methods) {
    }

    /** One method's profile; times in milliseconds. */
    public record Method(String method, long count, double totalMillis, double maxMillis, double meanMillis) {
    }

    /** One service's profile. */
    public record Profile(String address, String name, List<Method> methods) {
    }

    /** What a hotfix did; the pause in microseconds. */
    public record Hotfix(String address, String service, String oldClass, String newClass, String oldLoader,
                         String newLoader, List<String> methods, List<String> fieldsCarried,
                         List<String> fieldsDropped, double pausedMicros) {

        static Hotfix of(HotfixResult r) {
            return new Hotfix(r.address().toString(), r.service(), r.oldClass(), r.newClass(), r.oldLoader(),
                    r.newLoader(), r.methods(), r.fieldsCarried(), r.fieldsDropped(), r.paused().toNanos() / 1e3);
        }
    }

    private final SkynetRuntime runtime;
    private final Snax snax;
    private final boolean hotfixEnabled;
    private final Path root;

    /** {@code root}: the folder hotfix paths must stay in, or null for anywhere. */
    public SnaxEndpoint(SkynetRuntime runtime, Snax snax, boolean hotfixEnabled, Path root) {
        this.runtime = runtime;
        this.snax = snax;
        this.hotfixEnabled = hotfixEnabled;
        this.root = root == null ? null : root.toAbsolutePath().normalize();
    }

    @ReadOperation
    public List<Service> services() {
        return snax.profiles().stream().map(p -> {
            SnaxHandle h = snax.handle(p.address(), p.name());
            return new Service(p.address().toString(), p.name(), Snax.templateOf(p.name()),
                    snax.methods(h).stream().map(Object::toString).toList());
        }).toList();
    }

    /**
     * The profile of the snax service at {@code address}, read without messaging it (so a stuck service
     * still shows where its time went); null (404 over HTTP) when no snax service is there.
     */
    @ReadOperation
    public Profile profile(@Selector String address) {
        return find(address).flatMap(a -> snax.profiles().stream().filter(p -> p.address().equals(a)).findFirst())
                .map(this::profileOf).orElse(null);
    }

    /** The methods in the service's id order, as {@link #services()} lists them. */
    private Profile profileOf(SnaxProfile p) {
        List<Method> methods = new ArrayList<>();
        for (SnaxMethod m : snax.methods(snax.handle(p.address(), p.name()))) {
            MethodProfile mp = p.methods().get(m.name());
            if (mp != null) {
                methods.add(new Method(mp.method(), mp.count(), mp.totalNanos() / 1e6, mp.maxNanos() / 1e6,
                        mp.mean().toNanos() / 1e6));
            }
        }
        return new Profile(p.address().toString(), p.name(), methods);
    }

    /**
     * Replaces the code of the snax service at {@code address} with the class in {@code path} (a class
     * folder or a jar), or patches its methods with {@code patchClass} from there, and answers with what
     * changed. Refusals say why in {@code {"error": ...}}: 403 while disabled or for a path outside the
     * root, 404 when no snax service is there, 422 when the new code was refused (the old code keeps
     * running), 409 when the service ended first, 504 when it did not get to it within the call timeout.
     */
    @WriteOperation
    public WebEndpointResponse<Object> hotfix(@Selector String address, String path, @Nullable String patchClass) {
        if (!hotfixEnabled) {
            return refusal(403, "snax hotfix is disabled; set skynet.actuator.snax-hotfix.enabled=true to allow it "
                    + "(it loads and runs code from the path it is given)");
        }
        Optional<SnaxHandle> target = find(address).flatMap(snax::handle);
        if (target.isEmpty()) {
            return refusal(WebEndpointResponse.STATUS_NOT_FOUND,
                    "no snax service at " + address + "; GET /actuator/snax lists them");
        }
        Path classes;
        try {
            classes = root == null ? Path.of(path).toAbsolutePath().normalize() : root.resolve(path).normalize();
        } catch (InvalidPathException e) {
            return refusal(WebEndpointResponse.STATUS_BAD_REQUEST, "path '" + path + "' is not a path: " + e.getMessage());
        }
        if (root != null && !classes.startsWith(root)) {
            return refusal(403, "path " + classes + " is outside skynet.actuator.snax-hotfix.root (" + root + ")");
        }
        Duration wait = runtime.settings().callTimeout();
        try {
            // the hotfix is a call, so the call timeout ends it first; the margin only guards the block
            HotfixResult r = (patchClass == null ? snax.hotfix(target.get(), classes)
                    : snax.hotfix(target.get(), classes, patchClass)).block(wait.plusSeconds(1));
            return new WebEndpointResponse<>(Hotfix.of(r));
        } catch (HotfixException e) {
            return refusal(UNPROCESSABLE, "hotfix refused, the old code keeps running: " + e.reason());
        } catch (CallTimeoutException e) {
            return refusal(GATEWAY_TIMEOUT, "the service did not reach the hotfix within " + wait.toMillis()
                    + " ms (a long message ahead of it?); it still applies when the service gets there");
        } catch (ServiceException e) {
            return refusal(CONFLICT, "hotfix not applied: " + e.reason());
        }
    }

    private static WebEndpointResponse<Object> refusal(int status, String why) {
        return new WebEndpointResponse<>(Map.of("status", status, "error", why), status);
    }

    private Optional<Address> find(String text) {
        return AddressText.parse(runtime, text);
    }
}
