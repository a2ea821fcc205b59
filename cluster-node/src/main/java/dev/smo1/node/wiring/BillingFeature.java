package dev.smo1.node.wiring;

import dev.smo1.accounts.AccountSettings;
import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.workspace.WorkspaceLinkSlots;
import dev.smo1.accounts.workspace.WorkspaceService;
import dev.smo1.billing.plan.EnterpriseWorkspaces;
import dev.smo1.billing.plan.PlanCatalog;
import dev.smo1.billing.settings.BillingSettings;
import dev.smo1.http.billing.BillingRoutes;
import dev.smo1.link.LinkSlots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans and quotas on a node: the plans file (read first: the workspace entity and link creation
 * need it), the link slots every create takes from its workspace entity, the public plans route,
 * and the start-up step that puts the listed workspaces on the enterprise plan.
 */
public record BillingFeature(
    PlanCatalog plans, BillingSettings settings, LinkSlots linkSlots, BillingRoutes routes) {
  private static final Logger log = LoggerFactory.getLogger(BillingFeature.class);

  public static BillingFeature init(NodeContext node) {
    var config = node.system().settings().config();
    var plans = PlanCatalog.load();
    var settings = BillingSettings.from(config);
    var workspaces =
        new WorkspaceService(
            node.system(),
            AccountSettings.from(config).askTimeout(),
            new Jdbc(node.dataSource(), node.pools().requests()));
    log.info(
        "plans {} enterprise workspaces {}",
        plans.plans().stream().map(plan -> plan.id()).toList(),
        settings.enterpriseWorkspaces());
    return new BillingFeature(
        plans, settings, new WorkspaceLinkSlots(workspaces), new BillingRoutes(plans));
  }

  /** Start-up work once the workspace entities answer (after the accounts' own): blocking. */
  public void settle(WorkspaceService workspaces, java.time.Duration wait) {
    EnterpriseWorkspaces.apply(workspaces, settings.enterpriseWorkspaces(), wait);
  }
}
