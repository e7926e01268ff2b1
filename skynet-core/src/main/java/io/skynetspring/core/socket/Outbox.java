package io.skynetspring.core.socket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The writes services make to the connections of one event loop, handed over in batches: a busy
 * loop gets one task (and one flush per connection) for everything written since its last turn,
 * instead of a task and a wake-up per write. Order per connection is kept, also against tasks
 * posted later (a close), because a write always has a drain queued before anything posted after it.
 */
final class Outbox implements Runnable {

    private record Write(TcpSocket socket, ByteBuf data) {
    }

    private final EventLoop loop;
    private final Queue<Write> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ArrayList<TcpSocket> written = new ArrayList<>();

    Outbox(EventLoop loop) {
        this.loop = loop;
    }

    void write(TcpSocket socket, ByteBuf data) {
        queue.offer(new Write(socket, data));
        if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
            try {
                loop.execute(this);
            } catch (RejectedExecutionException stopped) {
                scheduled.set(false);
                drop();
            }
        }
    }

    @Override
    public void run() {
        scheduled.set(false);
        Write w;
        while ((w = queue.poll()) != null) {
            TcpSocket s = w.socket();
            int n = w.data().readableBytes();
            if (!s.channel.isActive() || s.isDropping()) {
                // the peer is gone or shut: release now, copy nothing to direct memory
                w.data().release();
                s.inOutbox.addAndGet(-n);
                continue;
            }
            if (!s.flushQueued) {
                s.flushQueued = true;
                written.add(s);
            }
            s.channel.write(w.data(), s.channel.voidPromise());
            s.inOutbox.addAndGet(-n);
        }
        for (TcpSocket s : written) {
            s.flushQueued = false;
            s.channel.flush();
        }
        written.clear();
    }

    private void drop() {
        Write w;
        while ((w = queue.poll()) != null) {
            w.socket().inOutbox.addAndGet(-w.data().readableBytes());
            w.data().release();
        }
    }
}
