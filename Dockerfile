# backchannel: the explorer and its API, built from source.
#
#   docker build -t backchannel .
#   docker compose up            # with Neo4j; see docs/neo4j.md
#
# Stage 1 bundles the UI (npm ci + esbuild, as `make ui` does), stage 2
# builds the Go binary that embeds it, stage 3 is the small runtime image.
# Untested here: the machine this was written on has no Docker engine.

FROM node:20-bookworm-slim AS ui
WORKDIR /src/ui
COPY ui/package.json ui/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY ui/ ./
RUN npm run build

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=ui /src/ui/dist ./ui/dist
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/backchannel ./cmd/backchannel

FROM debian:bookworm-slim
RUN useradd --system --home /app backchannel
WORKDIR /app
COPY --from=build /out/backchannel /usr/local/bin/backchannel
COPY seeds/ ./seeds/
USER backchannel
EXPOSE 8080
# With NEO4J_URI set (docker compose sets it): validate and load seeds/
# into Neo4j (a no-op when they are already loaded), then serve from
# Neo4j. Without it: serve seeds/ from the embedded store.
# A container listens on 0.0.0.0, so serve needs sign-in: a users file at
# $BACKCHANNEL_USERS (mount it; docs/neo4j.md, "A team server, safely"),
# and the names people reach it by in $BACKCHANNEL_HOSTS (comma-separated).
ENV BACKCHANNEL_DATA=seeds BACKCHANNEL_USERS=/config/users.json BACKCHANNEL_HOSTS=localhost:8080,127.0.0.1:8080
CMD ["sh", "-c", "if [ -n \"$NEO4J_URI\" ]; then backchannel load \"$BACKCHANNEL_DATA\" && exec backchannel serve --addr 0.0.0.0:8080; else exec backchannel serve --data \"$BACKCHANNEL_DATA\" --addr 0.0.0.0:8080; fi"]
