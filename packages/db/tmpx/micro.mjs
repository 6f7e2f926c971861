import postgres from 'postgres';
import { readFileSync, readdirSync } from 'node:fs';
const url = process.env.DATABASE_URL;
const sql = postgres(url, { max: 16 });
const cpu = (pid) => { const a = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (+a[11] + +a[12]) * 10000; };
const pgcpu = async () => { const [r] = await sql`select pg_backend_pid() p`; const pp = +readFileSync(`/proc/${r.p}/stat`,'utf8').split(') ')[1].split(' ')[1]; let t = cpu(pp); for (const e of readdirSync('/proc')) { if (!/^\d+$/.test(e)) continue; try { const a = readFileSync(`/proc/${e}/stat`,'utf8').split(') ')[1].split(' '); if (+a[1] === pp) t += (+a[9+2] + +a[10+2]) * 10000; } catch {} } return t; };
const selfcpu = () => { const u = process.cpuUsage(); return u.user + u.system; };
async function run(name, fn, n = 20000) {
  const c0 = await pgcpu(), s0 = selfcpu(), t0 = Date.now();
  let i = 0;
  await Promise.all(Array.from({ length: 16 }, async () => { while (i++ < n) await fn(); }));
  const c1 = await pgcpu(), s1 = selfcpu();
  console.log(name.padEnd(30), 'PG µs/op', ((c1 - c0) / n).toFixed(0), ' node µs/op', ((s1 - s0) / n).toFixed(0), ' ops/s', (n / (Date.now() - t0) * 1000).toFixed(0));
}
await sql`select 1`;
for (let k = 0; k < 2; k++) {
await run('select 1 prepared', () => sql`select 1 as x`);
await run('select $1 x2 pipelined', () => Promise.all([sql`select ${1}::int as x`, sql`select ${2}::int as x`]));
await run('begin;select;commit', () => sql.begin(async (t) => { await t`select 1 as x`; }));
await run('simple multi', () => sql.unsafe('begin; select 1; commit'));
}
await sql.end();
