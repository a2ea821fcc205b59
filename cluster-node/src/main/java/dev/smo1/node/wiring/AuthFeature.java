package dev.smo1.node.wiring;

import dev.smo1.http.HttpSettings;
import dev.smo1.http.auth.ApiKeyStore;
import dev.smo1.http.auth.ApiKeys;
import dev.smo1.http.auth.Authenticator;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Who may call the API: API keys stored by hash, the configured bootstrap key, and in the local
 * profile a fresh key on first start (returned so it can be shown once; only its hash is stored).
 */
public record AuthFeature(Authenticator authenticator, Optional<String> generatedKey) {

  public static AuthFeature init(NodeContext node, HttpSettings http) throws SQLException {
    var apiKeys = new ApiKeyStore(node.dataSource(), node.blocking());
    var settings = node.settings();
    Optional<String> generated = Optional.empty();
    if (settings.bootstrapApiKey().isPresent()) {
      apiKeys.register(settings.bootstrapApiKey().get(), settings.bootstrapOwner());
    } else if (settings.generateFirstKey() && apiKeys.count() == 0) {
      String key = ApiKeys.generate();
      apiKeys.register(key, settings.bootstrapOwner());
      generated = Optional.of(key);
    }
    return new AuthFeature(new Authenticator(apiKeys, http.authCacheTtl()), generated);
  }
}
