package dev.smo1.http.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.accounts.AccountError;
import dev.smo1.accounts.access.Role;
import dev.smo1.accounts.access.Scope;
import dev.smo1.accounts.audit.AuditAction;
import dev.smo1.clicks.analytics.AnalyticsQuery;
import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.http.json.HttpErrorCodes;
import dev.smo1.http.testing.contract.OpenApiContract;
import dev.smo1.link.ErrorCode;
import dev.smo1.link.LinkStatus;
import dev.smo1.link.RedirectType;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The route table ({@link Endpoint}) and {@code contract/openapi.yaml} describe the same API, both
 * ways: every route the node serves is an operation of the spec with the table's operation id, and
 * every operation is a route; the spec's enumerations are the values the code writes.
 */
class RouteTableMatchesTheContractTest {
  private static final OpenApiContract contract = OpenApiContract.get();

  @Test
  void everyRouteOfTheTableIsAnOperationOfTheContractAndBack() {
    Set<String> table =
        Arrays.stream(Endpoint.values()).map(Endpoint::toString).collect(Collectors.toSet());

    assertThat(
            Difference.of(
                "the route table", table, "contract/openapi.yaml", contract.operations().keySet()))
        .isEmpty();
  }

  @Test
  void aDifferenceNamesWhatEachSideLacks() {
    String difference =
        Difference.of(
            "the route table",
            Set.of("GET /api/v1/links", "POST /api/v1/links/{code}/archive"),
            "contract/openapi.yaml",
            Set.of("GET /api/v1/links", "GET /api/v1/links/{code}/qr"));

    assertThat(difference)
        .isEqualTo(
            "in the route table, not in contract/openapi.yaml:\n"
                + "  POST /api/v1/links/{code}/archive\n"
                + "in contract/openapi.yaml, not in the route table:\n"
                + "  GET /api/v1/links/{code}/qr\n");
  }

  @Test
  void operationIdsAreTheTableNamesInCamelCase() {
    for (Endpoint endpoint : Endpoint.values()) {
      assertThat(contract.operation(endpoint))
          .as(endpoint.name())
          .hasValueSatisfying(
              operation -> assertThat(operation.operationId()).isEqualTo(endpoint.operationId()));
    }
  }

  @Test
  void theContractsErrorCodesAreTheCodesTheNodeAnswersWith() throws Exception {
    Set<String> answered = new TreeSet<>();
    for (var field : HttpErrorCodes.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        answered.add((String) field.get(null));
      }
    }
    answered.addAll(names(ErrorCode.values(), ErrorCode::wireName));
    answered.addAll(names(AccountError.values(), AccountError::wireName));
    // the redirect's 410s (RedirectRoutes: "link_" and the status)
    for (LinkStatus status :
        List.of(
            LinkStatus.DISABLED, LinkStatus.EXPIRED, LinkStatus.DELETED, LinkStatus.EXHAUSTED)) {
      answered.add("link_" + status.wireName());
    }

    assertThat(
            Difference.of(
                "the code", answered, "ErrorCode of the contract", schemaEnum("ErrorCode")))
        .isEmpty();
  }

  @Test
  void theContractsEnumerationsAreTheValuesTheCodeWrites() {
    assertThat(schemaEnum("Role")).isEqualTo(names(Role.values(), Role::wireName));
    assertThat(schemaEnum("Scope")).isEqualTo(names(Scope.values(), Scope::wireName));
    assertThat(schemaEnum("LinkStatus"))
        .isEqualTo(names(LinkStatus.values(), LinkStatus::wireName));
    assertThat(schemaEnum("RedirectType"))
        .isEqualTo(names(RedirectType.values(), type -> Integer.toString(type.status())));
    assertThat(schemaEnum("Interval"))
        .isEqualTo(names(AnalyticsQuery.Interval.values(), AnalyticsQuery.Interval::wireName));
    assertThat(enumAt("/components/schemas/AuditEntry/properties/action"))
        .isEqualTo(names(AuditAction.values(), AuditAction::wireName));
  }

  private static Set<String> schemaEnum(String schema) {
    return enumAt("/components/schemas/" + schema);
  }

  private static Set<String> enumAt(String pointer) {
    JsonNode values = contract.document().at(pointer + "/enum");
    assertThat(values.isArray()).as(pointer + "/enum").isTrue();
    Set<String> names = new TreeSet<>();
    values.forEach(value -> names.add(value.asText()));
    return names;
  }

  private static <T> Set<String> names(T[] values, Function<T, String> name) {
    return Stream.of(values).map(name).collect(Collectors.toCollection(TreeSet::new));
  }

  /** What one side has and the other lacks, both ways; empty when they are equal. */
  static final class Difference {
    static String of(String left, Set<String> leftItems, String right, Set<String> rightItems) {
      var onlyLeft = new TreeSet<>(leftItems);
      onlyLeft.removeAll(rightItems);
      var onlyRight = new TreeSet<>(rightItems);
      onlyRight.removeAll(leftItems);
      var difference = new StringBuilder();
      if (!onlyLeft.isEmpty()) {
        difference.append("in ").append(left).append(", not in ").append(right).append(":\n");
        onlyLeft.forEach(item -> difference.append("  ").append(item).append('\n'));
      }
      if (!onlyRight.isEmpty()) {
        difference.append("in ").append(right).append(", not in ").append(left).append(":\n");
        onlyRight.forEach(item -> difference.append("  ").append(item).append('\n'));
      }
      return difference.toString();
    }
  }
}
