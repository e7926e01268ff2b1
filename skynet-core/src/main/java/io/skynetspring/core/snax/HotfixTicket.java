package io.skynetspring.core.snax;

import io.skynetspring.core.service.Shareable;

import java.lang.reflect.Method;
import java.util.List;

/**
 * A hotfix on its way into a service, as the argument of method 3. The code is loaded off the
 * service's threads before the message is sent; if that failed, the ticket carries the failure so
 * the caller still hears through the service's reply, on the caller's own executor.
 */
@Shareable
final class HotfixTicket {

    /** A patch method: the function of the service it replaces, by name and kind. */
    record PatchMethod(String name, SnaxMethod.Kind kind, Method method) {
    }

    /** The new class's table (a class hotfix), or null. */
    volatile SnaxInterface next;
    /** The patch class and its methods (a patch), or null. */
    volatile Class<?> patch;
    volatile List<PatchMethod> patchMethods;
    volatile ClassLoader loader;
    /** Why the code could not be prepared, or null. */
    volatile String failure;
    volatile Throwable cause;
}
