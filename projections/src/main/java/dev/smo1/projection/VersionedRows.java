package dev.smo1.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes to a projection table whose rows carry {@code version}, the sequence number of the last
 * event applied to them. Every write is guarded by it: a row only ever moves to a higher version,
 * so a redelivered or replayed event changes nothing and an older one never overwrites a newer one.
 * Table and column names come from code, never from input.
 */
public final class VersionedRows {
  private VersionedRows() {}

  /** A value bound to a statement parameter. */
  @FunctionalInterface
  public interface Value {
    void bind(PreparedStatement statement, int index) throws SQLException;
  }

  /** Columns in the order given. */
  public static Map<String, Value> columns() {
    return new LinkedHashMap<>();
  }

  public static Value text(String value) {
    return (statement, index) -> {
      if (value == null) {
        statement.setNull(index, Types.VARCHAR);
      } else {
        statement.setString(index, value);
      }
    };
  }

  public static Value smallint(int value) {
    return (statement, index) -> statement.setShort(index, (short) value);
  }

  /** An integer; null binds SQL NULL. */
  public static Value integer(Integer value) {
    return (statement, index) -> {
      if (value == null) {
        statement.setNull(index, Types.INTEGER);
      } else {
        statement.setInt(index, value);
      }
    };
  }

  public static Value bigint(long value) {
    return (statement, index) -> statement.setLong(index, value);
  }

  public static Value bool(boolean value) {
    return (statement, index) -> statement.setBoolean(index, value);
  }

  public static Value time(Instant value) {
    return (statement, index) -> {
      if (value == null) {
        statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        statement.setTimestamp(index, Timestamp.from(value));
      }
    };
  }

  public static Value textArray(List<String> values) {
    return (statement, index) ->
        statement.setArray(
            index, statement.getConnection().createArrayOf("text", values.toArray()));
  }

  /**
   * Inserts the row, or overwrites its columns when the stored version is lower; returns whether
   * the row changed.
   */
  public static boolean upsert(
      Connection connection,
      String table,
      Map<String, Value> key,
      Map<String, Value> columns,
      long version)
      throws SQLException {
    List<String> names = new ArrayList<>(key.keySet());
    names.addAll(columns.keySet());
    names.add("version");
    String sql =
        "INSERT INTO "
            + table
            + " ("
            + String.join(", ", names)
            + ") VALUES ("
            + names.stream().map(name -> "?").collect(Collectors.joining(", "))
            + ") ON CONFLICT ("
            + String.join(", ", key.keySet())
            + ") DO UPDATE SET "
            + columns.keySet().stream()
                .map(name -> name + " = EXCLUDED." + name)
                .collect(Collectors.joining(", "))
            + ", version = EXCLUDED.version WHERE "
            + table
            + ".version < EXCLUDED.version";
    try (var statement = connection.prepareStatement(sql)) {
      int index = 1;
      for (Value value : key.values()) {
        value.bind(statement, index++);
      }
      for (Value value : columns.values()) {
        value.bind(statement, index++);
      }
      statement.setLong(index, version);
      return statement.executeUpdate() == 1;
    }
  }

  /** Sets the columns of the row when its stored version is lower; returns whether it changed. */
  public static boolean update(
      Connection connection,
      String table,
      Map<String, Value> key,
      Map<String, Value> columns,
      long version)
      throws SQLException {
    String sql =
        "UPDATE "
            + table
            + " SET "
            + columns.keySet().stream().map(name -> name + " = ?").collect(Collectors.joining(", "))
            + ", version = ? WHERE "
            + key.keySet().stream().map(name -> name + " = ?").collect(Collectors.joining(" AND "))
            + " AND version < ?";
    try (var statement = connection.prepareStatement(sql)) {
      int index = 1;
      for (Value value : columns.values()) {
        value.bind(statement, index++);
      }
      statement.setLong(index++, version);
      for (Value value : key.values()) {
        value.bind(statement, index++);
      }
      statement.setLong(index, version);
      return statement.executeUpdate() == 1;
    }
  }
}
