package io.skynetspring.boot;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

/**
 * Starts the services of {@code skynet.bootstrap} one after another, as skynet's bootstrap script
 * does, so a later service may call an earlier one from its init.
 */
final class Bootstrap {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private Bootstrap() {
    }

    static void start(SkynetRuntime runtime, List<SkynetProperties.BootstrapService> services, Duration timeout) {
        for (int i = 0; i < services.size(); i++) {
            SkynetProperties.BootstrapService s = services.get(i);
            String where = "skynet.bootstrap[" + i + "]";
            if (s.getName() == null || s.getName().isBlank()) {
                throw new IllegalStateException(where + ".name is missing: set it to a service template name");
            }
            Object[] args = s.getArgs().toArray();
            Mono<Address> start = s.isUnique() ? runtime.uniqueService(s.getName(), args)
                    : runtime.newService(s.getName(), args);
            Address address;
            try {
                address = start.block(timeout);
            } catch (RuntimeException e) {
                throw new IllegalStateException(where + ": could not start service '" + s.getName() + "': "
                        + e.getMessage(), e);
            }
            if (address == null) {
                throw new IllegalStateException(where + ": service '" + s.getName() + "' exited during its start");
            }
            if (s.getRegister() != null && !s.getRegister().isBlank()) {
                runtime.name(s.getRegister(), address);
            }
            log.info("skynet bootstrap: started {}{} at {}{}", s.getName(), s.getArgs().isEmpty() ? "" : " " + s.getArgs(),
                    address, s.getRegister() == null ? "" : " as " + s.getRegister());
        }
    }
}
