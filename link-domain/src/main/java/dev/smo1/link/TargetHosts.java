package dev.smo1.link;

import com.ibm.icu.text.IDNA;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The host of a link target, as the WHATWG URL standard serialises it: names through IDNA 2008 /
 * UTS #46 nontransitional processing (ICU4J; {@code faß.de} is {@code xn--fa-hia.de}, never {@code
 * fass.de}), IPv4 in dotted-quad form, IPv6 compressed and in lower case; a name's trailing dot is
 * kept, an address's dropped. Stricter than the standard where a target must be a public name: the
 * standard's every other host (single labels, {@code localhost}, empty labels, octal or shortened
 * IPv4) is refused here.
 */
final class TargetHosts {
  static final String NOT_VALID = "target host is not valid";
  static final String NOT_PUBLIC = "target host must be a public host name";

  /** The standard's options: CheckBidi, CheckJoiners, nontransitional, no STD3 rules. */
  private static final IDNA UTS46 =
      IDNA.getUTS46Instance(
          IDNA.NONTRANSITIONAL_TO_ASCII
              | IDNA.NONTRANSITIONAL_TO_UNICODE
              | IDNA.CHECK_BIDI
              | IDNA.CHECK_CONTEXTJ);

  /**
   * Errors ICU reports that the standard does not (CheckHyphens and VerifyDnsLength are off there);
   * the label rules below refuse the ones a public name must not have.
   */
  private static final Set<IDNA.Error> NOT_ERRORS_OF_THE_STANDARD =
      EnumSet.of(
          IDNA.Error.EMPTY_LABEL,
          IDNA.Error.LABEL_TOO_LONG,
          IDNA.Error.DOMAIN_NAME_TOO_LONG,
          IDNA.Error.LEADING_HYPHEN,
          IDNA.Error.TRAILING_HYPHEN,
          IDNA.Error.HYPHEN_3_4);

  private static final Pattern LABEL = Pattern.compile("^(?!-)[a-z0-9-]{1,63}(?<!-)$");

  /** Dotted-quad octets 0..255 without leading zeros (browsers read {@code 010} as octal 8). */
  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";

  private static final Pattern IPV4 = Pattern.compile("^" + OCTET + "(\\." + OCTET + "){3}$");

  /** A last label the standard reads as a number, making the host an IPv4 address (or nothing). */
  private static final Pattern NUMERIC_LABEL = Pattern.compile("^([0-9]+|0x[0-9a-f]*)$");

  /**
   * @param serialised the host as it goes into the URL
   * @param name the host without a trailing dot: what the rules about own domains compare
   */
  record Host(String serialised, String name) {}

  sealed interface Parsed {
    record Valid(Host host) implements Parsed {}

    /** {@code message} is {@link #NOT_VALID} or {@link #NOT_PUBLIC}. */
    record Invalid(String message) implements Parsed {}
  }

  private TargetHosts() {}

  /** {@code raw}: the authority's host part as written, brackets included for IPv6. */
  static Parsed parse(String raw) {
    if (raw.startsWith("[")) {
      if (!raw.endsWith("]")) {
        return new Parsed.Invalid(NOT_VALID);
      }
      return Ipv6.parse(raw.substring(1, raw.length() - 1))
          .<Parsed>map(address -> valid("[" + Ipv6.serialise(address) + "]", null))
          .orElse(new Parsed.Invalid(NOT_VALID));
    }
    if (raw.isEmpty()) {
      return new Parsed.Invalid(NOT_PUBLIC);
    }
    var ascii = new StringBuilder();
    var info = new IDNA.Info();
    UTS46.nameToASCII(raw, ascii, info);
    var errors = EnumSet.noneOf(IDNA.Error.class);
    errors.addAll(info.getErrors());
    errors.removeAll(NOT_ERRORS_OF_THE_STANDARD);
    if (!errors.isEmpty()) {
      return new Parsed.Invalid(NOT_VALID);
    }
    String host = ascii.toString().toLowerCase(Locale.ROOT);
    boolean trailingDot = host.endsWith(".");
    String name = trailingDot ? host.substring(0, host.length() - 1) : host;
    if (IPV4.matcher(name).matches()) {
      return valid(name, name); // the standard drops an address's trailing dot
    }
    if (name.isEmpty()) {
      return new Parsed.Invalid(NOT_PUBLIC);
    }
    String[] labels = name.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return new Parsed.Invalid(NOT_VALID);
      }
    }
    if (labels.length < 2
        || name.length() > 253
        || name.equals("localhost")
        || name.endsWith(".localhost")
        || NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
      return new Parsed.Invalid(NOT_PUBLIC);
    }
    return valid(host, name);
  }

  private static Parsed valid(String serialised, String name) {
    return new Parsed.Valid(new Host(serialised, name == null ? serialised : name));
  }

  /** The standard's IPv6 parser and serialiser (url.spec.whatwg.org, "IPv6 parser"). */
  static final class Ipv6 {
    private Ipv6() {}

    static Optional<int[]> parse(String input) {
      int[] address = new int[8];
      int pieceIndex = 0;
      int compress = -1;
      int pointer = 0;
      int length = input.length();
      if (pointer < length && input.charAt(pointer) == ':') {
        if (pointer + 1 >= length || input.charAt(pointer + 1) != ':') {
          return Optional.empty();
        }
        pointer += 2;
        pieceIndex++;
        compress = pieceIndex;
      }
      while (pointer < length) {
        if (pieceIndex == 8) {
          return Optional.empty();
        }
        if (input.charAt(pointer) == ':') {
          if (compress >= 0) {
            return Optional.empty();
          }
          pointer++;
          pieceIndex++;
          compress = pieceIndex;
          continue;
        }
        int value = 0;
        int digits = 0;
        while (digits < 4 && pointer < length && hex(input.charAt(pointer)) >= 0) {
          value = value * 0x10 + hex(input.charAt(pointer));
          pointer++;
          digits++;
        }
        if (pointer < length && input.charAt(pointer) == '.') {
          if (digits == 0 || pieceIndex > 6) {
            return Optional.empty();
          }
          int compressAt = compress;
          return ipv4Tail(input, pointer - digits, address, pieceIndex)
              .flatMap(end -> compressed(address, end, compressAt));
        }
        if (pointer < length && input.charAt(pointer) == ':') {
          pointer++;
          if (pointer == length) {
            return Optional.empty();
          }
        } else if (pointer < length) {
          return Optional.empty();
        }
        address[pieceIndex] = value;
        pieceIndex++;
      }
      return compressed(address, pieceIndex, compress);
    }

    /** The dotted IPv4 tail of an address; the piece index after it, or empty. */
    private static Optional<Integer> ipv4Tail(
        String input, int pointer, int[] address, int pieceIndex) {
      int numbersSeen = 0;
      while (pointer < input.length()) {
        if (numbersSeen > 0) {
          if (input.charAt(pointer) != '.' || numbersSeen >= 4) {
            return Optional.empty();
          }
          pointer++;
        }
        if (pointer >= input.length() || !isDigit(input.charAt(pointer))) {
          return Optional.empty();
        }
        int piece = -1;
        while (pointer < input.length() && isDigit(input.charAt(pointer))) {
          int number = input.charAt(pointer) - '0';
          if (piece == 0) {
            return Optional.empty();
          }
          piece = piece < 0 ? number : piece * 10 + number;
          if (piece > 255) {
            return Optional.empty();
          }
          pointer++;
        }
        address[pieceIndex] = address[pieceIndex] * 0x100 + piece;
        numbersSeen++;
        if (numbersSeen == 2 || numbersSeen == 4) {
          pieceIndex++;
        }
      }
      return numbersSeen == 4 ? Optional.of(pieceIndex) : Optional.empty();
    }

    private static Optional<int[]> compressed(int[] address, int pieceIndex, int compress) {
      if (compress >= 0) {
        int swaps = pieceIndex - compress;
        pieceIndex = 7;
        while (pieceIndex != 0 && swaps > 0) {
          int swapped = address[compress + swaps - 1];
          address[compress + swaps - 1] = address[pieceIndex];
          address[pieceIndex] = swapped;
          pieceIndex--;
          swaps--;
        }
      } else if (pieceIndex != 8) {
        return Optional.empty();
      }
      return Optional.of(address);
    }

    static String serialise(int[] address) {
      int compress = -1;
      int longest = 1;
      for (int start = 0; start < 8; start++) {
        int end = start;
        while (end < 8 && address[end] == 0) {
          end++;
        }
        if (end - start > longest) {
          longest = end - start;
          compress = start;
        }
      }
      var output = new StringBuilder();
      boolean ignoreZero = false;
      for (int piece = 0; piece < 8; piece++) {
        if (ignoreZero && address[piece] == 0) {
          continue;
        }
        ignoreZero = false;
        if (compress == piece) {
          output.append(piece == 0 ? "::" : ":");
          ignoreZero = true;
          continue;
        }
        output.append(Integer.toHexString(address[piece]));
        if (piece != 7) {
          output.append(':');
        }
      }
      return output.toString();
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static int hex(char c) {
      return Character.digit(c, 16) >= 0 && c < 0x80 ? Character.digit(c, 16) : -1;
    }
  }
}
