package dev.smo1.node.wiring;

import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.audit.AuditLog;
import dev.smo1.accounts.mail.Mailer;
import dev.smo1.link.LinkService;
import dev.smo1.projection.readmodel.LinkQueries;
import dev.smo1.safety.abuse.AbuseReports;
import dev.smo1.safety.abuse.Takedowns;
import dev.smo1.safety.screening.SafeBrowsing;
import dev.smo1.safety.screening.Screener;
import dev.smo1.safety.screening.ScreeningSettings;
import dev.smo1.safety.screening.ScreeningSweep;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.cluster.typed.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeping malicious links off the platform (decision 0034): the screener every create and update
 * asks, its lists read again every {@code refresh-every} on each node, the sweep that takes down
 * live links a changed list has (on the cluster's leader only: one node acts, and a takedown
 * recorded twice is recorded once anyway), abuse reports and takedowns.
 */
public record SafetyFeature(Screener screener, Takedowns takedowns, AbuseReports reports) {
  private static final Logger log = LoggerFactory.getLogger(SafetyFeature.class);

  /** The screener, built before the links (their service asks it); not reading lists yet. */
  public static Screener screener(NodeContext node) {
    var settings = ScreeningSettings.from(node.system().settings().config());
    var http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    log.info(
        "screening lists {} deny {} allow {} safe-browsing {}",
        settings.lists().stream().map(ScreeningSettings.ListSource::name).toList(),
        settings.deny().size(),
        settings.allow().size(),
        settings.safeBrowsing().map(sb -> sb.url().toString()).orElse("off"));
    return new Screener(
        settings,
        http,
        node.clock(),
        settings.safeBrowsing().map(sb -> new SafeBrowsing(sb, http)));
  }

  public static SafetyFeature init(
      NodeContext node,
      Screener screener,
      LinkService links,
      LinkQueries queries,
      Mailer mailer,
      URI dashboardUrl) {
    var jdbc = new Jdbc(node.dataSource(), node.pools().requests());
    var audit = new AuditLog();
    var takedowns = new Takedowns(links, jdbc, audit, mailer, dashboardUrl.toString());
    var sweep = new ScreeningSweep(screener, queries, takedowns);
    var settings = ScreeningSettings.from(node.system().settings().config());
    // the first round sweeps whatever it read: lists (or the deny list) may have changed while
    // no node ran
    var swept = new AtomicBoolean(false);
    Runnable round =
        () -> {
          try {
            var refreshed = screener.refresh();
            boolean leader =
                Cluster.get(node.system())
                    .selfMember()
                    .address()
                    .equals(Cluster.get(node.system()).state().getLeader());
            if (leader && (!refreshed.changed().isEmpty() || !swept.get())) {
              var done = sweep.run();
              swept.set(true);
              log.debug(
                  "screening sweep after {} changed: {} links screened, {} taken down, {} failed",
                  refreshed.changed(),
                  done.screened(),
                  done.blocked().size(),
                  done.failed());
            }
          } catch (Exception e) {
            log.warn("screening round failed: {}", e.toString());
          }
        };
    node.system()
        .scheduler()
        .scheduleWithFixedDelay(
            Duration.ZERO,
            settings.refreshEvery(),
            round,
            scala.concurrent.ExecutionContext.fromExecutor(node.blocking()));
    return new SafetyFeature(screener, takedowns, new AbuseReports(jdbc, audit, node.clock()));
  }
}
