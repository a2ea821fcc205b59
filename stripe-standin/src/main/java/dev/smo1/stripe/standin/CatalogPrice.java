package dev.smo1.stripe.standin;

import java.util.Objects;
import java.util.Optional;

/**
 * A recurring price the stand-in knows, as a Stripe account's catalog holds it: Checkout and
 * subscription updates accept only these ids.
 *
 * @param id the price id ({@code price_…}) billing sends as {@code line_items[0][price]}
 * @param product the product id ({@code prod_…})
 * @param productName the product's name, shown on the hosted pages and in invoice line texts
 * @param currency a lower-case ISO currency code, as Stripe writes it
 * @param unitAmount the amount in the currency's smallest unit (cents)
 * @param interval how often it renews
 * @param lookupKey Stripe's optional lookup key
 */
public record CatalogPrice(
    String id,
    String product,
    String productName,
    String currency,
    long unitAmount,
    Interval interval,
    Optional<String> lookupKey) {

  public enum Interval {
    MONTH,
    YEAR;

    String apiName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public CatalogPrice {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(productName, "productName");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(lookupKey, "lookupKey");
    if (!id.startsWith("price_")) {
      throw new IllegalArgumentException("a price id starts with price_: " + id);
    }
    if (!currency.equals(currency.toLowerCase(java.util.Locale.ROOT)) || currency.length() != 3) {
      throw new IllegalArgumentException("currency must be a lower-case ISO code: " + currency);
    }
    if (unitAmount < 0) {
      throw new IllegalArgumentException("unitAmount must not be negative: " + unitAmount);
    }
  }

  public static CatalogPrice monthly(
      String id, String product, String productName, String currency, long unitAmount) {
    return new CatalogPrice(
        id, product, productName, currency, unitAmount, Interval.MONTH, Optional.empty());
  }

  public static CatalogPrice yearly(
      String id, String product, String productName, String currency, long unitAmount) {
    return new CatalogPrice(
        id, product, productName, currency, unitAmount, Interval.YEAR, Optional.empty());
  }

  public CatalogPrice withLookupKey(String key) {
    return new CatalogPrice(
        id, product, productName, currency, unitAmount, interval, Optional.of(key));
  }
}
