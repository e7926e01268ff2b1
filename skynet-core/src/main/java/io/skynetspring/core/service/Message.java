package io.skynetspring.core.service;

/**
 * One mailbox entry. Requests carry a command and arguments; responses carry a value or an error;
 * tasks are the service's own continuations (timers, forks, async completions); debug messages are
 * answered by the runtime itself.
 */
final class Message {

    static final int REQUEST = 0;
    static final int RESPONSE = 1;
    static final int ERROR = 2;
    static final int TASK = 3;
    static final int INIT = 4;
    static final int EXIT = 5;
    /** Answered by the runtime, never by the handler (skynet's PTYPE_DEBUG): ping. */
    static final int DEBUG = 6;

    final int kind;
    /** The calling service, or null for callers outside any service. */
    final ServiceCell sourceCell;
    final int session;
    final String command;
    final Object[] args;
    /** Response value, error, or the task to run. */
    final Object value;
    /** The next message in its mailbox; written through {@link Mailbox}. */
    @SuppressWarnings("unused")
    Message next;

    private Message(int kind, ServiceCell sourceCell, int session, String command, Object[] args, Object value) {
        this.kind = kind;
        this.sourceCell = sourceCell;
        this.session = session;
        this.command = command;
        this.args = args;
        this.value = value;
    }

    static Message request(ServiceCell source, int session, String command, Object[] args) {
        return new Message(REQUEST, source, session, command, args == null ? new Object[0] : args, null);
    }

    static Message response(int session, Object value) {
        return new Message(RESPONSE, null, session, null, null, value);
    }

    static Message error(int session, Throwable error) {
        return new Message(ERROR, null, session, null, null, error);
    }

    static Message task(Runnable task) {
        return new Message(TASK, null, 0, null, null, task);
    }

    static Message init(ServiceCell creator, Object[] args) {
        return new Message(INIT, creator, 0, null, args, null);
    }

    static Message debug(int session, String command) {
        return new Message(DEBUG, null, session, command, null, null);
    }

    static Message exit() {
        return new Message(EXIT, null, 0, null, null, null);
    }

    boolean isCall() {
        return kind == REQUEST && session != 0;
    }

    boolean isSend() {
        return kind == REQUEST && session == 0;
    }

    Address sourceAddress() {
        return sourceCell == null ? Address.NONE : sourceCell.address;
    }
}
