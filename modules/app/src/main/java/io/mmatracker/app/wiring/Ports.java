package io.mmatracker.app.wiring;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks ports before anything starts, so a taken port is reported by its setting, not by a bind error deep in a role. */
public final class Ports {

    private Ports() {
    }

    /**
     * @param what    what would listen there ("the HTTP API")
     * @param setting the setting and flag that choose the port ("query.port, --http-port")
     * @throws PortTakenException if something already listens on {@code host:port}
     */
    public static void requireFree(String host, int port, String what, String setting) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new PortTakenException("port " + port + " on " + host + " for " + what + " is already in use ("
                    + setting + "): is another mma-tracker demo, Kafka or web server running? Stop it or choose "
                    + "another port");
        }
    }
}
