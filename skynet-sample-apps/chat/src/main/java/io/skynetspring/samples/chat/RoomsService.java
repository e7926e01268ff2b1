package io.skynetspring.samples.chat;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.Map;

/**
 * The directory of rooms (a unique service): maps a room name to its {@code room} service and
 * starts that service on the first join. Rooms live as long as the node, history included.
 *
 * <pre>{@code Address lobby = skynet.call(rooms, "room", Address.class, "lobby").block();}</pre>
 */
@SkynetService("rooms")
public class RoomsService {

    private final ServiceContext ctx;
    private final ChatProperties properties;
    /** Cached, so two joins of a new room that arrive while it starts get the same service. */
    private final Map<String, Mono<Address>> rooms = new HashMap<>();

    public RoomsService(ServiceContext ctx, ChatProperties properties) {
        this.ctx = ctx;
        this.properties = properties;
    }

    /** The room's service, started now if it is new; fails with a reason for the user past {@code chat.max-rooms}. */
    @Command
    public Mono<Address> room(String name) {
        Mono<Address> room = rooms.get(name);
        if (room == null) {
            if (rooms.size() >= properties.getMaxRooms()) {
                ctx.incidents().warn("chat.rooms.full", ctx.self(), "refused room {}: {} rooms open (chat.max-rooms)",
                        name, rooms.size());
                return Mono.error(new ServiceException("the server keeps at most " + properties.getMaxRooms()
                        + " rooms and all are open; join one that exists, such as lobby"));
            }
            room = ctx.newService("room", name)
                    .doOnError(e -> rooms.remove(name))
                    .cache();
            rooms.put(name, room);
        }
        return room;
    }

    /** How many rooms are open. */
    @Command
    public int size() {
        return rooms.size();
    }
}
