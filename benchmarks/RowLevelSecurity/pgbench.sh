#!/usr/bin/env bash
# The RLS batch shapes at the protocol level (docs/benchmarks.md, issue 15): a 100-row query with the tenant filter
# only, with the setting sent as a DO block, and as SELECT set_config(…), each one pipeline (= one round trip, like
# Npgsql's batches) through pgbench, interleaved ROUNDS times; prints min and median latency per shape. Also the
# server-side EXPLAIN ANALYZE (execution and planning) of the plain and init-plan policy forms. Shapes: q- a 100-row
# query, u- an UPDATE of the tenant's 100 rows (ExecuteUpdate), i- a 100-row INSERT … RETURNING; SHAPES=… picks some.
#
#   source eng/services/postgres.sh   # or ./eng/dev-services.sh && source .services/env.sh
#   ./benchmarks/RowLevelSecurity/pgbench.sh [ROUNDS=8] [SECONDS=2]
set -euo pipefail
: "${TENANCY_TEST_POSTGRES:?start PostgreSQL first: source eng/services/postgres.sh}"
ROUNDS=${1:-8}; SECS=${2:-2}
field() { echo "$TENANCY_TEST_POSTGRES" | tr ';' '\n' | sed -n "s/^$1=//Ip" | head -1; }
BIN=$(dirname "$(command -v psql 2>/dev/null || ls /usr/lib/postgresql/*/bin/psql | sort -V | tail -1)")
HOST=$(field Host); PORT=$(field Port); ADMIN=$(field Username); export PGPASSWORD; PGPASSWORD=$(field Password)
DB=tenancy_rls_pgbench_$$; APP=${DB}_app; WORK=$(mktemp -d)
psql() { "$BIN/psql" -h "$HOST" -p "$PORT" -v ON_ERROR_STOP=1 -q "$@"; }
cleanup() { PGPASSWORD=$(field Password) psql -U "$ADMIN" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "DROP ROLE IF EXISTS $APP" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

psql -U "$ADMIN" -d postgres -c "CREATE ROLE $APP LOGIN PASSWORD 'app'" -c "CREATE DATABASE $DB"
psql -U "$ADMIN" -d "$DB" <<SQL
CREATE TABLE scoped (id serial PRIMARY KEY, "TenantId" text NOT NULL, name text NOT NULL, quantity int NOT NULL);
CREATE INDEX ix_scoped ON scoped ("TenantId");
INSERT INTO scoped ("TenantId", name, quantity) SELECT 't-' || (g % 100), 'item ' || g, g FROM generate_series(1, 10000) g;
CREATE TABLE rls1 (LIKE scoped INCLUDING ALL); INSERT INTO rls1 SELECT * FROM scoped;
CREATE TABLE rls2 (LIKE scoped INCLUDING ALL); INSERT INTO rls2 SELECT * FROM scoped;
ALTER TABLE rls1 ENABLE ROW LEVEL SECURITY; ALTER TABLE rls1 FORCE ROW LEVEL SECURITY;
ALTER TABLE rls2 ENABLE ROW LEVEL SECURITY; ALTER TABLE rls2 FORCE ROW LEVEL SECURITY;
CREATE POLICY p ON rls1 FOR ALL USING ("TenantId" = current_setting('tenancy.tenant_id', true)) WITH CHECK ("TenantId" = current_setting('tenancy.tenant_id', true));
CREATE TABLE rls3 (LIKE scoped INCLUDING ALL); INSERT INTO rls3 SELECT * FROM scoped;
ALTER TABLE rls3 ENABLE ROW LEVEL SECURITY; ALTER TABLE rls3 FORCE ROW LEVEL SECURITY;
CREATE POLICY p ON rls3 FOR ALL USING ("TenantId" = NULLIF(current_setting('tenancy.tenant_id', true), '')::text) WITH CHECK ("TenantId" = NULLIF(current_setting('tenancy.tenant_id', true), '')::text);
CREATE TABLE upd (LIKE scoped INCLUDING ALL); INSERT INTO upd SELECT * FROM scoped;
CREATE TABLE upd_rls (LIKE scoped INCLUDING ALL); INSERT INTO upd_rls SELECT * FROM scoped;
CREATE TABLE ins (LIKE scoped INCLUDING ALL); CREATE TABLE ins_rls (LIKE scoped INCLUDING ALL);
ALTER TABLE upd_rls ENABLE ROW LEVEL SECURITY; ALTER TABLE upd_rls FORCE ROW LEVEL SECURITY;
ALTER TABLE ins_rls ENABLE ROW LEVEL SECURITY; ALTER TABLE ins_rls FORCE ROW LEVEL SECURITY;
CREATE POLICY p ON upd_rls FOR ALL USING ("TenantId" = current_setting('tenancy.tenant_id', true)) WITH CHECK ("TenantId" = current_setting('tenancy.tenant_id', true));
CREATE TABLE upd_rls2 (LIKE scoped INCLUDING ALL); INSERT INTO upd_rls2 SELECT * FROM scoped; CREATE TABLE ins_rls2 (LIKE scoped INCLUDING ALL);
ALTER TABLE upd_rls2 ENABLE ROW LEVEL SECURITY; ALTER TABLE upd_rls2 FORCE ROW LEVEL SECURITY;
ALTER TABLE ins_rls2 ENABLE ROW LEVEL SECURITY; ALTER TABLE ins_rls2 FORCE ROW LEVEL SECURITY;
CREATE POLICY p ON upd_rls2 FOR ALL USING ("TenantId" = (SELECT current_setting('tenancy.tenant_id', true))) WITH CHECK ("TenantId" = (SELECT current_setting('tenancy.tenant_id', true)));
CREATE POLICY p ON ins_rls2 FOR ALL USING ("TenantId" = (SELECT current_setting('tenancy.tenant_id', true))) WITH CHECK ("TenantId" = (SELECT current_setting('tenancy.tenant_id', true)));
CREATE TABLE upd_rls3 (LIKE scoped INCLUDING ALL); INSERT INTO upd_rls3 SELECT * FROM scoped; CREATE TABLE ins_rls3 (LIKE scoped INCLUDING ALL);
ALTER TABLE upd_rls3 ENABLE ROW LEVEL SECURITY; ALTER TABLE upd_rls3 FORCE ROW LEVEL SECURITY;
ALTER TABLE ins_rls3 ENABLE ROW LEVEL SECURITY; ALTER TABLE ins_rls3 FORCE ROW LEVEL SECURITY;
CREATE POLICY p ON upd_rls3 FOR ALL USING ("TenantId" = current_setting('tenancy.tenant_id', true)) WITH CHECK ("TenantId" = (SELECT current_setting('tenancy.tenant_id', true)));
CREATE POLICY p ON ins_rls3 FOR ALL USING ("TenantId" = current_setting('tenancy.tenant_id', true)) WITH CHECK ("TenantId" = (SELECT current_setting('tenancy.tenant_id', true)));
CREATE POLICY p ON ins_rls FOR ALL USING ("TenantId" = current_setting('tenancy.tenant_id', true)) WITH CHECK ("TenantId" = current_setting('tenancy.tenant_id', true));
CREATE POLICY p ON rls2 FOR ALL USING ("TenantId" = (SELECT current_setting('tenancy.tenant_id', true))) WITH CHECK ("TenantId" = (SELECT current_setting('tenancy.tenant_id', true)));
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO $APP; GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO $APP;
ANALYZE;
SQL

Q="SELECT id, \"TenantId\", name, quantity FROM"; W="WHERE \"TenantId\" = 't-7';"
SETSEL="/* tenancy */ SELECT set_config('tenancy.tenant_id', 't-7', true);"
SETDO="DO \$tenancy\$BEGIN PERFORM set_config('tenancy.tenant_id', 't-7', true); END\$tenancy\$;"
SETZERO="/* tenancy */ SELECT FROM set_config('tenancy.tenant_id', 't-7', true) s WHERE s IS NULL;"
SETWHERE="/* tenancy */ SELECT WHERE set_config('tenancy.tenant_id', 't-7', true) IS NULL;"
VALUES=$(python3 -c "print(', '.join(f\"('t-7', 'new', {i})\" for i in range(100)))")
# shape <name> <statement>...: one pipeline (= one round trip) per transaction of the pgbench script
shape() { local n=$1; shift; { echo '\startpipeline'; printf '%s\n' "$@"; echo '\endpipeline'; } >"$WORK/$n.sql"; }
shape q-filter-only "$Q scoped $W"
shape q-do+rls "$SETDO" "$Q rls1 $W"
shape q-select+rls "$SETSEL" "$Q rls1 $W"
shape q-select+rls-initplan "$SETSEL" "$Q rls2 $W"
shape q-select+rls-cast "$SETSEL" "$Q rls3 $W"
shape q-select+rls-nofilter "$SETSEL" "$Q rls1;"
shape u-filter-only "UPDATE upd SET quantity = quantity + 1 $W"
shape u-do+rls "$SETDO" "UPDATE upd_rls SET quantity = quantity + 1 $W"
shape u-zero-row-select+rls "$SETZERO" "UPDATE upd_rls SET quantity = quantity + 1 $W"
shape u-zero-row-select+rls-initplan "$SETZERO" "UPDATE upd_rls2 SET quantity = quantity + 1 $W"
shape u-zero-row-select+rls-check-initplan "$SETZERO" "UPDATE upd_rls3 SET quantity = quantity + 1 $W"
shape i-select+rls-check-initplan "$SETSEL" "INSERT INTO ins_rls3 (\"TenantId\", name, quantity) VALUES $VALUES RETURNING id;"
shape u-where-select+rls "$SETWHERE" "UPDATE upd_rls SET quantity = quantity + 1 $W"
shape u-select+rls "$SETSEL" "UPDATE upd_rls SET quantity = quantity + 1 $W"
shape i-select+rls-initplan "$SETSEL" "INSERT INTO ins_rls2 (\"TenantId\", name, quantity) VALUES $VALUES RETURNING id;"
shape i-filter-only "INSERT INTO ins (\"TenantId\", name, quantity) VALUES $VALUES RETURNING id;"
shape i-select+rls "$SETSEL" "INSERT INTO ins_rls (\"TenantId\", name, quantity) VALUES $VALUES RETURNING id;"
# <shape>@<pgbench protocol>: extended = Npgsql's default (Parse/Bind/Execute each time), prepared = auto-prepare
SHAPES=${SHAPES:-q-filter-only@extended q-do+rls@extended q-select+rls@extended q-select+rls-initplan@extended
  q-select+rls-cast@extended q-select+rls-nofilter@extended
  q-filter-only@prepared q-select+rls@prepared q-select+rls-initplan@prepared q-select+rls-nofilter@prepared
  u-filter-only@extended u-do+rls@extended u-zero-row-select+rls@extended u-zero-row-select+rls-initplan@extended
  u-zero-row-select+rls-check-initplan@extended
  u-filter-only@prepared u-zero-row-select+rls@prepared u-zero-row-select+rls-check-initplan@prepared
  i-filter-only@extended i-select+rls@extended i-select+rls-check-initplan@extended
  i-filter-only@prepared i-select+rls@prepared i-select+rls-check-initplan@prepared}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$ROUNDS"); do
  for s in $SHAPES; do
    # Updates leave dead rows behind: every shape starts from vacuumed tables, or the later ones pay for the earlier ones.
    case $s in u-*) psql -U "$ADMIN" -d "$DB" -c "VACUUM" >/dev/null ;; esac
    l=$(PGPASSWORD=app "$BIN/pgbench" -h "$HOST" -p "$PORT" -U "$APP" -n -M "${s#*@}" -c 1 -T "$SECS" -f "$WORK/${s%@*}.sql" "$DB" 2>&1 | awk '/latency average/ {print $4}')
    echo "$s $l"
  done
done | SHAPES="$SHAPES" python3 -c '
import os, sys, statistics, collections
d = collections.defaultdict(list)
for line in sys.stdin:
    k, v = line.split(); d[k].append(float(v) * 1000)
print("| Batch (one round trip) | protocol | min | median | median vs filter only |"); print("| --- | --- | ---: | ---: | ---: |")
for k in os.environ["SHAPES"].split():
    n, m = k.split("@"); base = d.get(n[:2] + "filter-only@" + m)
    r = f"{statistics.median(d[k]) / statistics.median(base):.3f}" if base else ""
    print(f"| {n} | {m} | {min(d[k]):.0f} µs | {statistics.median(d[k]):.0f} µs | {r} |")'

echo; echo "Server-side execution and planning of the query (EXPLAIN ANALYZE, 40 times each, min / median ms):"
{ echo "BEGIN; SELECT set_config('tenancy.tenant_id','t-7',true);"
  for _ in $(seq 40); do for t in scoped rls1 rls2; do echo "EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, COSTS OFF) $Q $t $W"; done; done
  echo "COMMIT;"; } >"$WORK/explain.sql"
PGPASSWORD=app psql -U "$APP" -d "$DB" -f "$WORK/explain.sql" | python3 -c '
import sys, re, statistics
out = sys.stdin.read()
ex = [float(m.group(1)) for m in re.finditer(r"Execution Time: ([\d.]+)", out)]
pl = [float(m.group(1)) for m in re.finditer(r"Planning Time: ([\d.]+)", out)]
for i, t in enumerate(["filter only", "policy current_setting(...)", "policy (SELECT current_setting(...))"]):
    v = ex[i::3]; p = pl[i::3]
    print(f"- {t}: execution {min(v):.3f} / {statistics.median(v):.3f}, planning {min(p):.3f} / {statistics.median(p):.3f}")'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
