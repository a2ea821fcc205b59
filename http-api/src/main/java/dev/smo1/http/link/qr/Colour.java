package dev.smo1.http.link.qr;

import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An sRGB colour of a QR code, with the WCAG 2.2 relative luminance and contrast ratio that decide
 * whether a scanner can tell its modules apart.
 *
 * @param rgb {@code 0xRRGGBB}
 */
public record Colour(int rgb) {
  public static final Colour BLACK = new Colour(0x000000);
  public static final Colour WHITE = new Colour(0xffffff);

  private static final Pattern HEX = Pattern.compile("#?[0-9A-Fa-f]{6}");

  public Colour {
    if ((rgb & ~0xffffff) != 0) {
      throw new IllegalArgumentException("not a 24-bit RGB value: " + Integer.toHexString(rgb));
    }
  }

  /** {@code RRGGBB} or {@code #RRGGBB}, hex digits in either case; empty for anything else. */
  public static Optional<Colour> parse(String text) {
    if (text == null || !HEX.matcher(text).matches()) {
      return Optional.empty();
    }
    String digits = text.charAt(0) == '#' ? text.substring(1) : text;
    return Optional.of(new Colour(HexFormat.fromHexDigits(digits)));
  }

  /** {@code #rrggbb}, as SVG and CSS write it. */
  public String hex() {
    return "#" + HexFormat.of().toHexDigits(rgb).substring(2);
  }

  /** The WCAG relative luminance: 0 for black, 1 for white. */
  public double relativeLuminance() {
    return 0.2126 * linear(rgb >> 16) + 0.7152 * linear(rgb >> 8) + 0.0722 * linear(rgb);
  }

  /** The WCAG contrast ratio with {@code other}: 1 (the same luminance) to 21 (black on white). */
  public double contrastWith(Colour other) {
    double a = relativeLuminance();
    double b = other.relativeLuminance();
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }

  private static double linear(int channel) {
    double value = (channel & 0xff) / 255.0;
    return value <= 0.04045 ? value / 12.92 : Math.pow((value + 0.055) / 1.055, 2.4);
  }
}
