package io.skynetspring.core.message;

import io.skynetspring.core.service.Address;

/** The target's bounded mailbox refused the message: the target is overloaded. */
public class MailboxFullException extends ServiceException {

    public MailboxFullException(Address target, String service, String command, int capacity) {
        super(target, service, command,
                "mailbox full (" + capacity + " messages); the service is overloaded, retry later", null);
    }
}
