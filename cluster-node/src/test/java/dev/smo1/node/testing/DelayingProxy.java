package dev.smo1.node.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a free loopback port in front of a real server, for fault tests: it can hold every
 * reply of the server back for a while (a slow server), or cut every connection and refuse new ones
 * (a stopped server), and then behave again. Threads per connection: test loads only.
 */
public final class DelayingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile long replyDelayMillis;
  private volatile boolean down;
  private volatile boolean closed;

  public DelayingProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("delaying-proxy").start(this::accept);
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Replies of the server reach the client this much later (0: at once). */
  public void delayReplies(long millis) {
    replyDelayMillis = millis;
  }

  /** Cuts every connection and refuses new ones until {@link #up()}. */
  public void down() {
    down = true;
    open.forEach(DelayingProxy::closeQuietly);
    open.clear();
  }

  public void up() {
    down = false;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        if (down) {
          closeQuietly(client);
          continue;
        }
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(server);
        pump(client, server, false);
        pump(server, client, true);
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void pump(Socket from, Socket to, boolean replies) {
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                  long delay = replies ? replyDelayMillis : 0;
                  if (delay > 0) {
                    Thread.sleep(delay);
                  }
                  out.write(buffer, 0, read);
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                // the connection ended
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            });
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    closed = true;
    down();
    try {
      listener.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
