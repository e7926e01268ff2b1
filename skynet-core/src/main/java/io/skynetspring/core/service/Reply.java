package io.skynetspring.core.service;

import io.skynetspring.core.message.ServiceException;

import java.util.concurrent.atomic.AtomicBoolean;

/** The reply owed for one request; answered exactly once. */
final class Reply implements Responder {

    private final ServiceCell owner;
    private final Message request;
    private final AtomicBoolean answered = new AtomicBoolean();

    Reply(ServiceCell owner, Message request) {
        this.owner = owner;
        this.request = request;
    }

    @Override
    public void reply(Object value) {
        claim();
        owner.node.respond(owner, request, value);
    }

    @Override
    public void fail(String reason) {
        fail(new ServiceException(reason));
    }

    @Override
    public void fail(Throwable error) {
        claim();
        owner.node.respondError(owner, request, error);
    }

    @Override
    public boolean isOpen() {
        return !answered.get() && owner.node.requesterAlive(request);
    }

    /** Answers with an error unless already answered; used when the service ends. */
    boolean abandon(String reason) {
        if (!answered.compareAndSet(false, true)) {
            return false;
        }
        owner.removeOpen(this);
        owner.node.respondError(owner, request, new ServiceException(reason));
        return true;
    }

    /** Claims the reply for a redirect: the target answers instead. False if already answered. */
    boolean handOff() {
        return answered.compareAndSet(false, true);
    }

    boolean answered() {
        return answered.get();
    }

    private void claim() {
        if (!answered.compareAndSet(false, true)) {
            throw new IllegalStateException("Can't response more than once (service " + owner.address
                    + ", command '" + request.command + "')");
        }
        owner.removeOpen(this);
    }

    static final Responder NONE = new Responder() {
        @Override
        public void reply(Object value) {
        }

        @Override
        public void fail(String reason) {
        }

        @Override
        public void fail(Throwable error) {
        }

        @Override
        public boolean isOpen() {
            return false;
        }
    };
}
