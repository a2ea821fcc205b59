package dev.smo1.prober;

/** The command line, or a file it names, cannot be used: the prober prints why and its usage. */
public final class InvalidArguments extends Exception {
  public InvalidArguments(String message) {
    super(message);
  }
}
