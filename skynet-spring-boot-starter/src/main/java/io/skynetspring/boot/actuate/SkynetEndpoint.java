package io.skynetspring.boot.actuate;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.NodeSettings;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code skynet} Actuator endpoint: skynet's {@code list}/{@code stat} for one node, one service
 * in detail, and {@code kill} when {@code skynet.actuator.kill-enabled=true}. Like Boot's own
 * endpoints it is reachable over HTTP only once exposed
 * ({@code management.endpoints.web.exposure.include=skynet}).
 *
 * <pre>{@code
 * GET  /actuator/skynet                 every service
 * GET  /actuator/skynet/:0000000a       one service (also .name or bare hex)
 * POST /actuator/skynet/:0000000a       kill it
 * }</pre>
 */
@Endpoint(id = "skynet")
public class SkynetEndpoint {

    private final SkynetRuntime runtime;
    private final boolean killEnabled;

    public SkynetEndpoint(SkynetRuntime runtime, boolean killEnabled) {
        this.runtime = runtime;
        this.killEnabled = killEnabled;
    }

    @ReadOperation
    public NodeDescriptor node() {
        NodeSettings s = runtime.settings();
        return new NodeDescriptor(s.nodeId(), s.workers(), s.profile(), s.endlessThreshold().toMillis(),
                runtime.isShuttingDown(), runtime.endlessCount(),
                runtime.running().stream().map(NodeDescriptor.Running::of).toList(),
                runtime.services().stream().map(ServiceDescriptor::of).toList());
    }

    /** The service at {@code address}; null (404 over HTTP) when none is alive there. */
    @ReadOperation
    public ServiceDescriptor service(@Selector String address) {
        return find(address).flatMap(runtime::service).map(ServiceDescriptor::of).orElse(null);
    }

    /**
     * Kills the service at {@code address} (skynet.kill: queued calls fail, no more of its code runs)
     * and answers with what it was. Refusals say why in {@code {"error": ...}}: 403 while kill is
     * disabled, 404 when no service is there. (Boot's own error for a thrown refusal is a bare 400:
     * its error body leaves the reason out by default.)
     */
    @WriteOperation
    public WebEndpointResponse<Object> kill(@Selector String address) {
        if (!killEnabled) {
            return refusal(403,
                    "kill is disabled; set skynet.actuator.kill-enabled=true to allow it");
        }
        ServiceDescriptor victim = service(address);
        if (victim == null) {
            return refusal(WebEndpointResponse.STATUS_NOT_FOUND,
                    "no service at " + address + "; GET /actuator/skynet lists the services");
        }
        runtime.kill(Address.parse(victim.address()));
        return new WebEndpointResponse<>(victim);
    }

    private static WebEndpointResponse<Object> refusal(int status, String why) {
        return new WebEndpointResponse<>(Map.of("status", status, "error", why), status);
    }

    private Optional<Address> find(String text) {
        return AddressText.parse(runtime, text);
    }
}
