# The API with the SPA, for production-like runs (docker compose up).
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN bash .ci/install-tools && cargo run -p xtask -- spa && cargo build --release -p ocop-api

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/release/ocop /usr/local/bin/ocop
COPY --from=build /src/frontend/dist /app/frontend/dist
ENV OCOP_HOST=0.0.0.0 OCOP_PORT=8080 OCOP_SPA_DIR=/app/frontend/dist OCOP_UPLOAD_DIR=/data/uploads
EXPOSE 8080
CMD ["ocop", "serve"]
