package io.skynetspring.boot.actuate;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;

import java.util.concurrent.CountDownLatch;

/** A service whose "spin" keeps its worker busy until the test releases {@link #RELEASE}. */
@SkynetService("spinner")
public class Spinner {

    static volatile CountDownLatch RELEASE = new CountDownLatch(0);

    @Command
    public String spin() {
        CountDownLatch release = RELEASE;
        while (release.getCount() > 0) {
            Thread.onSpinWait();
        }
        return "done";
    }

    @Command
    public String echo(String text) {
        return text;
    }
}
