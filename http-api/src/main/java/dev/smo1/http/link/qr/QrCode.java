package dev.smo1.http.link.qr;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The QR code of one text: its modules (ZXing's encoder chooses the smallest version and the best
 * mask), drawn as SVG or PNG in a {@link QrStyle}. Encoding a short URL takes about half a
 * millisecond, an SVG a tenth; a PNG of 2048 pixels a side 10 to 20 ms (measured on the 2-core
 * build machine), so callers draw off the request's thread ({@link QrCodes}).
 */
public final class QrCode {
  /**
   * The fewest pixels a module of a PNG gets: scanners (ZXing's own reader among them) do not find
   * a code drawn with one pixel per module.
   */
  public static final int MIN_PIXELS_PER_MODULE = 2;

  private final int width;
  private final boolean[] dark;

  private QrCode(int width, boolean[] dark) {
    this.width = width;
    this.dark = dark;
  }

  /**
   * The code of {@code text}: ISO-8859-1 byte mode for ASCII, as every scanner reads it; UTF-8
   * (announced by an ECI segment) for anything else.
   *
   * @throws IllegalArgumentException for a text longer than a QR code holds at {@code level}
   */
  public static QrCode encode(String text, ErrorCorrectionLevel level) {
    Map<EncodeHintType, ?> hints =
        text.chars().allMatch(c -> c < 0x80)
            ? Map.of()
            : Map.of(EncodeHintType.CHARACTER_SET, "UTF-8");
    ByteMatrix matrix;
    try {
      matrix = Encoder.encode(text, level, hints).getMatrix();
    } catch (WriterException e) {
      throw new IllegalArgumentException("a QR code cannot hold this text: " + e.getMessage(), e);
    }
    int width = matrix.getWidth();
    boolean[] dark = new boolean[width * width];
    for (int y = 0; y < width; y++) {
      for (int x = 0; x < width; x++) {
        dark[y * width + x] = matrix.get(x, y) == 1;
      }
    }
    return new QrCode(width, dark);
  }

  /** Modules per side, without the quiet zone (21 for version 1, 177 for version 40). */
  public int width() {
    return width;
  }

  public boolean isDark(int x, int y) {
    return dark[y * width + x];
  }

  /** Modules per side with a quiet zone of {@code margin} modules. */
  public int side(int margin) {
    return width + 2 * margin;
  }

  /** The smallest side of a PNG with a quiet zone of {@code margin} modules, in pixels. */
  public int minimumPngSize(int margin) {
    return side(margin) * MIN_PIXELS_PER_MODULE;
  }

  public QrImage render(QrStyle style) {
    return switch (style.format()) {
      case SVG -> new QrImage(style.format(), svg(style).getBytes(StandardCharsets.UTF_8));
      case PNG -> new QrImage(style.format(), png(style));
    };
  }

  /**
   * An SVG whose {@code viewBox} counts modules: a background {@code rect} and one {@code path} of
   * the dark modules, a horizontal run of them per subpath, with {@code crispEdges} so no renderer
   * blurs their borders. Only numbers and validated colours go into it: no text of the caller's.
   */
  public String svg(QrStyle style) {
    int side = side(style.margin());
    var svg = new StringBuilder(512 + width * width * 3);
    svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"")
        .append(" width=\"")
        .append(style.size())
        .append("\" height=\"")
        .append(style.size())
        .append("\" viewBox=\"0 0 ")
        .append(side)
        .append(' ')
        .append(side)
        .append("\" shape-rendering=\"crispEdges\">")
        .append("<rect width=\"")
        .append(side)
        .append("\" height=\"")
        .append(side)
        .append("\" fill=\"")
        .append(style.background().hex())
        .append("\"/><path fill=\"")
        .append(style.foreground().hex())
        .append("\" d=\"");
    for (int y = 0; y < width; y++) {
      int x = 0;
      while (x < width) {
        if (!isDark(x, y)) {
          x++;
          continue;
        }
        int start = x;
        while (x < width && isDark(x, y)) {
          x++;
        }
        int run = x - start;
        svg.append('M')
            .append(start + style.margin())
            .append(' ')
            .append(y + style.margin())
            .append('h')
            .append(run)
            .append("v1h-")
            .append(run)
            .append('z');
      }
    }
    return svg.append("\"/></svg>\n").toString();
  }

  /**
   * A PNG of {@code style.size()} pixels a side, one bit per pixel with the two colours as its
   * palette. Every module gets the same whole number of pixels, so none is wider than another; the
   * pixels left over widen the quiet zone evenly.
   *
   * @throws IllegalArgumentException for a side below {@link #minimumPngSize}
   */
  public byte[] png(QrStyle style) {
    if (style.size() < minimumPngSize(style.margin())) {
      throw new IllegalArgumentException(
          style.size()
              + " pixels cannot hold "
              + side(style.margin())
              + " modules of "
              + MIN_PIXELS_PER_MODULE
              + " pixels");
    }
    int size = style.size();
    int scale = size / side(style.margin());
    int origin = (size - scale * side(style.margin())) / 2 + style.margin() * scale;
    var image =
        new BufferedImage(
            size,
            size,
            BufferedImage.TYPE_BYTE_BINARY,
            palette(style.background(), style.foreground()));
    // a new image is all index 0: the background
    WritableRaster raster = image.getRaster();
    int[] row = new int[width * scale];
    for (int y = 0; y < width; y++) {
      for (int x = 0; x < width; x++) {
        Arrays.fill(row, x * scale, (x + 1) * scale, isDark(x, y) ? 1 : 0);
      }
      for (int line = 0; line < scale; line++) {
        raster.setPixels(origin, origin + y * scale + line, row.length, 1, row);
      }
    }
    return encodePng(image);
  }

  /** Index 0 the background, 1 the foreground. */
  private static IndexColorModel palette(Colour background, Colour foreground) {
    int b = background.rgb();
    int f = foreground.rgb();
    return new IndexColorModel(
        1,
        2,
        new byte[] {(byte) (b >> 16), (byte) (f >> 16)},
        new byte[] {(byte) (b >> 8), (byte) (f >> 8)},
        new byte[] {(byte) b, (byte) f});
  }

  /** In memory: {@code ImageIO.write} to a stream would buffer through a temporary file. */
  private static byte[] encodePng(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    var bytes = new ByteArrayOutputStream(16 * 1024);
    try (var output = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(output);
      writer.write(image);
    } catch (IOException e) {
      throw new UncheckedIOException("writing a PNG in memory failed", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
