#!/usr/bin/env node
// bench/jobs_queue/produce_http.js: the trickle producer of playclockd's
// side of bench/jobs_queue/run.sh. POSTs N no-op jobs to /api/jobs at R per
// second, one after the other on one keep-alive connection, and prints one
// JSON line: how many were accepted (202), how long it took, how late the
// producer fell behind its schedule at worst.
//
//   node produce_http.js --url http://127.0.0.1:PORT/api/jobs --token T --n N --rate R
//
// The latencies themselves come from the jobs table (started_at - created_at),
// read by run.sh once every job has finished. Bounded: a request that takes
// over 10 s fails the run.
"use strict";

const http = require("http");
const { performance } = require("perf_hooks");

function args() {
  const out = {};
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i += 2) out[a[i].replace(/^--/, "")] = a[i + 1];
  return out;
}

const o = args();
if (!o.url || !o.token || !o.n || !o.rate) {
  console.error("usage: node produce_http.js --url URL --token T --n N --rate R");
  process.exit(2);
}
const n = Number(o.n);
const rate = Number(o.rate);
const url = new URL(o.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const body = JSON.stringify({ type: "noop", params: {} });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function post() {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        agent,
        timeout: 10000,
        headers: {
          Authorization: `Bearer ${o.token}`,
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode));
      },
    );
    req.on("timeout", () => req.destroy(new Error("request timed out")));
    req.on("error", reject);
    req.end(body);
  });
}

(async () => {
  const t0 = performance.now();
  let accepted = 0;
  let other = 0;
  let lateMax = 0;
  for (let i = 0; i < n; i++) {
    const wait = t0 + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    else lateMax = Math.max(lateMax, -wait);
    if ((await post()) === 202) accepted++;
    else other++;
  }
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  console.log(JSON.stringify({ accepted, other, produce_s: seconds, producer_late_max_ms: lateMax }));
  process.exit(other === 0 ? 0 : 1);
})().catch((e) => {
  console.error(`produce_http.js: ${e.stack || e}`);
  process.exit(1);
});
