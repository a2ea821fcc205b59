package dev.smo1.billing.subscription;

import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.mail.Email;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Every node, every minute: workspaces whose grace period after a failed payment ended go to the
 * free plan (once: the account row is locked, and a downgraded account is skipped), whether or not
 * Stripe has given up on the payment yet.
 */
public final class GraceSweep {
  private static final int PER_ROUND = 100;

  private final Jdbc jdbc;
  private final BillingAccounts accounts;
  private final BillingSync sync;

  public GraceSweep(Jdbc jdbc, BillingAccounts accounts, BillingSync sync) {
    this.jdbc = jdbc;
    this.accounts = accounts;
    this.sync = sync;
  }

  /** One round: how many workspaces were downgraded. */
  public CompletionStage<Integer> run() {
    return jdbc.transaction(
            connection -> {
              var emails = new ArrayList<Email>();
              int downgraded = 0;
              for (String workspace : accounts.graceEnded(connection, sync.now(), PER_ROUND)) {
                var account = accounts.lock(connection, workspace);
                if (account.isPresent()) {
                  List<Email> sent = sync.graceEnded(connection, account.get());
                  emails.addAll(sent);
                  downgraded++;
                }
              }
              return new Round(downgraded, emails);
            })
        .thenApply(
            round -> {
              sync.send(round.emails());
              return round.downgraded();
            });
  }

  private record Round(int downgraded, List<Email> emails) {}
}
