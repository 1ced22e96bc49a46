#!/usr/bin/env bash
# Follow the README section "Beyond one machine" from scratch on one Debian machine (as root): the queue machine's Redis and
# PostgreSQL configured as the README says, two worker "machines" (separate data folders, no shared disk),
# a batch sent from a third folder. $1 = a clean clone where `make setup` (or `make test`) has run.
# Usage: bash evaluation/scaleout_walkthrough.sh "$PWD"
set -euo pipefail
CLONE=$1; W=/tmp/scaleout/run; rm -rf $W; mkdir -p $W; chmod 755 $W
PW=$(head -c 12 /dev/urandom | base64 | tr -dc a-zA-Z0-9)
# 1. the queue machine
command -v redis-server >/dev/null || apt-get install -y -qq redis-server postgresql
cat > $W/redis.conf <<CONF
bind 127.0.0.1
port 6390
requirepass $PW
appendonly yes
appendfsync always
dir $W
daemonize yes
logfile $W/redis.log
CONF
redis-server $W/redis.conf
pg_createcluster 15 scaleout --port 5444 >/dev/null 2>&1 || true
pg_ctlcluster 15 scaleout start
runuser -u postgres -- psql -p 5444 -qc "CREATE USER nlp PASSWORD '$PW'" 
runuser -u postgres -- createdb -p 5444 -O nlp nlp
export NLP_SERVICE_BROKER_URL=redis://:$PW@127.0.0.1:6390/0
export NLP_SERVICE_DATABASE_URL=postgresql+psycopg://nlp:$PW@127.0.0.1:5444/nlp
cd $CLONE
# 2. two worker machines
for m in a b; do NLP_SERVICE_DATA_DIR=$W/maskin-$m nohup .venv/bin/nlp-service worker --concurrency 1 --name maskin-$m > $W/worker-$m.log 2>&1 & done
# 3. a batch from a third machine: 12 corpus applications and the hostile set
mkdir -p $W/innkommet
.venv/bin/python - <<PY
from pathlib import Path
from nlp_service.corpus.hostile import write_hostile_set
from nlp_service.corpus.render import Layout, render_pdf
out = Path("$W/innkommet")
for i, p in enumerate(sorted(Path("corpora/applications").glob("a*-03*.txt"))[:12]):
    out.joinpath(p.stem + ".pdf").write_bytes(render_pdf(p.read_text(), p.stem, Layout(name=("letter", "form", "two_column", "scanned")[i % 4])))
write_hostile_set(out / "rare")
PY
time NLP_SERVICE_DATA_DIR=$W/klient .venv/bin/nlp-service triage $W/innkommet --out $W/triage.xlsx --queue || echo "exit $?"
NLP_SERVICE_DATA_DIR=$W/klient .venv/bin/python - <<PY
import os
from sqlalchemy import create_engine, text
e = create_engine(os.environ["NLP_SERVICE_DATABASE_URL"])
with e.connect() as c:
    print(c.execute(text("select status, coalesce(error_code,'-'), count(*) from batch_items group by 1,2 order by 1,2")).all())
    print("workers:", c.execute(text("select worker, count(*) from batch_items where worker is not null group by 1")).all())
    print("file blobs:", c.execute(text("select count(*) from file_blobs")).scalar())
PY
ls -la $W/triage.xlsx
pkill -TERM -f "nlp-service worker --concurrency 1 --name maskin-" || true
sleep 5
redis-cli -p 6390 -a $PW shutdown 2>/dev/null || true
pg_ctlcluster 15 scaleout stop; pg_dropcluster 15 scaleout
