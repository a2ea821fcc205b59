package dev.smo1.accounts.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server that answers every connection with one SMTP greeting line and hangs up, or,
 * given none, accepts and stays silent: the failures GreenMail cannot produce (a 4xx or 5xx
 * greeting, a server that never answers).
 */
final class GreetingServer implements AutoCloseable {
  private final ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  /**
   * @param greeting e.g. {@code "421 4.3.2 try later"}; null: say nothing
   */
  GreetingServer(String greeting) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        Thread.ofVirtual()
            .start(
                () -> {
                  while (!server.isClosed()) {
                    try {
                      Socket socket = server.accept();
                      connections.incrementAndGet();
                      if (greeting == null) {
                        open.add(socket);
                      } else {
                        try (socket;
                            OutputStream out = socket.getOutputStream()) {
                          out.write((greeting + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                      }
                    } catch (IOException e) {
                      // closed, or a client gone: nothing to answer
                    }
                  }
                });
  }

  int port() {
    return server.getLocalPort();
  }

  int connections() {
    return connections.get();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
