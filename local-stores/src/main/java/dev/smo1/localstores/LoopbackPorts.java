package dev.smo1.localstores;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free ports on 127.0.0.1 for the local servers SMO1 starts itself. */
public final class LoopbackPorts {
  private LoopbackPorts() {}

  /** A port free at the time of asking (another process may still take it first). */
  public static int free() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
