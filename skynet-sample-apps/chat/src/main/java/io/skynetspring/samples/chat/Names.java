package io.skynetspring.samples.chat;

import java.util.regex.Pattern;

/**
 * What a nick and a room name may be: letters, digits, {@code _} and {@code -}; a nick 1-24 of
 * them, a room 1-32. Nothing else reaches a room service, so no name can carry markup.
 *
 * <pre>{@code if (!Names.isNick(nick)) { refuse("bad-nick", Names.NICK_RULE); }}</pre>
 */
final class Names {

    static final String NICK_RULE = "a nick is 1-24 letters, digits, _ or -";
    static final String ROOM_RULE = "a room is 1-32 letters, digits, _ or -";

    private static final Pattern NICK = Pattern.compile("[\\p{L}\\p{Nd}_-]{1,24}");
    private static final Pattern ROOM = Pattern.compile("[\\p{L}\\p{Nd}_-]{1,32}");

    private Names() {
    }

    static boolean isNick(String s) {
        return s != null && NICK.matcher(s).matches();
    }

    static boolean isRoom(String s) {
        return s != null && ROOM.matcher(s).matches();
    }
}
