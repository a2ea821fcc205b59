package dev.smo1.stripe.standin;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a stand-in on its own. Settings come from {@code --name=value} arguments, else from {@code
 * SMO1_STRIPE_*} environment variables (README); it prints one {@code SMO1_STRIPE_READY} line on
 * standard output once it serves, and runs until stopped.
 */
public final class Main {
  private Main() {}

  /**
   * The catalog when none is given: SMO1's paid plans as packages/plans/plans.json prices them,
   * with lookup keys {@code <plan>_<interval>}.
   */
  static final List<CatalogPrice> DEFAULT_PRICES =
      List.of(
          CatalogPrice.monthly("price_smo1_pro_monthly", "prod_smo1_pro", "Pro", "usd", 1200)
              .withLookupKey("pro_monthly"),
          CatalogPrice.yearly("price_smo1_pro_yearly", "prod_smo1_pro", "Pro", "usd", 12000)
              .withLookupKey("pro_yearly"),
          CatalogPrice.monthly(
                  "price_smo1_business_monthly", "prod_smo1_business", "Business", "usd", 4900)
              .withLookupKey("business_monthly"),
          CatalogPrice.yearly(
                  "price_smo1_business_yearly", "prod_smo1_business", "Business", "usd", 49000)
              .withLookupKey("business_yearly"));

  public static void main(String[] args) throws IOException, InterruptedException {
    var config = config(arguments(args), System.getenv());
    var standIn = StripeStandIn.start(config);
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  standIn.close();
                  stopped.countDown();
                }));
    System.out.println(
        "SMO1_STRIPE_READY api="
            + standIn.apiBase()
            + " pages="
            + standIn.pagesBase()
            + " webhook="
            + standIn.webhookEndpoint().map(endpoint -> endpoint.url().toString()).orElse("none")
            + " prices="
            + config.prices().size()
            + " api_version="
            + StripeApiVersion.PINNED);
    System.out.flush();
    stopped.await();
  }

  static Map<String, String> arguments(String[] args) {
    var parsed = new HashMap<String, String>();
    for (var arg : args) {
      if (!arg.startsWith("--") || arg.indexOf('=') < 0) {
        throw new IllegalArgumentException("arguments are --name=value, not " + arg);
      }
      parsed.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    return parsed;
  }

  /** Each setting: the argument {@code --name}, else the variable {@code SMO1_STRIPE_NAME}. */
  static StandInConfig config(Map<String, String> arguments, Map<String, String> environment) {
    var config = StandInConfig.defaults();
    var key = setting("secret-key", arguments, environment);
    if (key.isPresent()) {
      config = config.withSecretKey(key.get());
    }
    var host = setting("host", arguments, environment).orElse(config.host());
    var port = setting("port", arguments, environment).map(Integer::parseInt).orElse(0);
    config = config.withAddress(host, port);
    var publicUrl = setting("public-url", arguments, environment);
    if (publicUrl.isPresent()) {
      config = config.withPublicBaseUrl(URI.create(publicUrl.get()));
    }
    var webhookUrl = setting("webhook-url", arguments, environment);
    var webhookSecret = setting("webhook-secret", arguments, environment);
    if (webhookUrl.isPresent() != webhookSecret.isPresent()) {
      throw new IllegalArgumentException(
          "a webhook endpoint needs both its URL and its signing secret (webhook-url and"
              + " webhook-secret)");
    }
    if (webhookUrl.isPresent()) {
      config =
          config.withWebhook(
              new WebhookEndpoint(URI.create(webhookUrl.get()), webhookSecret.get()));
    }
    var prices = setting("prices", arguments, environment);
    return config.withPrices(prices.map(Main::prices).orElse(DEFAULT_PRICES));
  }

  private static Optional<String> setting(
      String name, Map<String, String> arguments, Map<String, String> environment) {
    return Optional.ofNullable(arguments.get(name))
        .or(
            () ->
                Optional.ofNullable(
                    environment.get(
                        "SMO1_STRIPE_"
                            + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'))))
        .filter(value -> !value.isBlank());
  }

  /**
   * Prices as {@code id:product:name:currency:amount:month|year[:lookup_key]}, separated by commas.
   */
  static List<CatalogPrice> prices(String text) {
    var prices = new ArrayList<CatalogPrice>();
    for (var entry : text.split(",")) {
      var fields = entry.strip().split(":");
      if (fields.length < 6 || fields.length > 7) {
        throw new IllegalArgumentException(
            "a price is id:product:name:currency:amount:month|year[:lookup_key], not " + entry);
      }
      var interval = CatalogPrice.Interval.valueOf(fields[5].toUpperCase(java.util.Locale.ROOT));
      prices.add(
          new CatalogPrice(
              fields[0],
              fields[1],
              fields[2],
              fields[3],
              Long.parseLong(fields[4]),
              interval,
              fields.length == 7 ? Optional.of(fields[6]) : Optional.empty()));
    }
    return prices;
  }
}
