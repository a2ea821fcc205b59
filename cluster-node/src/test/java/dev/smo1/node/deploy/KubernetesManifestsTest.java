package dev.smo1.node.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders every overlay of {@code deploy-k8s/} with {@code kubectl kustomize}, parses each object
 * strictly with the fabric8 Kubernetes model (a field the model does not know is an error), and
 * holds the result to the operating policies of the README's deployment section: restricted Pod
 * Security, least-privilege RBAC, a rolling update that never drops below the replicas, probes on
 * the management port, memory limited and CPU not, no secret values, only environment variables the
 * node reads, and ClickHouse's passwords required. Production also reaches every datastore over
 * verified TLS with passwords from the Secret, the click stream in a Redis of its own, the nodes
 * over mutual TLS, and only what the nodes need through its egress policy (never the cloud metadata
 * address); the small overlay's one Redis never evicts and its ClickHouse bounds analytics. The
 * opt-in edge prober ({@code components/prober}) renders in either overlay as a restricted CronJob
 * of the node's image, and is absent without it.
 */
class KubernetesManifestsTest {
  private static final Path DEPLOY = Path.of("..", "deploy-k8s").toAbsolutePath().normalize();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.ofEntries(
          Map.entry("Namespace", Namespace.class),
          Map.entry("ServiceAccount", ServiceAccount.class),
          Map.entry("Role", Role.class),
          Map.entry("RoleBinding", RoleBinding.class),
          Map.entry("ConfigMap", ConfigMap.class),
          Map.entry("Service", Service.class),
          Map.entry("Deployment", Deployment.class),
          Map.entry("StatefulSet", StatefulSet.class),
          Map.entry("PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
          Map.entry("NetworkPolicy", NetworkPolicy.class),
          Map.entry("CronJob", CronJob.class));

  @ParameterizedTest
  @ValueSource(strings = {"production", "small"})
  void everyObjectParsesStrictlyAsAKnownKindOfItsApiVersion(String overlay) throws Exception {
    List<HasMetadata> objects = render(overlay);
    assertThat(objects).isNotEmpty();
    assertThat(objects)
        .allSatisfy(object -> assertThat(object.getMetadata().getNamespace()).isIn("smo1", null));
    assertThat(kinds(objects))
        .contains(
            "Namespace",
            "ServiceAccount",
            "Role",
            "RoleBinding",
            "ConfigMap",
            "Service",
            "Deployment",
            "PodDisruptionBudget",
            "HorizontalPodAutoscaler",
            "NetworkPolicy")
        .doesNotContain("Secret")
        .as("the edge prober is opt-in (components/prober)")
        .doesNotContain("CronJob");
  }

  @ParameterizedTest
  @ValueSource(strings = {"production", "small"})
  void theNamespaceEnforcesTheRestrictedPodSecurityStandard(String overlay) throws Exception {
    Namespace namespace = only(render(overlay), Namespace.class);
    assertThat(namespace.getMetadata().getName()).isEqualTo("smo1");
    assertThat(namespace.getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
  }

  @ParameterizedTest
  @ValueSource(strings = {"production", "small"})
  void rbacGrantsDiscoveryAndTheLeaseAndNothingElse(String overlay) throws Exception {
    List<HasMetadata> objects = render(overlay);
    Role role = only(objects, Role.class);
    assertThat(role.getRules()).hasSize(2);
    PolicyRule pods = role.getRules().get(0);
    assertThat(pods.getApiGroups()).containsExactly("");
    assertThat(pods.getResources()).containsExactly("pods");
    assertThat(pods.getVerbs()).containsExactlyInAnyOrder("get", "watch", "list");
    PolicyRule leases = role.getRules().get(1);
    assertThat(leases.getApiGroups()).containsExactly("coordination.k8s.io");
    assertThat(leases.getResources()).containsExactly("leases");
    assertThat(leases.getVerbs()).doesNotContain("*", "delete", "deletecollection");
    RoleBinding binding = only(objects, RoleBinding.class);
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    String account = only(objects, ServiceAccount.class).getMetadata().getName();
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(subject -> assertThat(subject.getName()).isEqualTo(account));
    assertThat(node(objects).getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo(account);
  }

  @ParameterizedTest
  @ValueSource(strings = {"production", "small"})
  void theNodesRollOneAtATimeWithProbesOnTheManagementPort(String overlay) throws Exception {
    Deployment deployment = node(render(overlay));
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    var rolling = deployment.getSpec().getStrategy().getRollingUpdate();
    assertThat(rolling.getMaxSurge().getIntVal()).isEqualTo(1);
    assertThat(rolling.getMaxUnavailable().getIntVal()).isZero();
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().getFirst();
    assertThat(container.getPorts())
        .extracting(port -> port.getName())
        .containsExactlyInAnyOrder("http", "remoting", "management");
    // Prometheus scrapes the management port (the public HTTP port has no /metrics)
    int management =
        container.getPorts().stream()
            .filter(port -> port.getName().equals("management"))
            .findFirst()
            .orElseThrow()
            .getContainerPort();
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", Integer.toString(management))
        .containsEntry("prometheus.io/path", "/metrics");
    assertProbe(container.getStartupProbe(), "/alive");
    assertProbe(container.getReadinessProbe(), "/ready");
    assertProbe(container.getLivenessProbe(), "/alive");
    var resources = container.getResources();
    assertThat(resources.getRequests()).containsKeys("cpu", "memory");
    assertThat(resources.getLimits()).containsKey("memory").doesNotContainKey("cpu");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(pod.getTopologySpreadConstraints())
        .extracting(constraint -> constraint.getTopologyKey())
        .contains("kubernetes.io/hostname");
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .isEqualTo(Map.of("app.kubernetes.io/name", "smo1"));
    // the cluster address and the contact point are the pod's own IP (downward API)
    assertThat(env(container, "SMO1_REMOTE_HOST").getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("status.podIP");
    assertThat(env(container, "SMO1_MANAGEMENT_HOST").getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("status.podIP");
    assertThat(env(container, "SMO1_DISCOVERY_METHOD").getValue()).isEqualTo("kubernetes-api");
    assertThat(env(container, "SMO1_SPLIT_BRAIN_STRATEGY").getValue()).isEqualTo("lease-majority");
    assertThat(env(container, "SMO1_REQUIRED_CONTACT_POINTS").getValue())
        .isEqualTo(deployment.getSpec().getReplicas().toString());
    // SIGTERM: the drain delay and the shutdown fit in the grace period
    assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(45);
  }

  @ParameterizedTest
  @ValueSource(strings = {"production", "small"})
  void everyPodMeetsTheRestrictedProfile(String overlay) throws Exception {
    // with the opt-in prober, whose CronJob's pods run in the same restricted namespace
    for (PodTemplateSpec template : podTemplates(render(overlay, true))) {
      PodSpec pod = template.getSpec();
      String name = template.getMetadata().getLabels().get("app.kubernetes.io/name");
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
      assertThat(pod.getSecurityContext().getSeccompProfile().getType())
          .as(name)
          .isEqualTo("RuntimeDefault");
      for (Container container : pod.getContainers()) {
        var security = container.getSecurityContext();
        assertThat(security.getAllowPrivilegeEscalation()).as(name).isFalse();
        assertThat(security.getCapabilities().getDrop()).as(name).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).as(name).isNullOrEmpty();
        assertThat(security.getPrivileged()).as(name).isNotEqualTo(Boolean.TRUE);
        assertThat(container.getResources().getLimits()).as(name).containsKey("memory");
      }
      assertThat(pod.getHostNetwork()).as(name).isNotEqualTo(Boolean.TRUE);
      assertThat(pod.getVolumes())
          .as(name)
          .allSatisfy(volume -> assertThat(volume.getHostPath()).isNull());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"production", "small"})
  void onlyHttpIsPublishedAndClusterPortsOnlyReachSmo1Pods(String overlay) throws Exception {
    List<HasMetadata> objects = render(overlay);
    Service service =
        objects.stream()
            .filter(object -> object.getMetadata().getName().equals("smo1"))
            .filter(Service.class::isInstance)
            .map(Service.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(service.getSpec().getPorts())
        .singleElement()
        .satisfies(port -> assertThat(port.getTargetPort().getStrVal()).isEqualTo("http"));
    NetworkPolicy policy =
        objects.stream()
            .filter(NetworkPolicy.class::isInstance)
            .map(NetworkPolicy.class::cast)
            .filter(p -> p.getMetadata().getName().equals("smo1-node"))
            .findFirst()
            .orElseThrow();
    for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
      Set<String> ports = new TreeSet<>();
      rule.getPorts().forEach(port -> ports.add(port.getPort().getStrVal()));
      if (ports.contains("remoting")) {
        assertThat(rule.getFrom())
            .isNotEmpty()
            .allSatisfy(
                peer ->
                    assertThat(peer.getPodSelector().getMatchLabels())
                        .isEqualTo(Map.of("app.kubernetes.io/name", "smo1")));
      } else if (ports.contains("management")) {
        // Prometheus, in the monitoring namespace, scrapes /metrics on the management port
        assertThat(ports).containsExactly("management");
        assertThat(rule.getFrom())
            .singleElement()
            .satisfies(
                peer -> {
                  assertThat(peer.getNamespaceSelector().getMatchLabels())
                      .isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
                  assertThat(peer.getPodSelector().getMatchLabels())
                      .isEqualTo(Map.of("app.kubernetes.io/name", "prometheus"));
                });
      } else {
        assertThat(ports).containsExactly("http");
      }
    }
    PodDisruptionBudget budget = only(objects, PodDisruptionBudget.class);
    assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(budget.getSpec().getSelector().getMatchLabels())
        .isEqualTo(Map.of("app.kubernetes.io/name", "smo1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"production", "small"})
  void theAutoscalerScalesDownSlowlyAndOnePodAtATime(String overlay) throws Exception {
    var behavior = only(render(overlay), HorizontalPodAutoscaler.class).getSpec().getBehavior();
    assertThat(behavior.getScaleDown().getStabilizationWindowSeconds()).isGreaterThanOrEqualTo(300);
    assertThat(behavior.getScaleDown().getPolicies())
        .allSatisfy(
            policy -> {
              assertThat(policy.getType()).isEqualTo("Pods");
              assertThat(policy.getValue()).isEqualTo(1);
              assertThat(policy.getPeriodSeconds()).isGreaterThanOrEqualTo(60);
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"production", "small"})
  void everyVariableTheNodeIsGivenIsOneItReadsAndSecretsComeFromSecrets(String overlay)
      throws Exception {
    List<HasMetadata> objects = render(overlay);
    Container container =
        node(objects).getSpec().getTemplate().getSpec().getContainers().getFirst();
    Set<String> given = new TreeSet<>();
    container.getEnv().forEach(variable -> given.add(variable.getName()));
    for (var source : container.getEnvFrom()) {
      ConfigMap config =
          objects.stream()
              .filter(ConfigMap.class::isInstance)
              .map(ConfigMap.class::cast)
              .filter(map -> map.getMetadata().getName().equals(source.getConfigMapRef().getName()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no ConfigMap " + source.getConfigMapRef()));
      given.addAll(config.getData().keySet());
      assertThat(config.getData().keySet())
          .as("secrets do not belong in a ConfigMap")
          .noneMatch(key -> key.matches(".*(PASSWORD|TOKEN|SECRET|API_KEY).*"));
    }
    assertThat(given)
        .as("variables the node does not read (typos, or settings that do not exist)")
        .allMatch(NodeVariables::isRead);
    assertThat(given).contains("SMO1_DB_URL", "SMO1_SHORT_DOMAIN", "SMO1_PUBLIC_BASE_URL");
    for (EnvVar variable : container.getEnv()) {
      if (variable.getName().matches(".*(PASSWORD|TOKEN|SECRET|API_KEY).*")) {
        assertThat(variable.getValue()).as(variable.getName()).isNull();
        assertThat(variable.getValueFrom().getSecretKeyRef()).as(variable.getName()).isNotNull();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"production", "small"})
  void clickHouseNeedsItsPasswordsAndAnalyticsQueriesAsAUserOfItsOwn(String overlay)
      throws Exception {
    List<HasMetadata> objects = render(overlay);
    Container container = nodeContainer(objects);
    Map<String, String> config = nodeConfig(objects, container);
    for (String password :
        List.of("SMO1_CLICKHOUSE_PASSWORD", "SMO1_CLICKHOUSE_ANALYTICS_PASSWORD")) {
      var secret = env(container, password).getValueFrom().getSecretKeyRef();
      assertThat(secret.getName()).as(password).isEqualTo("smo1-secrets");
      // an optional secret would silently mean ClickHouse's password-less default user
      assertThat(secret.getOptional()).as(password + " optional").isNotEqualTo(Boolean.TRUE);
    }
    assertThat(config.get("SMO1_CLICKHOUSE_USER")).isNotBlank().isNotEqualTo("default");
    assertThat(config.get("SMO1_CLICKHOUSE_ANALYTICS_USER"))
        .isNotBlank()
        .isNotEqualTo("default")
        .isNotEqualTo(config.get("SMO1_CLICKHOUSE_USER"));
    // only the Cloudflare token may be absent (KV sync off)
    for (EnvVar variable : container.getEnv()) {
      if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
        if (!variable.getName().equals("SMO1_CLOUDFLARE_API_TOKEN")) {
          assertThat(variable.getValueFrom().getSecretKeyRef().getOptional())
              .as(variable.getName() + " optional")
              .isNotEqualTo(Boolean.TRUE);
        }
      }
    }
  }

  @org.junit.jupiter.api.Test
  void productionReachesEveryDatastoreOverVerifiedTlsWithPasswordsFromTheSecret() throws Exception {
    List<HasMetadata> objects = render("production");
    Container container = nodeContainer(objects);
    Map<String, String> config = nodeConfig(objects, container);
    Map<String, String> mounts = mounts(objects, container);

    String db = config.get("SMO1_DB_URL");
    assertThat(db).startsWith("jdbc:postgresql://").contains("sslmode=verify-full");
    String rootCert = db.replaceFirst(".*[?&]sslrootcert=([^&]+).*", "$1");
    assertThat(rootCert).as("sslrootcert").isNotEqualTo(db).startsWith("/");
    assertThat(mountSource(mounts, rootCert)).as(rootCert).isNotNull();

    assertThat(config.get("SMO1_REDIS_URL")).startsWith("rediss://").doesNotContain("@");
    assertThat(config.get("SMO1_CLICK_STREAM_REDIS_URL"))
        .as("the click stream in a Redis of its own (noeviction), not the cache's (allkeys-lru)")
        .startsWith("rediss://")
        .doesNotContain("@")
        .isNotEqualTo(config.get("SMO1_REDIS_URL"));
    assertThat(mountSource(mounts, config.get("SMO1_REDIS_CA_FILE"))).isNotNull();
    for (String password : List.of("SMO1_REDIS_PASSWORD", "SMO1_CLICK_STREAM_REDIS_PASSWORD")) {
      var secret = env(container, password).getValueFrom().getSecretKeyRef();
      assertThat(secret.getName()).as(password).isEqualTo("smo1-secrets");
      assertThat(secret.getOptional()).as(password + " optional").isNotEqualTo(Boolean.TRUE);
    }

    assertThat(config.get("SMO1_CLICKHOUSE_URL")).startsWith("https://");
    assertThat(mountSource(mounts, config.get("SMO1_CLICKHOUSE_CA_FILE"))).isNotNull();
  }

  @org.junit.jupiter.api.Test
  void productionNodesTalkToEachOtherOverMutualTlsWithCertificatesFromASecret() throws Exception {
    List<HasMetadata> objects = render("production");
    Container container = nodeContainer(objects);
    Map<String, String> config = nodeConfig(objects, container);
    assertThat(config.get("SMO1_REMOTE_TRANSPORT")).isEqualTo("tls-tcp");
    String directory = config.get("SMO1_REMOTE_TLS_DIR");
    assertThat(mountSource(mounts(objects, container), directory))
        .as("the TLS directory is a mounted Secret")
        .isEqualTo("secret:smo1-artery-tls");
  }

  @org.junit.jupiter.api.Test
  void productionEgressReachesOnlyWhatTheNodesNeedAndNeverTheMetadataAddress() throws Exception {
    List<HasMetadata> objects = render("production");
    NetworkPolicy egress =
        objects.stream()
            .filter(NetworkPolicy.class::isInstance)
            .map(NetworkPolicy.class::cast)
            .filter(policy -> policy.getSpec().getPolicyTypes().contains("Egress"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no egress NetworkPolicy"));
    assertThat(egress.getSpec().getPodSelector().getMatchLabels())
        .isEqualTo(Map.of("app.kubernetes.io/name", "smo1"));
    Set<String> allowed = new TreeSet<>();
    for (var rule : egress.getSpec().getEgress()) {
      // a rule without destinations or without ports admits everything of the other
      assertThat(rule.getTo()).as("destinations of every rule").isNotEmpty();
      assertThat(rule.getPorts()).as("ports of every rule").isNotEmpty();
      for (var peer : rule.getTo()) {
        if (peer.getIpBlock() != null) {
          var block = peer.getIpBlock();
          assertThat(block.getCidr()).isNotIn("0.0.0.0/0", "::/0");
          if (contains(block.getCidr(), "169.254.169.254")) {
            assertThat(block.getExcept()).as(block.getCidr()).contains("169.254.169.254/32");
          }
        }
        for (var port : rule.getPorts()) {
          String number =
              port.getPort().getIntVal() != null
                  ? port.getPort().getIntVal().toString()
                  : port.getPort().getStrVal();
          allowed.add(describe(peer) + " " + port.getProtocol() + "/" + number);
        }
      }
    }
    assertThat(allowed)
        .contains(
            "pods k8s-app=kube-dns in kube-system UDP/53",
            "pods k8s-app=kube-dns in kube-system TCP/53",
            "pods app.kubernetes.io/name=smo1 TCP/remoting",
            "pods app.kubernetes.io/name=smo1 TCP/management",
            "namespace databases TCP/5432",
            "namespace databases TCP/6379",
            "namespace analytics TCP/8443",
            // Cloudflare's API (api.cloudflare.com is in 104.16.0.0/13)
            "ipBlock 104.16.0.0/13 TCP/443");
    assertThat(allowed)
        .as("the API server (pod discovery, the Lease)")
        .anyMatch(entry -> entry.startsWith("ipBlock ") && entry.endsWith("TCP/6443"));
    assertThat(allowed)
        .as("nothing but HTTPS to addresses outside the cluster")
        .filteredOn(entry -> entry.startsWith("ipBlock "))
        .allMatch(entry -> entry.endsWith("TCP/443") || entry.endsWith("TCP/6443"));
  }

  @org.junit.jupiter.api.Test
  void theSmallOverlaysRedisNeverEvictsAndItsClickHouseBoundsAnalytics() throws Exception {
    List<HasMetadata> objects = render("small");
    StatefulSet redis = statefulSet(objects, "redis");
    List<String> args =
        redis.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs();
    assertThat(args).containsSubsequence("--maxmemory-policy", "noeviction");
    assertThat(args).contains("--maxmemory");
    assertThat(args.get(args.indexOf("--maxmemory") + 1)).matches("[0-9]+mb");

    ConfigMap users =
        objects.stream()
            .filter(ConfigMap.class::isInstance)
            .map(ConfigMap.class::cast)
            .filter(map -> map.getMetadata().getName().equals("clickhouse-users"))
            .findFirst()
            .orElseThrow();
    var xml =
        javax.xml.parsers.DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(
                new java.io.ByteArrayInputStream(
                    users
                        .getData()
                        .get("smo1-users.xml")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    var xpath = javax.xml.xpath.XPathFactory.newInstance().newXPath();
    String profile = "/clickhouse/profiles/smo1_analytics/";
    // readonly 2: reads only, yet the node's per-query max_execution_time is accepted
    assertThat(xpath.evaluate(profile + "readonly", xml)).isEqualTo("2");
    assertThat(xpath.evaluate(profile + "max_memory_usage", xml)).matches("[1-9][0-9]*");
    assertThat(xpath.evaluate(profile + "max_execution_time", xml)).matches("[1-9][0-9]*");
    assertThat(xpath.evaluate(profile + "max_concurrent_queries_for_user", xml))
        .matches("[1-9][0-9]*");
    for (String limit :
        List.of("max_memory_usage", "max_execution_time", "max_concurrent_queries_for_user")) {
      assertThat(xpath.evaluate(profile + "constraints/" + limit + "/max", xml))
          .as("a query cannot raise " + limit)
          .isEqualTo(xpath.evaluate(profile + limit, xml));
    }
    Map<String, String> config = nodeConfig(objects, nodeContainer(objects));
    String analytics = "/clickhouse/users/" + config.get("SMO1_CLICKHOUSE_ANALYTICS_USER") + "/";
    assertThat(xpath.evaluate(analytics + "profile", xml)).isEqualTo("smo1_analytics");
    assertThat(xpath.evaluate(analytics + "password/@from_env", xml))
        .isEqualTo("SMO1_CLICKHOUSE_ANALYTICS_PASSWORD");
    String ingest = "/clickhouse/users/" + config.get("SMO1_CLICKHOUSE_USER") + "/";
    assertThat(xpath.evaluate(ingest + "password/@from_env", xml))
        .isEqualTo("SMO1_CLICKHOUSE_PASSWORD");
    assertThat(xpath.evaluate("/clickhouse/users/default/@remove", xml))
        .as("no password-less default user")
        .isEqualTo("remove");
  }

  private static Container nodeContainer(List<HasMetadata> objects) {
    return node(objects).getSpec().getTemplate().getSpec().getContainers().getFirst();
  }

  /** The ConfigMap values the node container takes through envFrom. */
  private static Map<String, String> nodeConfig(List<HasMetadata> objects, Container container) {
    Map<String, String> values = new java.util.HashMap<>();
    for (var source : container.getEnvFrom()) {
      objects.stream()
          .filter(ConfigMap.class::isInstance)
          .map(ConfigMap.class::cast)
          .filter(map -> map.getMetadata().getName().equals(source.getConfigMapRef().getName()))
          .forEach(map -> values.putAll(map.getData()));
    }
    return values;
  }

  /** Mount path → "secret:<name>" or "configMap:<name>" of the container's volumes. */
  private static Map<String, String> mounts(List<HasMetadata> objects, Container container) {
    var pod = node(objects).getSpec().getTemplate().getSpec();
    Map<String, String> sources = new java.util.HashMap<>();
    for (var volume : pod.getVolumes()) {
      if (volume.getSecret() != null) {
        sources.put(volume.getName(), "secret:" + volume.getSecret().getSecretName());
      } else if (volume.getConfigMap() != null) {
        sources.put(volume.getName(), "configMap:" + volume.getConfigMap().getName());
      }
    }
    Map<String, String> mounts = new java.util.HashMap<>();
    for (var mount : container.getVolumeMounts()) {
      if (sources.containsKey(mount.getName())) {
        mounts.put(mount.getMountPath(), sources.get(mount.getName()));
      }
    }
    return mounts;
  }

  /** The Secret or ConfigMap mounted at {@code path} or a directory above it; null if none. */
  private static String mountSource(Map<String, String> mounts, String path) {
    assertThat(path).as("a path").isNotNull();
    for (var mount : mounts.entrySet()) {
      if (path.equals(mount.getKey()) || path.startsWith(mount.getKey() + "/")) {
        return mount.getValue();
      }
    }
    return null;
  }

  private static StatefulSet statefulSet(List<HasMetadata> objects, String name) {
    return objects.stream()
        .filter(StatefulSet.class::isInstance)
        .map(StatefulSet.class::cast)
        .filter(set -> set.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static String describe(
      io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer peer) {
    if (peer.getIpBlock() != null) {
      return "ipBlock " + peer.getIpBlock().getCidr();
    }
    String pods =
        peer.getPodSelector() == null
            ? ""
            : "pods "
                + String.join(
                    ",",
                    peer.getPodSelector().getMatchLabels().entrySet().stream()
                        .map(label -> label.getKey() + "=" + label.getValue())
                        .sorted()
                        .toList());
    if (peer.getNamespaceSelector() == null) {
      return pods;
    }
    String namespace =
        "namespace "
            + peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
    return pods.isEmpty() ? namespace : pods + " in " + namespace.substring("namespace ".length());
  }

  /** Whether an IPv4 or IPv6 CIDR contains the address. */
  private static boolean contains(String cidr, String address) throws Exception {
    String[] parts = cidr.split("/");
    byte[] network = java.net.InetAddress.getByName(parts[0]).getAddress();
    byte[] host = java.net.InetAddress.getByName(address).getAddress();
    if (network.length != host.length) {
      return false;
    }
    int bits = Integer.parseInt(parts[1]);
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >> (i % 8);
      if ((network[i / 8] & mask) != (host[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  private static void assertProbe(Probe probe, String path) {
    assertThat(probe).as(path).isNotNull();
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
  }

  private static EnvVar env(Container container, String name) {
    return container.getEnv().stream()
        .filter(variable -> variable.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in the node's environment"));
  }

  private static Deployment node(List<HasMetadata> objects) {
    return only(objects, Deployment.class);
  }

  private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> kind) {
    List<T> found = objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    assertThat(found).as(kind.getSimpleName()).hasSize(1);
    return found.getFirst();
  }

  private static List<PodTemplateSpec> podTemplates(List<HasMetadata> objects) {
    List<PodTemplateSpec> templates = new ArrayList<>();
    for (HasMetadata object : objects) {
      if (object instanceof Deployment deployment) {
        templates.add(deployment.getSpec().getTemplate());
      } else if (object instanceof StatefulSet set) {
        templates.add(set.getSpec().getTemplate());
      } else if (object instanceof CronJob job) {
        templates.add(job.getSpec().getJobTemplate().getSpec().getTemplate());
      }
    }
    return templates;
  }

  private static Set<String> kinds(List<HasMetadata> objects) {
    Set<String> kinds = new TreeSet<>();
    objects.forEach(object -> kinds.add(object.getKind()));
    return kinds;
  }

  /** Every SMO1_* variable named in the node's configuration files. */
  /** The overlay rendered by kubectl kustomize, each object parsed strictly. */
  private static List<HasMetadata> render(String overlay) throws Exception {
    return render(overlay, false);
  }

  /**
   * The overlay rendered, each object parsed strictly; with {@code prober}, as an operator enables
   * the opt-in edge prober: {@code components: [../../components/prober]} added to the overlay's
   * kustomization, in a copy of {@code deploy-k8s/} (kustomize loads only files below the
   * kustomization's directory and its relative references).
   */
  private static List<HasMetadata> render(String overlay, boolean prober) throws Exception {
    Path directory = DEPLOY.resolve("overlays").resolve(overlay);
    assertThat(directory).isDirectory();
    if (!prober) {
      return kustomize(directory);
    }
    Path copy = Files.createTempDirectory("smo1-deploy-k8s-");
    try {
      try (Stream<Path> files = Files.walk(DEPLOY)) {
        for (Path file : files.toList()) {
          Path target = copy.resolve(DEPLOY.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(target);
          } else {
            Files.copy(file, target);
          }
        }
      }
      Path kustomization = copy.resolve("overlays").resolve(overlay).resolve("kustomization.yaml");
      assertThat(Files.readString(kustomization)).doesNotContain("\ncomponents:");
      Files.writeString(
          kustomization,
          "\ncomponents:\n  - ../../components/prober\n",
          java.nio.file.StandardOpenOption.APPEND);
      return kustomize(kustomization.getParent());
    } finally {
      try (Stream<Path> files = Files.walk(copy)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static List<HasMetadata> kustomize(Path directory) throws Exception {
    String overlay = directory.getFileName().toString();
    Process kubectl;
    try {
      kubectl =
          new ProcessBuilder("kubectl", "kustomize", directory.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
    } catch (IOException e) {
      throw new AssertionError(
          "kubectl 1.27+ is needed to render deploy-k8s/ (kubectl kustomize); ./smo1 test"
              + " installs it into dev/toolchain/kubectl/",
          e);
    }
    byte[] rendered = kubectl.getInputStream().readAllBytes();
    assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(kubectl.exitValue()).as("kubectl kustomize " + overlay).isZero();
    List<HasMetadata> objects = new ArrayList<>();
    try (var documents = YAML.readerFor(JsonNode.class).readValues(rendered)) {
      while (documents.hasNext()) {
        JsonNode document = (JsonNode) documents.next();
        if (document == null || document.isEmpty()) {
          continue;
        }
        String kind = document.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(kind);
        assertThat(type).as("a kind this test knows: " + kind).isNotNull();
        assertThat(document.path("apiVersion").asText())
            .as(kind + " apiVersion")
            .isEqualTo(HasMetadata.getApiVersion(type));
        HasMetadata object = YAML.treeToValue(document, type);
        List<String> unknown = new ArrayList<>();
        strict(object, kind + "/" + object.getMetadata().getName(), unknown);
        assertThat(unknown).as("fields the Kubernetes model does not know").isEmpty();
        objects.add(object);
      }
    }
    return objects;
  }

  /** Collects every field the model kept aside as unknown ({@code additionalProperties}). */
  private static void strict(Object value, String path, List<String> unknown) throws Exception {
    if (value == null) {
      return;
    }
    if (value instanceof Collection<?> values) {
      int index = 0;
      for (Object element : values) {
        strict(element, path + "[" + index++ + "]", unknown);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      for (var entry : map.entrySet()) {
        strict(entry.getValue(), path + "." + entry.getKey(), unknown);
      }
      return;
    }
    if (!value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || !getter.getName().startsWith("get")
          || getter.getDeclaringClass() == Object.class
          || java.lang.reflect.Modifier.isStatic(getter.getModifiers())) {
        continue;
      }
      Object field = getter.invoke(value);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
          unknown.add(path + ": " + extra.keySet());
        }
        continue;
      }
      strict(field, path + "." + getter.getName().substring(3), unknown);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"production", "small"})
  void theOptInProberIsACronJobOfTheNodesImagePushingToAPushgatewayWithItsKeyFromASecret(
      String overlay) throws Exception {
    List<HasMetadata> objects = render(overlay, true);
    CronJob cronJob = only(objects, CronJob.class);
    assertThat(cronJob.getMetadata().getName()).isEqualTo("smo1-probe");
    assertThat(cronJob.getMetadata().getNamespace()).isEqualTo("smo1");
    assertThat(cronJob.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/part-of", "smo1");
    var spec = cronJob.getSpec();
    assertThat(spec.getSchedule()).isEqualTo("*/5 * * * *");
    assertThat(spec.getConcurrencyPolicy()).as("runs never overlap").isEqualTo("Forbid");
    var job = spec.getJobTemplate().getSpec();
    assertThat(job.getBackoffLimit()).as("a failed run is a result, not retried").isZero();
    assertThat(job.getActiveDeadlineSeconds()).isPositive();
    PodSpec pod = job.getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    Container container = pod.getContainers().getFirst();
    Container node = nodeContainer(objects);
    assertThat(container.getImage())
        .as("the node's image, which ships bin/smo1-probe")
        .isEqualTo(node.getImage());
    assertThat(container.getCommand()).containsExactly("/opt/smo1-node/bin/smo1-probe");
    assertThat(ROOT_DIST_BIN.resolve("smo1-probe")).isExecutable();
    List<String> args = container.getArgs();
    assertThat(args).contains("--codes", "--api", "--pushgateway", "--instance");
    // every $(VARIABLE) of the arguments is one of the prober's ConfigMap
    ConfigMap config = configMap(objects, "smo1-probe-config");
    assertThat(container.getEnvFrom())
        .singleElement()
        .satisfies(
            source ->
                assertThat(source.getConfigMapRef().getName()).isEqualTo("smo1-probe-config"));
    for (String arg : args) {
      var variable = java.util.regex.Pattern.compile("\\$\\((\\w+)\\)").matcher(arg);
      while (variable.find()) {
        assertThat(config.getData()).as(arg).containsKey(variable.group(1));
      }
    }
    assertThat(config.getData().keySet())
        .as("secrets do not belong in a ConfigMap")
        .noneMatch(key -> key.matches(".*(PASSWORD|TOKEN|SECRET|API_KEY).*"));
    // the API key: from a Secret, required
    var key = env(container, "SMO1_PROBE_API_KEY").getValueFrom().getSecretKeyRef();
    assertThat(key.getName()).isEqualTo("smo1-probe-secrets");
    assertThat(key.getOptional()).isNotEqualTo(Boolean.TRUE);
    // the codes file is the mounted ConfigMap's codes.txt
    String codes = args.get(args.indexOf("--codes") + 1);
    var codesVolume =
        pod.getVolumes().stream()
            .filter(volume -> volume.getConfigMap() != null)
            .filter(
                volume ->
                    container.getVolumeMounts().stream()
                        .anyMatch(
                            mount ->
                                mount.getName().equals(volume.getName())
                                    && codes.equals(mount.getMountPath() + "/codes.txt")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ConfigMap mounted for " + codes));
    assertThat(configMap(objects, codesVolume.getConfigMap().getName()).getData())
        .containsKey("codes.txt");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
  }

  private static final Path ROOT_DIST_BIN =
      Path.of("src", "dist", "bin").toAbsolutePath().normalize();

  private static ConfigMap configMap(List<HasMetadata> objects, String name) {
    return objects.stream()
        .filter(ConfigMap.class::isInstance)
        .map(ConfigMap.class::cast)
        .filter(map -> map.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no ConfigMap " + name));
  }

  @org.junit.jupiter.api.Test
  void everyOverlayIsOneOfThoseTestedHere() throws IOException {
    try (Stream<Path> overlays = Files.list(DEPLOY.resolve("overlays"))) {
      assertThat(overlays.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("production", "small");
    }
  }
}
