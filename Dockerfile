# Build stage: compile and package the service (tests run in CI, not in the image build)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q -DskipTests package

# Runtime stage: a JRE, the service, and the files the integration team edits
FROM eclipse-temurin:17-jre-alpine
RUN addgroup -S wooodoo && adduser -S -G wooodoo -h /app wooodoo
WORKDIR /app
COPY config /app/config
COPY routes /app/routes
COPY --from=build /build/target/wooodoo-sync.jar /tmp/wooodoo-sync.jar
# Faster start: the jar extracted (classes load from plain jars, not from jars inside a jar) and a
# class-data archive (AppCDS) of the classes a start-up loads, made here by this image's JVM: a
# training run refreshes the application context and exits (-Dspring.context.exit=onRefresh).
# No database is reachable in the build, so the training runs without Flyway and with a Quartz job
# store that needs none (the same arguments as ColdStartBenchmark.TRAINING_ARGUMENTS).
# docs/benchmarks.md, "Cold start".
RUN java -Djarmode=tools -jar /tmp/wooodoo-sync.jar extract --destination /app/service \
 && rm /tmp/wooodoo-sync.jar \
 && java -XX:ArchiveClassesAtExit=/app/service/wooodoo-sync.jsa -Dspring.context.exit=onRefresh \
      -jar /app/service/wooodoo-sync.jar \
      --spring.datasource.url=jdbc:postgresql://127.0.0.1:9/training \
      --spring.flyway.enabled=false --spring.quartz.job-store-type=memory \
      --spring.quartz.properties.org.quartz.jobStore.class=org.quartz.impl.jdbcjobstore.JobStoreTX \
      --spring.quartz.properties.org.quartz.jobStore.dataSource=training \
 && test -s /app/service/wooodoo-sync.jsa
USER wooodoo
# 8080: the API, the console, and the liveness and readiness probes (status only).
# Actuator's management port (8081: health details, metrics, Prometheus) listens on the container's
# loopback only and is not exposed; to scrape it from outside, run with MANAGEMENT_SERVER_ADDRESS=0.0.0.0
# and publish 8081 on a private network only.
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD wget -q -O /dev/null http://localhost:8080/actuator/health/liveness || exit 1
# Before it reports itself ready, the service warms up its sync code on synthetic data
# (wooodoo.warmup in config/application.yaml).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:SharedArchiveFile=/app/service/wooodoo-sync.jsa", \
            "-jar", "/app/service/wooodoo-sync.jar"]
