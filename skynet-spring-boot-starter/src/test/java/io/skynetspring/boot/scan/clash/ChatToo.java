package io.skynetspring.boot.scan.clash;

import io.skynetspring.boot.SkynetService;

@SkynetService("chat")
public class ChatToo {
}
