package dev.smo1.billing.settings;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code smo1.billing} settings.
 *
 * @param enterpriseWorkspaces workspaces put on the enterprise plan at every start
 * @param usageNoticesEvery how often each node looks at the month's tracked clicks for the 80 % and
 *     100 % usage emails
 */
public record BillingSettings(Set<String> enterpriseWorkspaces, Duration usageNoticesEvery) {

  public BillingSettings {
    enterpriseWorkspaces = Set.copyOf(enterpriseWorkspaces);
  }

  public static BillingSettings from(Config config) {
    var billing = config.getConfig("smo1.billing");
    var enterprise = new LinkedHashSet<String>();
    Arrays.stream(billing.getString("enterprise-workspaces").split(","))
        .map(String::strip)
        .filter(id -> !id.isEmpty())
        .forEach(enterprise::add);
    return new BillingSettings(enterprise, billing.getDuration("usage-notices-every"));
  }
}
