package dev.smo1.http.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonBodyTest {
  record Sample(String text, Integer number, List<String> list) {}

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"text\":1}                | invalid_type  | text",
        "{\"text\":true}             | invalid_type  | text",
        "{\"number\":\"1\"}          | invalid_type  | number",
        "{\"number\":1.5}            | invalid_type  | number",
        "{\"number\":true}           | invalid_type  | number",
        "{\"list\":\"a\"}            | invalid_type  | list",
        "{\"list\":[1]}              | invalid_type  | list",
        "{\"other\":1}               | unknown_field | other",
      })
  void typesAreNeverCoerced(String body, String code, String field) {
    var error = catchThrowableOfType(ApiException.class, () -> read(body));

    assertThat(error.status().intValue()).isEqualTo(400);
    assertThat(error.error().code()).isEqualTo(code);
    assertThat(error.error().field()).isEqualTo(field);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {"{", "[]", "1", "null", "{} {}", "{\"text\":\"a\",}"})
  void malformedBodiesAreRefused(String body) {
    var error = catchThrowableOfType(ApiException.class, () -> read(body));

    assertThat(error.error().code()).isEqualTo("malformed_json");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {"{\"text\":\"a\",\"number\":7,\"list\":[\"x\"]}"})
  void wellTypedBodiesAreRead(String body) {
    assertThat(read(body)).isEqualTo(new Sample("a", 7, List.of("x")));
  }

  private static Sample read(String body) {
    return JsonBody.convert(JsonBody.parse(body.getBytes(StandardCharsets.UTF_8)), Sample.class);
  }
}
