package dev.smo1.prober;

/**
 * A code the prober cannot check: the API does not know it or refuses the key, or the link is not a
 * plain redirect (password, visit limit, disabled, expired), so a probe would not get its target.
 */
public final class NotACanary extends Exception {
  public NotACanary(String message) {
    super(message);
  }
}
