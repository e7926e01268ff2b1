package io.skynetspring.core.snax;

import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;

/**
 * A {@link Snax#hotfix} that did not happen: the class did not load or was not in the path, the
 * migration threw, or the new version lost or changed a method. The old code keeps running.
 */
public class HotfixException extends ServiceException {

    public HotfixException(Address target, String service, String reason, Throwable cause) {
        super(target, service, "hotfix", reason, cause);
    }

    /** Raised inside the service; the runtime adds the target when it replies. */
    public HotfixException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
