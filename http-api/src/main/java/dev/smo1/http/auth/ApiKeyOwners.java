package dev.smo1.http.auth;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Whose an API key is, by the key's hash ({@link ApiKeys#hash}); empty for an unknown key. */
@FunctionalInterface
public interface ApiKeyOwners {
  CompletionStage<Optional<String>> ownerOf(String keyHash);
}
