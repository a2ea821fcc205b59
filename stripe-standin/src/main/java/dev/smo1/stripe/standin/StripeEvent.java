package dev.smo1.stripe.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An event as the ledger records it: the object rendered when it happened and, for updates, the
 * fields' previous values.
 *
 * @param previousAttributes null unless the type is an update
 */
record StripeEvent(
    String id,
    String type,
    long created,
    ObjectNode object,
    ObjectNode previousAttributes,
    Origin origin) {

  /** The event object exactly as Stripe sends it to endpoints and lists it. */
  ObjectNode render(long pendingWebhooks) {
    var node = StripeObjects.object();
    node.put("id", id);
    node.put("object", "event");
    node.put("api_version", StripeApiVersion.PINNED);
    node.put("created", created);
    var data = node.putObject("data");
    data.set("object", object);
    if (previousAttributes != null) {
      data.set("previous_attributes", previousAttributes);
    }
    node.put("livemode", false);
    node.put("pending_webhooks", pendingWebhooks);
    var request = node.putObject("request");
    request.put("id", origin.requestId());
    request.put("idempotency_key", origin.idempotencyKey());
    node.put("type", type);
    return node;
  }
}
