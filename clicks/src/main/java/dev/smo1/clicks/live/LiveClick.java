package dev.smo1.clicks.live;

import dev.smo1.clicks.Click;
import dev.smo1.clicks.ClickRow;
import dev.smo1.clicks.UserAgents;
import java.time.Instant;

/**
 * One click as the live view shows it: no visitor pseudonym, no query, no raw user agent; the
 * referrer as its host only (as analytics reports it). {@code country} and {@code referrerHost} are
 * empty when unknown.
 */
public record LiveClick(
    String id,
    Instant at,
    String country,
    String device,
    String browser,
    String os,
    boolean bot,
    String referrerHost,
    String trigger,
    int rule,
    int variant) {

  static LiveClick of(Click click, UserAgents.Reading agent) {
    return new LiveClick(
        click.id().toString(),
        click.at(),
        click.country() == null ? "" : click.country(),
        agent.device(),
        agent.browser(),
        agent.os(),
        agent.bot(),
        ClickRow.referrerHostOf(click.referrer()),
        click.trigger(),
        click.rule(),
        click.variant());
  }
}
