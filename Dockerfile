# The SMO1 node on a Java runtime, as deploy-k8s/ runs it, with the web apps it serves. Docker does
# not run on the build machines: the distribution it copies is tested itself (DistributionIT), and
# this file is held to the Deployment and to the node's web directory by ContainerImageTest. Build
# the node and the web apps (each writes web/<app>/out), then the image:
#   mvn -B package -DskipTests
#   (build web/landing, web/dashboard and web/api-docs: ./smo1 run builds them too)
#   docker build -t ghcr.io/smo1/node:0.1.0 .
FROM eclipse-temurin:21-jre

ARG VERSION=0.1.0-SNAPSHOT

# a user of its own without a login or home; the pod runs as it (Pod Security "restricted")
RUN groupadd --system --gid 10001 smo1 \
 && useradd --system --uid 10001 --gid smo1 --no-create-home --shell /usr/sbin/nologin smo1

# bin/smo1-node and lib/, unpacked
ADD cluster-node/target/smo1-node-${VERSION}.tar.gz /opt/
RUN mv /opt/smo1-node-${VERSION} /opt/smo1-node

# the static exports of the landing site, the dashboard and the API reference, where the node
# looks for them by default (smo1.web.dir); read-only for the node's user
COPY web/landing/out /opt/smo1-node/web/landing/out
COPY web/dashboard/out /opt/smo1-node/web/dashboard/out
COPY web/api-docs/out /opt/smo1-node/web/api-docs/out

# http, remoting (Artery), management (probes, Cluster Bootstrap)
EXPOSE 8080 25520 7626
USER 10001:10001
ENTRYPOINT ["/opt/smo1-node/bin/smo1-node"]
