package dev.smo1.stripe.standin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends events to the configured endpoint one at a time, in the order they happened, each signed at
 * the moment it is sent; retries a failure with a doubling wait a bounded number of times and
 * records every attempt. One thread: a receiver never sees an event before the ones before it
 * (Stripe promises less; the stand-in's tests need the order to be stable).
 *
 * <p>Signatures carry the wall-clock time, never the ledger's clock: receivers check them against
 * their own clock, also while a test clock is far in the future.
 */
final class WebhookDispatcher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());

  private final ObjectMapper json;
  private final Clock wallClock = Clock.systemUTC();
  private final int attempts;
  private final Duration firstRetryDelay;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(
          runnable -> {
            var thread = new Thread(runnable, "stripe-standin-webhooks");
            thread.setDaemon(true);
            return thread;
          });
  private final List<Record> records = new ArrayList<>();
  private volatile Optional<WebhookEndpoint> endpoint;

  WebhookDispatcher(
      ObjectMapper json,
      Optional<WebhookEndpoint> endpoint,
      int attempts,
      Duration firstRetryDelay) {
    this.json = json;
    this.endpoint = endpoint;
    this.attempts = attempts;
    this.firstRetryDelay = firstRetryDelay;
  }

  void setEndpoint(Optional<WebhookEndpoint> newEndpoint) {
    endpoint = newEndpoint;
  }

  Optional<WebhookEndpoint> endpoint() {
    return endpoint;
  }

  /** Records the event and queues its delivery to the endpoint configured now. */
  void publish(StripeEvent event) {
    var target = endpoint;
    String payload;
    try {
      payload = json.writeValueAsString(event.render(target.isPresent() ? 1 : 0));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an event tree always serializes", e);
    }
    var record = new Record(event.id(), event.type(), target, payload);
    synchronized (records) {
      records.add(record);
    }
    if (target.isEmpty()) {
      record.finish(WebhookDelivery.Status.NO_ENDPOINT);
      return;
    }
    sender.execute(() -> deliver(record, target.get()));
  }

  private void deliver(Record record, WebhookEndpoint target) {
    var wait = firstRetryDelay;
    for (var attempt = 1; attempt <= attempts; attempt++) {
      if (tryOnce(record, target)) {
        record.finish(WebhookDelivery.Status.DELIVERED);
        return;
      }
      if (attempt < attempts) {
        try {
          Thread.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        wait = wait.multipliedBy(2);
      }
    }
    LOG.log(
        System.Logger.Level.WARNING,
        "webhook delivery failed event={0} type={1} attempts={2}",
        record.eventId,
        record.type,
        record.attemptCount());
    record.finish(WebhookDelivery.Status.FAILED);
  }

  private boolean tryOnce(Record record, WebhookEndpoint target) {
    var sentAt = wallClock.instant();
    var request =
        HttpRequest.newBuilder(target.url())
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
            .header(
                "Stripe-Signature",
                WebhookSignature.header(
                    record.payload, target.signingSecret(), sentAt.getEpochSecond()))
            .POST(HttpRequest.BodyPublishers.ofString(record.payload))
            .build();
    try {
      var response = http.send(request, HttpResponse.BodyHandlers.discarding());
      record.attempt(
          new WebhookDelivery.Attempt(
              sentAt, OptionalInt.of(response.statusCode()), Optional.empty()));
      return response.statusCode() / 100 == 2;
    } catch (IOException e) {
      record.attempt(
          new WebhookDelivery.Attempt(
              sentAt,
              OptionalInt.empty(),
              Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage())));
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      record.attempt(
          new WebhookDelivery.Attempt(sentAt, OptionalInt.empty(), Optional.of("interrupted")));
      return false;
    }
  }

  List<WebhookDelivery> deliveries() {
    synchronized (records) {
      return records.stream().map(Record::snapshot).toList();
    }
  }

  /** Waits until every event published so far has been delivered or has failed. */
  boolean awaitIdle(Duration timeout) {
    try {
      sender.submit(() -> {}).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    sender.shutdownNow();
    http.close();
  }

  private static final class Record {
    final String eventId;
    final String type;
    final Optional<WebhookEndpoint> endpoint;
    final String payload;
    private final List<WebhookDelivery.Attempt> attempts = new ArrayList<>();
    private WebhookDelivery.Status status = WebhookDelivery.Status.PENDING;

    Record(String eventId, String type, Optional<WebhookEndpoint> endpoint, String payload) {
      this.eventId = eventId;
      this.type = type;
      this.endpoint = endpoint;
      this.payload = payload;
    }

    synchronized void attempt(WebhookDelivery.Attempt attempt) {
      attempts.add(attempt);
    }

    synchronized int attemptCount() {
      return attempts.size();
    }

    synchronized void finish(WebhookDelivery.Status outcome) {
      status = outcome;
    }

    synchronized WebhookDelivery snapshot() {
      return new WebhookDelivery(
          eventId,
          type,
          endpoint.map(WebhookEndpoint::url),
          status,
          List.copyOf(attempts),
          payload);
    }
  }

  static URI requireHttp(URI url) {
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("a webhook endpoint is an http(s) URL: " + url);
    }
    return url;
  }
}
