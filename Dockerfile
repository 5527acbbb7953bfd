# catruc: a static binary on distroless, run as a non-root user.
#
#   docker build --build-arg VERSION=1.4.0 -t catruc:1.4.0 .
#   docker run -p 8080:8080 -v catruc-data:/data catruc:1.4.0
#
# The database (catruc.db) and the key that seals outbound secrets
# (catruc.db.key) live in the volume /data. With PostgreSQL, set
# CATRUC_DB=postgres://… instead (deploy/compose.yaml).
#
# No HEALTHCHECK: distroless has no shell or curl. Let the orchestrator probe
# GET /readyz (readiness: 200 when the database answers, 503 when not) and
# GET /healthz (liveness) over HTTP, as deploy/compose.yaml's proxy and
# Kubernetes' httpGet probes do.

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
ARG COMMIT=unknown
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X main.version=${VERSION} -X main.commit=${COMMIT}" \
      -o /out/catruc ./cmd/catruc \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/catruc /usr/local/bin/catruc
# /data belongs to the nonroot user (65532), so the database and key can be created there.
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
WORKDIR /data
VOLUME /data
ENV CATRUC_ADDR=0.0.0.0:8080 \
    CATRUC_DB=/data/catruc.db \
    CATRUC_LOG_FORMAT=json
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/catruc"]
CMD ["serve"]
