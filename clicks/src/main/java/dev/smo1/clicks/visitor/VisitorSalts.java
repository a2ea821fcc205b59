package dev.smo1.clicks.visitor;

import java.time.LocalDate;
import java.util.concurrent.CompletionStage;

/**
 * The salts of visitor pseudonyms, one per UTC day ({@link RedisVisitorSalts}). A day's salt is
 * made when first asked for and is the same for every node and the edge until it expires; asked for
 * again after that (or for a day that has not begun, beyond tomorrow), the stage fails.
 */
public interface VisitorSalts {
  CompletionStage<VisitorSalt> forDay(LocalDate day);
}
