package dev.smo1.http.link.qr;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Draws QR codes on {@code drawing}, a bounded pool of the node's, never on a dispatcher's thread:
 * a PNG of 2048 pixels a side takes 10 to 20 ms of CPU. A full pool refuses at once (503).
 */
public final class QrCodes {
  private final Executor drawing;

  public QrCodes(Executor drawing) {
    this.drawing = drawing;
  }

  public CompletionStage<QrImage> render(QrCode code, QrStyle style) {
    return CompletableFuture.supplyAsync(() -> code.render(style), drawing);
  }
}
