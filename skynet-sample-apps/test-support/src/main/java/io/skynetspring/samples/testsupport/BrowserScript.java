package io.skynetspring.samples.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A running browser script (see {@link Browser}). It talks in lines on stdout: {@code step NAME}
 * when it reaches a point the test waits for, {@code result JSON} once at the end; anything else
 * is its log, kept (the last {@value #KEPT} lines) for the failure message. The test answers a step
 * with {@link #tell(String)}, a line on the script's stdin.
 *
 * <pre>{@code s.await("joined", WAIT); restartServer(); s.tell("restarted"); String json = s.result(WAIT);}</pre>
 */
public final class BrowserScript implements AutoCloseable {

    private static final int KEPT = 200;
    private static final String END = "\u0000end";

    private final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Deque<String> transcript = new ArrayDeque<>();
    private final Writer stdin;

    BrowserScript(List<String> command, Process process) {
        this.name = String.join(" ", command);
        this.process = process;
        this.stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "browser-script-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits for the script's {@code step NAME} line. */
    public void await(String step, Duration timeout) {
        next("step " + step, timeout);
    }

    /** Sends a line to the script's stdin (its {@code until(line)} resolves). */
    public void tell(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new AssertionError(name + " does not take input any more: " + e + transcript(), e);
        }
    }

    /** Waits for the script's {@code result JSON} line and its successful exit; returns the JSON. */
    public String result(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String json = next("result ", timeout).substring("result ".length());
        try {
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new AssertionError(name + " gave its result but did not exit" + transcript());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(name + " exited with " + process.exitValue() + transcript());
        }
        return json;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String next(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError(name + ": no \"" + prefix.trim() + "\" within " + timeout + transcript());
                }
                if (line.equals(END)) {
                    lines.add(END);
                    throw new AssertionError(name + " ended before \"" + prefix.trim() + "\"" + transcript());
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                synchronized (transcript) {
                    transcript.addLast(line);
                    if (transcript.size() > KEPT) {
                        transcript.removeFirst();
                    }
                }
                lines.add(line);
            }
        } catch (IOException e) {
            // the process was destroyed; what it said is in the transcript
        } finally {
            lines.add(END);
        }
    }

    private String transcript() {
        synchronized (transcript) {
            return "; its output:\n  " + String.join("\n  ", transcript);
        }
    }
}
