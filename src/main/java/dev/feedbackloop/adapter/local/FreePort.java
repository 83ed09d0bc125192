package dev.feedbackloop.adapter.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A TCP port free on the loopback interface right now, for a server that cannot bind port 0 and report the port it
 * got (DynamoDB Local): another process could still take it before the server binds it, which
 * {@link #takenMeanwhile(Throwable)} recognises.
 */
final class FreePort {

    private FreePort() {
    }

    static int find() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    /** Whether {@code failure} is a server's start failing because its port was bound by someone else meanwhile. */
    static boolean takenMeanwhile(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
