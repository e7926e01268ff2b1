package io.skynetspring.boot.snax.clash;

import io.skynetspring.core.snax.Response;
import io.skynetspring.core.snax.SnaxService;

@SnaxService("twin")
public class Twin {

    @Response
    public int one() {
        return 1;
    }
}
