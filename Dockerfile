# The SMO1 node on a Java runtime, as deploy-k8s/ runs it. Docker does not run on the build
# machines: the distribution it copies is tested itself (DistributionIT), and this file is held to
# the Deployment by ContainerImageTest. Build:
#   mvn -B package -DskipTests
#   docker build -t ghcr.io/smo1/node:0.1.0 .
FROM eclipse-temurin:21-jre

ARG VERSION=0.1.0-SNAPSHOT

# a user of its own without a login or home; the pod runs as it (Pod Security "restricted")
RUN groupadd --system --gid 10001 smo1 \
 && useradd --system --uid 10001 --gid smo1 --no-create-home --shell /usr/sbin/nologin smo1

# bin/smo1-node and lib/, unpacked
ADD cluster-node/target/smo1-node-${VERSION}.tar.gz /opt/
RUN mv /opt/smo1-node-${VERSION} /opt/smo1-node

# http, remoting (Artery), management (probes, Cluster Bootstrap)
EXPOSE 8080 25520 7626
USER 10001:10001
ENTRYPOINT ["/opt/smo1-node/bin/smo1-node"]
