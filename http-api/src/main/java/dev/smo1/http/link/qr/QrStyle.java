package dev.smo1.http.link.qr;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Locale;
import java.util.Optional;

/**
 * How a QR code is drawn. Its rules keep every code scannable: a side of {@value #MIN_SIZE} to
 * {@value #MAX_SIZE} pixels, a quiet zone of at most {@value #MAX_MARGIN} modules, modules darker
 * than the background (most scanners cannot read inverted codes) with a contrast of at least 3:1.
 *
 * @param size the image's side in pixels (an SVG's {@code width} and {@code height})
 * @param margin the quiet zone around the code, in modules
 */
public record QrStyle(
    Format format,
    int size,
    int margin,
    ErrorCorrectionLevel errorCorrection,
    Colour foreground,
    Colour background) {
  public static final int MIN_SIZE = 64;
  public static final int MAX_SIZE = 2048;
  public static final int DEFAULT_SIZE = 512;
  public static final int MAX_MARGIN = 16;

  /** The quiet zone the QR code standard asks for. */
  public static final int DEFAULT_MARGIN = 4;

  public static final double MIN_CONTRAST = 3.0;

  public static final QrStyle DEFAULT =
      new QrStyle(
          Format.SVG,
          DEFAULT_SIZE,
          DEFAULT_MARGIN,
          ErrorCorrectionLevel.M,
          Colour.BLACK,
          Colour.WHITE);

  /** An image format, with its file extension and media type. */
  public enum Format {
    SVG("image/svg+xml"),
    PNG("image/png");

    private final String mediaType;

    Format(String mediaType) {
      this.mediaType = mediaType;
    }

    /** The name in the API and the file extension: {@code svg}, {@code png}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public String mediaType() {
      return mediaType;
    }
  }

  public QrStyle {
    if (size < MIN_SIZE || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "size " + size + " is outside " + MIN_SIZE + ".." + MAX_SIZE);
    }
    if (margin < 0 || margin > MAX_MARGIN) {
      throw new IllegalArgumentException("margin " + margin + " is outside 0.." + MAX_MARGIN);
    }
    colourProblem(foreground, background)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(problem);
            });
  }

  /** Why a scanner could not read modules of {@code foreground} on {@code background}, if so. */
  public static Optional<String> colourProblem(Colour foreground, Colour background) {
    if (foreground.relativeLuminance() > background.relativeLuminance()) {
      return Optional.of(
          "the foreground must be darker than the background: most scanners cannot read"
              + " light modules on a dark background");
    }
    double contrast = foreground.contrastWith(background);
    if (contrast < MIN_CONTRAST) {
      // rounded down, so a refused ratio never reads as 3.00:1
      return Optional.of(
          String.format(
              Locale.ROOT,
              "the contrast of %s on %s is %.2f:1, below the 3:1 scanners need",
              foreground.hex(),
              background.hex(),
              Math.floor(contrast * 100) / 100));
    }
    return Optional.empty();
  }
}
