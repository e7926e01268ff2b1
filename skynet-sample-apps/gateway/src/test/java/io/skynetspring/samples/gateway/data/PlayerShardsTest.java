package io.skynetspring.samples.gateway.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which shard holds a player: id mod the shard count, the same for every gateway and every start. */
class PlayerShardsTest {

    @Test
    void aPlayerGoesToIdModTheShardCountAndNegativeIdsToo() {
        PlayerShards shards = new PlayerShards(List.of("db0", "db1", "db2"));

        assertThat(LongStream.rangeClosed(1000, 1005).mapToObj(shards::of))
                .containsExactly("db1", "db2", "db0", "db1", "db2", "db0");
        assertThat(shards.of(-1)).isEqualTo("db2");
        assertThat(shards.of(Long.MIN_VALUE)).isEqualTo("db1");
        // a second gateway with the same list agrees on every player
        PlayerShards other = new PlayerShards(List.of("db0", "db1", "db2"));
        assertThat(LongStream.range(0, 10_000).allMatch(id -> other.of(id).equals(shards.of(id)))).isTrue();
    }

    @Test
    void anEmptyOrRepeatingListIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> new PlayerShards(List.of()))
                .hasMessageStartingWith("gateway.cluster-data.shards is empty");
        assertThatThrownBy(() -> new PlayerShards(List.of("db0", "db1", "db0")))
                .hasMessageStartingWith("gateway.cluster-data.shards lists db0 twice");
        assertThatThrownBy(() -> new PlayerShards(List.of("db0", " ")))
                .hasMessageStartingWith("gateway.cluster-data.shards has an empty entry");
    }
}
