# Build stage: compile and package the service (tests run in CI, not in the image build)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q -DskipTests package

# Runtime stage: a JRE, the jar, and the files the integration team edits
FROM eclipse-temurin:17-jre-alpine
RUN addgroup -S wooodoo && adduser -S -G wooodoo -h /app wooodoo
WORKDIR /app
COPY --from=build /build/target/wooodoo-sync.jar /app/wooodoo-sync.jar
COPY config /app/config
COPY routes /app/routes
USER wooodoo
# 8080: the API, the console, and the liveness and readiness probes (status only).
# Actuator's management port (8081: health details, metrics, Prometheus) listens on the container's
# loopback only and is not exposed; to scrape it from outside, run with MANAGEMENT_SERVER_ADDRESS=0.0.0.0
# and publish 8081 on a private network only.
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD wget -q -O /dev/null http://localhost:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/wooodoo-sync.jar"]
