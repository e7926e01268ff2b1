package io.skynetspring.boot.scan.found;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;

/** Found by component scanning; its template name defaults to "weatherService". */
@SkynetService
public class WeatherService {

    @Command
    public String forecast(String city) {
        return "sunny in " + city;
    }
}
