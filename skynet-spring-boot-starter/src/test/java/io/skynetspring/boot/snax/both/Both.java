package io.skynetspring.boot.snax.both;

import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.snax.SnaxService;

@SkynetService("both")
@SnaxService("both")
public class Both {
}
