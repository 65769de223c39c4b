package io.mmatracker.query;

import java.net.InetSocketAddress;

import org.xnio.Options;
import org.xnio.SslClientAuthMode;

import io.mmatracker.query.tls.PemTls;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;

/**
 * The HTTP listener: Undertow core with a fixed number of I/O threads that never block, a worker pool for
 * what must, and limits on request size so hostile input is refused by the parser.
 */
public final class QueryServer implements AutoCloseable {

    private final QueryConfig config;
    private final HttpHandler root;
    private final PemTls tls;
    private Undertow undertow;

    public QueryServer(QueryConfig config, HttpHandler root) {
        this(config, root, null);
    }

    /** @param tls with it the port speaks only HTTPS (and asks for client certificates when it has a client CA) */
    public QueryServer(QueryConfig config, HttpHandler root, PemTls tls) {
        this.config = config;
        this.root = root;
        this.tls = tls;
    }

    public synchronized void start() {
        if (undertow != null) {
            throw new IllegalStateException("the server is already started");
        }
        Undertow.Builder builder = Undertow.builder();
        if (tls == null) {
            builder.addHttpListener(config.port(), config.bindHost());
        } else {
            builder.addHttpsListener(config.port(), config.bindHost(), tls.serverContext());
            if (tls.isMutual()) {
                // requested, not required: browsers and SDKs connect without a certificate and authenticate per request
                builder.setSocketOption(Options.SSL_CLIENT_AUTH_MODE, SslClientAuthMode.REQUESTED);
            }
        }
        undertow = builder
                .setIoThreads(config.ioThreads())
                .setWorkerThreads(config.workerThreads())
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, 16 * 1024)
                .setServerOption(UndertowOptions.MAX_HEADERS, 100)
                .setServerOption(UndertowOptions.MAX_PARAMETERS, 100)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 64L * 1024)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
                .setHandler(root)
                .build();
        undertow.start();
    }

    /** The port actually listened on (the chosen one when configured with 0). */
    public synchronized int port() {
        if (undertow == null) {
            throw new IllegalStateException("the server is not started");
        }
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    @Override
    public synchronized void close() {
        if (undertow != null) {
            undertow.stop();
            undertow = null;
        }
    }
}
