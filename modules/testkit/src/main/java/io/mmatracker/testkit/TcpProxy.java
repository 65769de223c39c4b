package io.mmatracker.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * A TCP forwarder on a loopback port, for tests of a service that goes away and comes back: {@link #stop()} closes
 * the listener and every open connection (clients then see connection refused), {@link #start()} listens on the
 * same port again. Nothing is faked: bytes pass through unchanged to the real service.
 */
public final class TcpProxy implements AutoCloseable {

    private final Supplier<InetSocketAddress> target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    private TcpProxy(Supplier<InetSocketAddress> target, int port) {
        this.target = target;
        this.port = port;
    }

    /** A running proxy on a free loopback port to {@code host:targetPort}. */
    public static TcpProxy to(String host, int targetPort) {
        int port = FreePorts.next();
        InetSocketAddress address = new InetSocketAddress(host, targetPort);
        TcpProxy proxy = new TcpProxy(() -> address, port);
        proxy.start();
        return proxy;
    }

    /**
     * A running proxy on the given loopback {@code port} (one a service already advertises) to {@code host} and the port
     * {@code targetPort} tells at each new connection (a service that binds a new port when it restarts); a connection
     * is refused while {@code targetPort} throws.
     */
    public static TcpProxy on(int port, String host, IntSupplier targetPort) {
        TcpProxy proxy = new TcpProxy(() -> new InetSocketAddress(host, targetPort.getAsInt()), port);
        proxy.start();
        return proxy;
    }

    public int port() {
        return port;
    }

    /** Listens (again) on {@link #port()}. */
    public synchronized void start() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listener = socket;
            Thread accept = new Thread(() -> accept(socket), "tcp-proxy-" + port);
            accept.setDaemon(true);
            accept.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
    }

    /** Stops listening and cuts every connection. */
    public synchronized void stop() {
        ServerSocket socket = listener;
        listener = null;
        closeQuietly(socket);
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream = new Socket();
                try {
                    upstream.connect(target.get(), 5000);
                } catch (IOException | RuntimeException e) {
                    closeQuietly(client);
                    closeQuietly(upstream);
                    continue;
                }
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // the listener was closed by stop()
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "tcp-proxy-pump-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
