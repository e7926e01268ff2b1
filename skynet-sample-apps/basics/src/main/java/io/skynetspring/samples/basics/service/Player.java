package io.skynetspring.samples.basics.service;

/** A player of seed 1.2: a new one starts at level 1 with full hp and mp. */
public record Player(long id, int level, int hp, int mp) {

    static Player create(long id) {
        return new Player(id, 1, 100, 100);
    }

    Player levelUp() {
        return new Player(id, level + 1, 100, 100);
    }
}
