package io.skynetspring.core.message;

import io.skynetspring.core.service.Address;

/**
 * The error a caller sees when a call fails: the target's handler threw, the target is unknown or
 * exited, the command is unknown, or the arguments did not fit. Thrown inside a handler, it
 * becomes the error reply of the current request.
 *
 * <pre>{@code throw new ServiceException("no player " + id);}</pre>
 */
public class ServiceException extends RuntimeException {

    private final Address target;
    private final String service;
    private final String command;
    private final String reason;

    /** An error raised by service code; the runtime adds the target and command when it replies. */
    public ServiceException(String reason) {
        this(null, null, null, reason, null);
    }

    public ServiceException(String reason, Throwable cause) {
        this(null, null, null, reason, cause);
    }

    public ServiceException(Address target, String service, String command, String reason, Throwable cause) {
        super(describe(target, service, command, reason), cause);
        this.target = target;
        this.service = service;
        this.command = command;
        this.reason = reason;
    }

    private static String describe(Address target, String service, String command, String reason) {
        if (target == null && service == null) {
            return command == null ? reason : reason + " (command '" + command + "')";
        }
        StringBuilder sb = new StringBuilder("call to ");
        sb.append(target == null ? "?" : target);
        if (service != null) {
            sb.append(" (").append(service).append(')');
        }
        if (command != null) {
            sb.append(" command '").append(command).append('\'');
        }
        return sb.append(" failed: ").append(reason).toString();
    }

    /** The service that was called, or null when the error was raised before a target was known. */
    public Address target() {
        return target;
    }

    /** The target's template or name, when known. */
    public String service() {
        return service;
    }

    public String command() {
        return command;
    }

    /** The bare reason, without the target and command. */
    public String reason() {
        return reason;
    }
}
