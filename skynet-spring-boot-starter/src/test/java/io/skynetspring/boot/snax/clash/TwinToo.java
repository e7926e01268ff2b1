package io.skynetspring.boot.snax.clash;

import io.skynetspring.core.snax.Response;
import io.skynetspring.core.snax.SnaxService;

@SnaxService("twin")
public class TwinToo {

    @Response
    public int two() {
        return 2;
    }
}
