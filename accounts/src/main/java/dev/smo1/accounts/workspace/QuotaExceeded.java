package dev.smo1.accounts.workspace;

import dev.smo1.serialization.CborSerializable;

/**
 * Why a create was refused for {@code workspace}'s plan: what ran out ({@code resource}, an API
 * word: {@code links}, {@code members}, {@code custom_domains}, {@code api_keys}), the plan's
 * limit, what is used of it now, and the plan.
 */
public record QuotaExceeded(String workspace, String resource, long limit, long used, String plan)
    implements CborSerializable {

  public String message() {
    return "the "
        + plan
        + " plan allows "
        + limit
        + " "
        + resource.replace('_', ' ')
        + (resource.equals("links") ? " a month" : "")
        + " and "
        + used
        + " are used: upgrade the plan for more";
  }
}
