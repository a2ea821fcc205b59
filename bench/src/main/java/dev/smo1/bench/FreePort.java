package dev.smo1.bench;

import java.net.InetAddress;
import java.net.ServerSocket;

/** Prints a free TCP port on 127.0.0.1 (for the reference servers bench/run.sh starts). */
public final class FreePort {
  private FreePort() {}

  public static void main(String[] args) throws Exception {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      System.out.println(socket.getLocalPort());
    }
  }
}
