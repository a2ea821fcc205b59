package dev.smo1.http.link.qr;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.smo1.http.json.ApiException;
import dev.smo1.http.json.HttpErrorCodes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The query of {@code GET /api/v1/links/{code}/qr}, checked completely before the link is read: an
 * unknown or repeated parameter, or a value out of its bounds, is 400 {@code invalid_parameter}
 * naming it in {@code field}, as the list and analytics endpoints answer.
 *
 * @param download whether the image is answered as an attachment rather than inline
 */
public record QrCodeParameters(QrStyle style, boolean download) {
  /** {@code workspace} chose the workspace already (sessions; see {@code Authenticator}). */
  static final Set<String> NAMES =
      Set.of("format", "size", "margin", "ecc", "fg", "bg", "download", "workspace", "domain");

  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,6}");

  public static QrCodeParameters parse(Map<String, List<String>> parameters) {
    for (var entry : parameters.entrySet()) {
      String name = entry.getKey();
      if (!NAMES.contains(name)) {
        throw invalid(sanitized(name), "unknown query parameter '" + sanitized(name) + "'");
      }
      if (entry.getValue().size() != 1) {
        throw invalid(name, name + " is given more than once");
      }
    }
    QrStyle.Format format =
        value(parameters, "format", QrCodeParameters::format, "format must be svg or png")
            .orElse(QrStyle.DEFAULT.format());
    int size =
        value(
                parameters,
                "size",
                text -> number(text, QrStyle.MIN_SIZE, QrStyle.MAX_SIZE),
                "size must be a whole number of pixels from "
                    + QrStyle.MIN_SIZE
                    + " to "
                    + QrStyle.MAX_SIZE)
            .orElse(QrStyle.DEFAULT_SIZE);
    int margin =
        value(
                parameters,
                "margin",
                text -> number(text, 0, QrStyle.MAX_MARGIN),
                "margin must be a whole number of modules from 0 to " + QrStyle.MAX_MARGIN)
            .orElse(QrStyle.DEFAULT_MARGIN);
    ErrorCorrectionLevel level =
        value(parameters, "ecc", QrCodeParameters::level, "ecc must be L, M, Q or H")
            .orElse(QrStyle.DEFAULT.errorCorrection());
    Optional<Colour> foreground =
        value(parameters, "fg", Colour::parse, "fg must be a colour of six hex digits, RRGGBB");
    Optional<Colour> background =
        value(parameters, "bg", Colour::parse, "bg must be a colour of six hex digits, RRGGBB");
    boolean download =
        value(
                parameters,
                "download",
                QrCodeParameters::flag,
                "download must be 1, 0, true or false")
            .orElse(false);
    Colour fg = foreground.orElse(QrStyle.DEFAULT.foreground());
    Colour bg = background.orElse(QrStyle.DEFAULT.background());
    // blamed on the colour the caller chose: fg when both were
    String field = foreground.isPresent() || background.isEmpty() ? "fg" : "bg";
    QrStyle.colourProblem(fg, bg)
        .ifPresent(
            problem -> {
              throw invalid(field, problem);
            });
    return new QrCodeParameters(new QrStyle(format, size, margin, level, fg, bg), download);
  }

  /** The parameter's value read by {@code read} (empty when unreadable), or else 400. */
  private static <T> Optional<T> value(
      Map<String, List<String>> parameters,
      String name,
      Function<String, Optional<T>> read,
      String message) {
    List<String> values = parameters.get(name);
    if (values == null) {
      return Optional.empty();
    }
    return Optional.of(read.apply(values.getFirst()).orElseThrow(() -> invalid(name, message)));
  }

  private static Optional<QrStyle.Format> format(String text) {
    for (QrStyle.Format format : QrStyle.Format.values()) {
      if (format.wireName().equals(text)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  private static Optional<ErrorCorrectionLevel> level(String text) {
    return switch (text) {
      case "L" -> Optional.of(ErrorCorrectionLevel.L);
      case "M" -> Optional.of(ErrorCorrectionLevel.M);
      case "Q" -> Optional.of(ErrorCorrectionLevel.Q);
      case "H" -> Optional.of(ErrorCorrectionLevel.H);
      default -> Optional.empty();
    };
  }

  private static Optional<Boolean> flag(String text) {
    return switch (text) {
      case "1", "true" -> Optional.of(true);
      case "0", "false" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  private static Optional<Integer> number(String text, int min, int max) {
    if (!NUMBER.matcher(text).matches()) {
      return Optional.empty();
    }
    int value = Integer.parseInt(text);
    return value >= min && value <= max ? Optional.of(value) : Optional.empty();
  }

  /** A parameter name echoed back: printable ASCII only, and short. */
  private static String sanitized(String name) {
    String printable = name.replaceAll("[^\\x21-\\x7E]", "?");
    return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
  }

  private static ApiException invalid(String field, String message) {
    return ApiException.badRequest(HttpErrorCodes.INVALID_PARAMETER, message, field);
  }
}
