package io.mmatracker.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for test servers that are chosen before the server binds them.
 *
 * <p>Asking the kernel for port 0 and closing the socket has two races: two calls in a row may be given the same
 * port, and between the close and the server's bind an outgoing connection of the same machine may take the port as
 * its ephemeral source port (both come from {@code ip_local_port_range}, 32768-60999 on Linux). Ports here come from
 * below that range, so no outgoing connection and no {@code bind(0)} ever takes them, and none is handed out twice in
 * one JVM. Each candidate is bound once (without {@code SO_REUSEADDR}) to check that nothing else holds it.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_767;
    private static final Set<Integer> ISSUED = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port no other server of this JVM was given and that nothing listens on now. */
    public static int next() {
        int span = HIGHEST - LOWEST + 1;
        int start = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span; i++) {
            int port = LOWEST + (start + i) % span;
            if (ISSUED.add(port) && isFree(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free port left in " + LOWEST + "-" + HIGHEST));
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
