package dev.smo1.node.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Map;

/**
 * Loads the node's configuration: explicit overrides, then system properties, then (only when the
 * profile is {@code local}) the development defaults of {@code local.conf}, then {@code
 * application.conf}, then the libraries' {@code reference.conf}. Resolved once, at the end, so
 * overrides computed at start-up (the embedded database URL) flow into every substitution.
 */
public final class NodeConfig {
  public static final String LOCAL_PROFILE = "local";

  private NodeConfig() {}

  public static Config load(Map<String, ?> overrides) {
    Config top = ConfigFactory.parseMap(overrides).withFallback(ConfigFactory.systemProperties());
    Config application = ConfigFactory.parseResources("application.conf");
    String profile = top.withFallback(application).resolve().getString("smo1.profile");
    if (LOCAL_PROFILE.equals(profile)) {
      // local.conf re-applies the SMO1_* variables itself, so they still win over its defaults
      top = top.withFallback(ConfigFactory.parseResources("local.conf"));
    }
    return top.withFallback(application).withFallback(ConfigFactory.defaultReference()).resolve();
  }
}
