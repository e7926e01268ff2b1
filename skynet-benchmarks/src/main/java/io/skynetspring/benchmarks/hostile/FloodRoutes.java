package io.skynetspring.benchmarks.hostile;

import io.netty.util.internal.PlatformDependent;
import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.boot.web.http.HttpRoute;
import io.skynetspring.boot.web.websocket.Frame;
import io.skynetspring.boot.web.websocket.WebSocketRoute;
import io.skynetspring.boot.web.websocket.WebSockets;
import io.skynetspring.core.service.ServiceContext;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web side: {@code /ws} echoes text and answers {@code flood N} with N frames of 60 KB (what
 * the tester's service did to clients that never read); {@code /echo} answers "ok"; {@code /probe}
 * reports memory and the node's incidents.
 */
@SkynetService("flood")
@WebSocketRoute("/ws")
public class FloodRoutes {

    static final int FRAME = 60 * 1024;

    private final WebSockets ws;
    private final ServiceContext ctx;
    private final byte[] frame = new byte[FRAME];

    public FloodRoutes(WebSockets ws, ServiceContext ctx) {
        this.ws = ws;
        this.ctx = ctx;
    }

    @Command
    public void message(long id, Object data, Frame kind) {
        String text = data instanceof String s ? s : "";
        if (text.startsWith("flood ")) {
            int n = Integer.parseInt(text.substring(6).trim());
            for (int i = 0; i < n && ws.write(id, frame, Frame.BINARY); i++) {
                // stops at the first refusal
            }
        } else {
            ws.write(id, data, kind);
        }
    }

    @HttpRoute("/echo")
    @Command
    public String echo() {
        return "ok";
    }

    @HttpRoute("/probe")
    @Command
    public Map<String, Object> probe() {
        Map<String, Object> m = new LinkedHashMap<>();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        m.put("heapUsed", heap.getUsed());
        m.put("heapMax", heap.getMax());
        m.put("nettyDirect", PlatformDependent.usedDirectMemory());
        long nio = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                nio = pool.getMemoryUsed();
            }
        }
        m.put("nioDirect", nio);
        m.put("incidents", ctx.incidents().counts());
        return m;
    }
}
