# syntax=docker/dockerfile:1
# The corridor service in a container: `docker build -t corridor .` at the repository root.
#
# Stage "build" compiles the command-line jar with the Maven wrapper on a JDK; stage "runtime" runs
# it on a JRE as an unprivileged user. The heap follows the container's memory limit
# (MaxRAMPercentage) unless -Xmx is given through JDK_JAVA_OPTIONS, as the Helm chart does.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -pl corridor-cli -am package -DskipTests \
 && cp corridor-cli/target/corridor.jar /corridor.jar

FROM eclipse-temurin:21-jre AS runtime
RUN groupadd --system --gid 10001 corridor \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin corridor \
 && mkdir -p /data \
 && chown 10001:10001 /data
COPY --from=build /corridor.jar /app/corridor.jar
# The service listens on every interface inside the container; the port is published explicitly.
ENV CORRIDOR_HOST=0.0.0.0 \
    CORRIDOR_PORT=8080
WORKDIR /data
USER 10001:10001
EXPOSE 8080
# Liveness without a client binary in the image: bash's /dev/tcp speaks HTTP/1.0 to the service.
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${CORRIDOR_PORT:-8080} && printf 'GET /health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q '^HTTP/1\\.[01] 200'"]
# java is process 1 and receives SIGTERM itself, so the service drains before it exits.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50.0", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/corridor.jar"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]
