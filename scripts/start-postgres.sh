#!/usr/bin/env bash
# Start Debian's PostgreSQL cluster (if needed) with a test role, and print its URL. Needs root or sudo.
set -euo pipefail
SUDO=""
AS_POSTGRES="runuser -u postgres --"
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; AS_POSTGRES="sudo -n -u postgres"; fi
command -v pg_lsclusters >/dev/null || exit 1
line=$(pg_lsclusters --no-header | head -n 1)
if [ -z "$line" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  $SUDO pg_createcluster "$version" main >/dev/null
  line=$(pg_lsclusters --no-header | head -n 1)
fi
read -r version cluster port status _ <<<"$line"
if [ "$status" != "online" ]; then
  $SUDO pg_ctlcluster "$version" "$cluster" start >&2
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
$AS_POSTGRES psql -q -p "$port" -v ON_ERROR_STOP=1 >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'repdesk') THEN
    CREATE ROLE repdesk LOGIN CREATEDB PASSWORD 'repdesk';
  END IF;
END \$\$;
-- The tests drop their databases WITH (FORCE); that must be able to end any session still attached to one
-- (seen once: a drop refused at teardown because a session of another role was attached).
GRANT pg_signal_backend TO repdesk;
SQL
echo "postgresql://repdesk:repdesk@127.0.0.1:${port}/postgres"
