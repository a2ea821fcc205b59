package dev.smo1.http.testing.contract;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test during which an API answer broke the contract ({@link ContractCheck}), naming the
 * operation, the status and what is wrong; answers of a class's set-up count for its first test,
 * those after its last test for the class. Registered for every test of the modules whose routes
 * are checked (service loader, {@code junit.jupiter.extensions.autodetection.enabled}).
 */
public final class ContractViolationsExtension implements AfterEachCallback, AfterAllCallback {
  @Override
  public void afterEach(ExtensionContext context) {
    failOnViolations();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    failOnViolations();
  }

  private static void failOnViolations() {
    List<String> violations = ContractCheck.drain();
    if (!violations.isEmpty()) {
      throw new AssertionError(
          "API answers broke contract/openapi.yaml:\n  " + String.join("\n  ", violations));
    }
  }
}
