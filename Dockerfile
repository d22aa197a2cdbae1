# syntax=docker/dockerfile:1
# Build: docker build -t unionnews .
# Run:   docker run --rm -v unionnews-data:/data unionnews crawl -data /data
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
# go.mod replaces go-dateparser with the fork in cleaner/generic/third_party/ (see its README).
COPY cleaner/generic/third_party ./cleaner/generic/third_party
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/unionnews ./cmd/unionnews

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin unionnews \
 && mkdir -p /data && chown unionnews /data
COPY --from=build /out/unionnews /usr/local/bin/unionnews
ENV TZ=Asia/Ho_Chi_Minh
USER unionnews
WORKDIR /data
VOLUME /data
# serve: docker run -p 127.0.0.1:8080:8080 … unionnews serve -data /data -addr 0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["unionnews"]
CMD ["help"]
