package io.skynetspring.core.service;

import java.util.Locale;

/**
 * What a handled message was, as counted per template: skynet's message types as this runtime
 * has them. Requests are split into calls (a reply is owed) and sends.
 *
 * <pre>{@code template.messages(MessageKind.CALL)}</pre>
 */
public enum MessageKind {
    CALL, SEND, RESPONSE, ERROR, TASK, INIT, EXIT, DEBUG;

    private static final MessageKind[] ALL = values();

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in meter tags and reports. */
    public String tag() {
        return tag;
    }

    /** Index into per-kind counters; arithmetic on {@link Message#kind}, so nothing is looked up per message. */
    static int indexOf(Message m) {
        return m.kind == Message.REQUEST ? (m.session == 0 ? 1 : 0) : m.kind + 1;
    }

    static MessageKind of(int index) {
        return ALL[index];
    }
}
