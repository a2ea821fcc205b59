package dev.smo1.http.export;

import java.util.List;

/**
 * CSV as RFC 4180 writes it ({@code ,} between cells, CRLF after rows, a cell with a comma, quote,
 * CR or LF quoted with its quotes doubled), safe to open in a spreadsheet: a text cell starting
 * with {@code = + - @}, a tab or a CR gets a leading {@code '} so it is never read as a formula
 * (OWASP, CSV injection).
 */
public final class Csv {
  private Csv() {}

  /** One row, CRLF-terminated. */
  public static String row(List<String> cells) {
    var row = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        row.append(',');
      }
      row.append(cell(cells.get(i)));
    }
    return row.append("\r\n").toString();
  }

  /** One cell: empty for null, defused and quoted as needed. */
  public static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String text = value;
    char first = text.charAt(0);
    if (first == '='
        || first == '+'
        || first == '-'
        || first == '@'
        || first == '\t'
        || first == '\r') {
      text = "'" + text;
    }
    if (text.indexOf(',') >= 0
        || text.indexOf('"') >= 0
        || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
