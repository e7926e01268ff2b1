package io.skynetspring.boot;

import io.skynetspring.core.service.Isolation;
import io.skynetspring.core.service.MailboxLimit;
import io.skynetspring.core.service.NodeSettings;
import io.skynetspring.core.service.ThreadCheck;
import org.slf4j.event.Level;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node's configuration under {@code skynet.*}: skynet's config file as Spring properties.
 *
 * <pre>{@code
 * skynet.workers=4
 * skynet.env.db_host=127.0.0.1
 * skynet.bootstrap[0].name=logger
 * skynet.bootstrap[0].register=.logger
 * skynet.mailbox.chat.capacity=10000
 * skynet.error-log-level.chat=info
 * }</pre>
 */
@ConfigurationProperties("skynet")
public class SkynetProperties {

    /** Whether to start a skynet runtime and turn @SkynetService classes into service templates. */
    private boolean enabled = true;

    /** Worker threads draining mailboxes (skynet's "thread"); defaults to one per core. */
    private int workers = Runtime.getRuntime().availableProcessors();

    /** Most messages one service handles before other services get a turn. */
    private int batch = 64;

    /** Mailbox length that first triggers the "May overload" warning; the threshold doubles after each warning. */
    private int mailboxWarning = 1024;

    /** Deadline of a call that names none. */
    private Duration callTimeout = Duration.ofSeconds(10);

    /** This node's id (skynet's harbor), the high 8 bits of every address: 0..255. */
    private int nodeId = 0;

    /** How long closing the context waits for mailboxes to drain before running the services' exits. */
    private Duration shutdownGrace = Duration.ofSeconds(10);

    /** Env entries set when the runtime starts, like the keys of skynet's config file (read with getenv). */
    private Map<String, String> env = new LinkedHashMap<>();

    /** Services started, in order, once the application context is ready (skynet's bootstrap/start). */
    private List<BootstrapService> bootstrap = new ArrayList<>();

    /** Mailbox bounds per service template name; override @SkynetService(mailboxCapacity, overflow). */
    private Map<String, Mailbox> mailbox = new LinkedHashMap<>();

    /**
     * Level of the one line a service logs when its command throws a ServiceException (an expected
     * error, which the caller gets), per service template name; overrides
     * {@code @SkynetService(errorLogLevel)}, which is DEBUG by default. Other exceptions are always
     * one WARN with the stack.
     */
    private Map<String, Level> errorLogLevel = new LinkedHashMap<>();

    /** Time every message and call (skynet's profile): one clock read per message; off, only counts are kept. */
    private boolean profile = true;

    /** How long one message may run on a worker before "maybe in an endless loop" is logged and counted. */
    private Duration endlessThreshold = NodeSettings.DEFAULT_ENDLESS_THRESHOLD;

    /** What a service's context does when called outside the service's own thread: fail, warn or off. */
    private ThreadCheck threadCheck = ThreadCheck.FAIL;

    /**
     * How messages cross between services: {@code copy} (default) gives the receiver its own copy of
     * mutable arguments and replies, as skynet does; {@code share} passes everything as it is.
     * {@code @SkynetService(isolation = ...)} overrides it per service.
     */
    private Isolation isolation = Isolation.COPY;

    /** The core settings these properties describe. */
    public NodeSettings toNodeSettings() {
        return new NodeSettings(workers, batch, mailboxWarning, callTimeout, nodeId, profile, endlessThreshold,
                threadCheck, isolation);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getWorkers() {
        return workers;
    }

    public void setWorkers(int workers) {
        this.workers = workers;
    }

    public int getBatch() {
        return batch;
    }

    public void setBatch(int batch) {
        this.batch = batch;
    }

    public int getMailboxWarning() {
        return mailboxWarning;
    }

    public void setMailboxWarning(int mailboxWarning) {
        this.mailboxWarning = mailboxWarning;
    }

    public Duration getCallTimeout() {
        return callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    public int getNodeId() {
        return nodeId;
    }

    public void setNodeId(int nodeId) {
        this.nodeId = nodeId;
    }

    public Duration getShutdownGrace() {
        return shutdownGrace;
    }

    public void setShutdownGrace(Duration shutdownGrace) {
        this.shutdownGrace = shutdownGrace;
    }

    public Map<String, String> getEnv() {
        return env;
    }

    public void setEnv(Map<String, String> env) {
        this.env = env;
    }

    public List<BootstrapService> getBootstrap() {
        return bootstrap;
    }

    public void setBootstrap(List<BootstrapService> bootstrap) {
        this.bootstrap = bootstrap;
    }

    public Map<String, Mailbox> getMailbox() {
        return mailbox;
    }

    public void setMailbox(Map<String, Mailbox> mailbox) {
        this.mailbox = mailbox;
    }

    public Map<String, Level> getErrorLogLevel() {
        return errorLogLevel;
    }

    public void setErrorLogLevel(Map<String, Level> errorLogLevel) {
        this.errorLogLevel = errorLogLevel;
    }

    public boolean isProfile() {
        return profile;
    }

    public void setProfile(boolean profile) {
        this.profile = profile;
    }

    public Duration getEndlessThreshold() {
        return endlessThreshold;
    }

    public void setEndlessThreshold(Duration endlessThreshold) {
        this.endlessThreshold = endlessThreshold;
    }

    public ThreadCheck getThreadCheck() {
        return threadCheck;
    }

    public void setThreadCheck(ThreadCheck threadCheck) {
        this.threadCheck = threadCheck;
    }

    public Isolation getIsolation() {
        return isolation;
    }

    public void setIsolation(Isolation isolation) {
        this.isolation = isolation;
    }

    /** One service of {@code skynet.bootstrap}. */
    public static class BootstrapService {

        /** Template name of the service to start. */
        private String name;

        /** Arguments passed to newService (and so to the service's @Init). */
        private List<String> args = new ArrayList<>();

        /** Start it with uniqueService, so queryService(name) finds it. */
        private boolean unique = false;

        /** A name to bind to the started service, e.g. ".logger" (skynet.name). */
        private String register;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public List<String> getArgs() {
            return args;
        }

        public void setArgs(List<String> args) {
            this.args = args;
        }

        public boolean isUnique() {
            return unique;
        }

        public void setUnique(boolean unique) {
            this.unique = unique;
        }

        public String getRegister() {
            return register;
        }

        public void setRegister(String register) {
            this.register = register;
        }
    }

    /** A mailbox bound for the instances of one service template. */
    public static class Mailbox {

        /** Most queued requests and sends from others; replies and timers never count. */
        private int capacity;

        /** REJECT refuses the new message; DROP_OLDEST_SEND drops the oldest queued send to make room. */
        private MailboxLimit.Overflow overflow = MailboxLimit.Overflow.REJECT;

        public int getCapacity() {
            return capacity;
        }

        public void setCapacity(int capacity) {
            this.capacity = capacity;
        }

        public MailboxLimit.Overflow getOverflow() {
            return overflow;
        }

        public void setOverflow(MailboxLimit.Overflow overflow) {
            this.overflow = overflow;
        }
    }
}
