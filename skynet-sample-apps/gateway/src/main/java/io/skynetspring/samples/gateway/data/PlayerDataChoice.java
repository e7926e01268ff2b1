package io.skynetspring.samples.gateway.data;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Stops a start whose shards would be ignored: {@code gateway.cluster-data.shards} set while
 * {@code gateway.data} keeps players in process would lose every player at the next restart.
 */
@Component
class PlayerDataChoice {

    PlayerDataChoice(Environment environment) {
        String choice = environment.getProperty("gateway.data", "in-process");
        boolean shards = Binder.get(environment).bind("gateway.cluster-data.shards", Bindable.listOf(String.class))
                .map(list -> !list.isEmpty()).orElse(false);
        if (shards && "in-process".equals(choice)) {
            throw new IllegalStateException("gateway.cluster-data.shards is set but gateway.data is in-process, so "
                    + "players would stay in this JVM: set gateway.data=cluster to keep them on the shards");
        }
    }
}
