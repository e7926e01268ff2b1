package io.skynetspring.samples.gateway.data;

/**
 * A player as the game keeps it: where it stands ({@code scene}, {@code x}, {@code y}) and its level.
 *
 * <pre>{@code Player p = Player.fresh(1001).inScene(2).movedTo(10, 20);}</pre>
 */
public record Player(long id, String name, int scene, int x, int y, long level) {

    /** The scene a new player starts in. */
    public static final int FIRST_SCENE = 1;

    public Player {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("player " + id + " needs a name");
        }
    }

    /** A player seen for the first time: named {@code player<id>}, level 1, at 0,0 of the first scene. */
    public static Player fresh(long id) {
        return new Player(id, "player" + id, FIRST_SCENE, 0, 0, 1);
    }

    public Player movedTo(int newX, int newY) {
        return new Player(id, name, scene, newX, newY, level);
    }

    public Player inScene(int newScene) {
        return new Player(id, name, newScene, x, y, level);
    }
}
