package dev.smo1.webhooks.endpoint;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/** Every address a host name resolves to (A and AAAA); empty when the name does not exist. */
@FunctionalInterface
public interface HostResolver {
  CompletionStage<List<InetAddress>> resolve(String host);

  /** The JVM's resolver (the system's), on {@code blocking}: its lookups block. */
  static HostResolver system(Executor blocking) {
    return host ->
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Arrays.asList(InetAddress.getAllByName(host));
              } catch (UnknownHostException e) {
                return List.of();
              }
            },
            blocking);
  }
}
