package io.mmatracker.simulator.http;

import static io.mmatracker.simulator.fleet.SeededHash.hash;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmatracker.simulator.auth.IncomingRequest;
import io.mmatracker.simulator.auth.RequestVerifier;
import io.mmatracker.simulator.fault.Fault;
import io.mmatracker.simulator.fault.FaultInjector;
import io.mmatracker.simulator.fleet.Fleet;
import io.mmatracker.simulator.http.ApiHandlers.Reply;
import io.mmatracker.simulator.http.ApiRouter.Route;
import io.mmatracker.openapi.ApiError;
import io.mmatracker.openapi.ApiException;
import io.mmatracker.simulator.protocol.SimulatedOperations;
import io.mmatracker.simulator.stats.Outcome;
import io.mmatracker.simulator.stats.SimulatorStats;
import io.mmatracker.simulator.stats.StatsRecorder;
import io.mmatracker.simulator.stats.TransitionLog;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * The simulator's HTTP server (Undertow). Requests are parsed on IO threads; only operations that may scan
 * many tables, and admin requests, move to worker threads. The order for an MMA request: route, read body,
 * check signature, draw fault, wait out latency, then answer (or reset, or throttle, or fail, or truncate).
 * Every answer that is not a success uses Alibaba's error body; no stack trace ever reaches a client.
 */
public final class SimulatorServer implements HttpHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);
    private static final HttpString REQUEST_ID = new HttpString("x-acs-request-id");
    private static final HttpString CONTENT_TYPE = new HttpString("Content-Type");
    private static final HttpString ALLOW = new HttpString("Allow");
    private static final String JSON = "application/json;charset=utf-8";
    private static final Pattern SAFE_HOST = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]]{1,255}");
    private static final String DEFAULT_HOST_ID = "maxcompute.simulator.local";
    private static final long SALT_REQUEST_ID = 301;
    private static final long SALT_ADMIN_ID = 302;
    private static final long MAX_BODY = 1L << 20;

    private final long seed;
    private final Fleet fleet;
    private final FaultInjector faults;
    private final StatsRecorder stats;
    private final TransitionLog transitions;
    private final RequestVerifier verifier;
    private final ApiRouter router = new ApiRouter();
    private final ApiHandlers handlers;
    private final AdminApi admin;
    private final MmsJsonWriter json;
    private final AtomicLong apiSequence = new AtomicLong();
    private final AtomicLong adminSequence = new AtomicLong();
    private final Undertow undertow;
    private final int port;

    public SimulatorServer(String host, int port, long seed, Fleet fleet, FaultInjector faults, StatsRecorder stats,
                           RequestVerifier verifier, TransitionLog transitions) {
        this.seed = seed;
        this.transitions = transitions;
        this.fleet = fleet;
        this.faults = faults;
        this.stats = stats;
        this.verifier = verifier;
        ObjectMapper mapper = new ObjectMapper();
        this.json = new MmsJsonWriter(mapper);
        this.handlers = new ApiHandlers(fleet, mapper, json);
        this.admin = new AdminApi(fleet, faults, stats, json, mapper);
        this.undertow = Undertow.builder()
            .addHttpListener(port, host)
            .setIoThreads(2)
            .setWorkerThreads(4)
            // the simulator decodes paths and queries itself, so bad encodings get its own error answer
            .setServerOption(UndertowOptions.DECODE_URL, false)
            .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, true)
            .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, MAX_BODY)
            .setServerOption(UndertowOptions.MAX_PARAMETERS, 10_000)
            .setHandler(this)
            .build();
        this.undertow.start();
        this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    public int port() {
        return port;
    }

    public SimulatorStats stats() {
        return stats.snapshot();
    }

    public void resetStats() {
        stats.reset();
    }

    @Override
    public void close() {
        undertow.stop();
    }

    // ---------------------------------------------------------------- dispatching

    @Override
    public void handleRequest(HttpServerExchange ex) {
        String path = ex.getRequestPath();
        if (path.equals(AdminApi.PREFIX) || path.startsWith(AdminApi.PREFIX + "/")) {
            handleAdmin(ex, path);
        } else {
            handleApi(ex, path);
        }
    }

    private void handleApi(HttpServerExchange ex, String path) {
        long sequence = apiSequence.getAndIncrement();
        String requestId = requestId(SALT_REQUEST_ID, sequence);
        String method = ex.getRequestMethod().toString();
        Route route;
        try {
            route = router.match(method, path);
        } catch (ApiException e) {
            error(ex, SimulatorStats.UNKNOWN_OPERATION, requestId, e.error(), router.allowedMethods(path));
            return;
        } catch (RuntimeException e) {
            internalError(ex, SimulatorStats.UNKNOWN_OPERATION, requestId, e);
            return;
        }
        String action = route.operation().action();
        if (!SimulatedOperations.isSimulated(route.operation())) {
            error(ex, action, requestId, ApiError.unknownAction(action + " is not simulated."), "");
            return;
        }
        if (route.operation().isWrite()) {
            ex.getRequestReceiver().receiveFullBytes(
                (e, body) -> guarded(e, action, requestId, () -> afterBody(e, route, sequence, requestId, body)),
                (e, failure) -> error(e, action, requestId,
                    ApiError.invalidParameter("The request body could not be read (at most " + MAX_BODY
                        + " bytes)."), ""));
        } else {
            guarded(ex, action, requestId, () -> afterBody(ex, route, sequence, requestId, new byte[0]));
        }
    }

    private void afterBody(HttpServerExchange ex, Route route, long sequence, String requestId, byte[] body) {
        String action = route.operation().action();
        ApiError unsigned = verifier.verify(new IncomingRequest(ex.getRequestMethod().toString(),
            rawPath(ex), ex.getQueryString(), headers(ex), body));
        if (unsigned != null) {
            error(ex, action, requestId, unsigned, "");
            return;
        }
        FaultInjector.Decision decision = faults.decide(sequence, action);
        Runnable answer = () -> guarded(ex, action, requestId, () -> answer(ex, route, requestId, body, decision));
        if (decision.latencyMillis() > 0) {
            ex.dispatch(SameThreadExecutor.INSTANCE, () -> ex.getIoThread().executeAfter(answer,
                decision.latencyMillis(), TimeUnit.MILLISECONDS));
        } else {
            answer.run();
        }
    }

    private void answer(HttpServerExchange ex, Route route, String requestId, byte[] body,
                        FaultInjector.Decision decision) {
        String action = route.operation().action();
        Fault fault = decision.fault();
        if (fault instanceof Fault.Reset) {
            stats.record(action, Outcome.RESET);
            reset(ex);
            return;
        }
        if (fault instanceof Fault.Throttle t) {
            error(ex, action, requestId, ApiError.throttled(t.httpStatus()), "");
            return;
        }
        if (fault instanceof Fault.ServerError s) {
            error(ex, action, requestId, ApiError.serverError(s.httpStatus()), "");
            return;
        }
        boolean malformed = fault instanceof Fault.Malformed;
        Runnable run = () -> guarded(ex, action, requestId, () -> {
            Reply reply = handlers.handle(route, QueryParams.parse(ex.getQueryString()), body, requestId);
            // counted before the answer leaves: a client that reads the stats right after its answer finds it there
            if (malformed) {
                byte[] b = reply.body();
                stats.record(action, Outcome.MALFORMED);
                send(ex, reply.status(), java.util.Arrays.copyOf(b, b.length / 2), requestId, reply.headers());
            } else {
                stats.record(action, Outcome.OK);
                transitions.served(action, ex.getRequestPath(), reply.body());
                send(ex, reply.status(), reply.body(), requestId, reply.headers());
            }
        });
        if (ex.isInIoThread() && handlers.isHeavy(route)) {
            ex.dispatch(run);
        } else {
            run.run();
        }
    }

    private void handleAdmin(HttpServerExchange ex, String path) {
        String requestId = requestId(SALT_ADMIN_ID, adminSequence.getAndIncrement());
        String method = ex.getRequestMethod().toString();
        if (method.equals("GET")) {
            ex.dispatch(() -> adminAnswer(ex, method, path, new byte[0], requestId));
        } else {
            ex.getRequestReceiver().receiveFullBytes(
                (e, body) -> e.dispatch(() -> adminAnswer(e, method, path, body, requestId)),
                (e, failure) -> sendError(e, requestId, ApiError.invalidParameter("The request body could not be "
                    + "read (at most " + MAX_BODY + " bytes)."), ""));
        }
    }

    private void adminAnswer(HttpServerExchange ex, String method, String path, byte[] body, String requestId) {
        try {
            Reply reply = admin.handle(method, path, body, requestId);
            send(ex, reply.status(), reply.body(), requestId, reply.headers());
        } catch (ApiException e) {
            sendError(ex, requestId, e.error(), "");
        } catch (RuntimeException e) {
            LOG.error("simulator admin request {} {} failed", method, Texts.sample(path), e);
            sendError(ex, requestId, ApiError.serverError(500), "");
        }
    }

    // ---------------------------------------------------------------- answering

    /** Runs a step; any error it throws becomes an error answer, counted under the operation. */
    private void guarded(HttpServerExchange ex, String action, String requestId, Runnable step) {
        try {
            step.run();
        } catch (ApiException e) {
            error(ex, action, requestId, e.error(), "");
        } catch (RuntimeException e) {
            internalError(ex, action, requestId, e);
        }
    }

    private void internalError(HttpServerExchange ex, String action, String requestId, RuntimeException e) {
        LOG.error("simulator request {} failed unexpectedly", requestId, e);
        error(ex, action, requestId, ApiError.serverError(500), "");
    }

    private void error(HttpServerExchange ex, String action, String requestId, ApiError error, String allow) {
        stats.record(action, Outcome.of(error));
        sendError(ex, requestId, error, allow);
    }

    private void sendError(HttpServerExchange ex, String requestId, ApiError error, String allow) {
        Map<String, String> headers = error.httpStatus() == 405 && !allow.isEmpty() ? Map.of("Allow", allow)
            : Map.of();
        send(ex, error.httpStatus(), json.error(requestId, hostId(ex), error), requestId, headers);
    }

    private static void send(HttpServerExchange ex, int status, byte[] body, String requestId,
                             Map<String, String> headers) {
        if (ex.isResponseStarted()) {
            return;
        }
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(CONTENT_TYPE, JSON);
        ex.getResponseHeaders().put(REQUEST_ID, requestId);
        headers.forEach((k, v) -> ex.getResponseHeaders().put(k.equals("Allow") ? ALLOW : new HttpString(k), v));
        ex.getResponseSender().send(ByteBuffer.wrap(body));
    }

    /**
     * Drops the connection with a TCP reset (SO_LINGER 0) where the socket is reachable, else with a plain
     * close: either way the client gets no answer.
     */
    private static void reset(HttpServerExchange ex) {
        try {
            if (ex.getConnection() instanceof AbstractServerConnection c) {
                Object stream = c.getChannel();
                Method getChannel = stream.getClass().getDeclaredMethod("getChannel");
                getChannel.setAccessible(true);
                if (getChannel.invoke(stream) instanceof SocketChannel socket) {
                    socket.setOption(StandardSocketOptions.SO_LINGER, 0);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | java.io.IOException e) {
            LOG.debug("no TCP reset possible, closing instead: {}", e.toString());
        }
        IoUtils.safeClose(ex.getConnection());
    }

    private String requestId(long salt, long sequence) {
        String a = String.format("%016X", hash(seed, salt, sequence));
        String b = String.format("%016X", hash(seed, salt + 1000, sequence));
        return a.substring(0, 8) + "-" + a.substring(8, 12) + "-" + a.substring(12, 16) + "-" + b.substring(0, 4)
            + "-" + b.substring(4, 16);
    }

    /** Alibaba's HostId is the endpoint's host name: the Host header without its port. */
    private static String hostId(HttpServerExchange ex) {
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host == null || !SAFE_HOST.matcher(host).matches()) {
            return DEFAULT_HOST_ID;
        }
        int colon = host.lastIndexOf(':');
        return colon > 0 && host.indexOf(']') < colon ? host.substring(0, colon) : host;
    }

    /** The path exactly as sent (not decoded), without scheme and authority of an absolute-form request. */
    private static String rawPath(HttpServerExchange ex) {
        String uri = ex.getRequestURI();
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            int slash = uri.indexOf('/', uri.indexOf("://") + 3);
            uri = slash < 0 ? "/" : uri.substring(slash);
        }
        return uri;
    }

    private static Map<String, List<String>> headers(HttpServerExchange ex) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HeaderValues values : ex.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString().toLowerCase(Locale.ROOT), List.copyOf(values));
        }
        return headers;
    }
}
