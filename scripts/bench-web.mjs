#!/usr/bin/env node
// `make bench-web`: benchmarks of the BUILT release site in Debian's headless Chromium
// (playwright-core), plus the same world run natively. Prints one line per measurement
// with its goal (PASS/MISS); it is a benchmark, not a test: a MISS does not fail it, but
// a measurement that cannot be taken (page panicked, timeout, wrong state) is an ERROR
// and the script exits 1. Not part of `make test`.
//
//   frame time p50 / p95 / max over 10 s at 1×  (a) order-confirmation, (b) busy world:
//     10 producers × 10 msg/s, 10 consumers, 5 servers            goal p95 < 12 ms
//   DOM element count with 100,000 messages queued               goal < 3,000
//   jump ahead 1 h, world of benches/world.rs (~360,000 messages), in the page and
//     natively (target/release/sqs-world): wall, ratio wasm/native goal < 3 s, ≤ 2×
//   step back at t = 1 h                                         goal < 300 ms
//   wasm size raw and gzipped; whole app gzipped                 goal ≤ 350 KB gzipped
//
// The page is opened with `?bench=1`, which installs `window.sqsBench` (src/ui/bench.rs):
// loadScenario / play / pause / jump / stepBack / state / runWorld. Frame times come from
// a probe installed here before the app starts: it wraps requestAnimationFrame and, for
// each frame, measures from the first rAF callback to a MessageChannel message posted
// from it, which runs after the frame's callbacks, Yew's render (a microtask), style,
// layout and paint — the main-thread time of the frame. Long tasks are observed too.
//
// Env: BENCH_DIST (default target/bench-web/dist), BENCH_PREFIX (/sqs-playground/),
//      BENCH_NATIVE (target/release/sqs-world), CHROMIUM (/usr/bin/chromium),
//      BENCH_SECONDS (10), BENCH_RUNS (2: best of N for the jump, native and wasm).
// KB = 1,000 bytes; gzip is node's zlib at its default level (6).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'target', 'bench-web');
const DIST = path.resolve(ROOT, process.env.BENCH_DIST ?? 'target/bench-web/dist');
const PREFIX = process.env.BENCH_PREFIX ?? '/sqs-playground/';
const NATIVE = path.resolve(ROOT, process.env.BENCH_NATIVE ?? 'target/release/sqs-world');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 2));
// BENCH_ONLY=frames,dom (any of size, native, frames, dom, jump) runs only those parts.
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').map((x) => x.trim()).filter(Boolean);
const wanted = (part) => ONLY.length === 0 || ONLY.includes(part);
const HOUR_MS = 3_600_000;
const QUEUED = 100_000;

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml',
};

// ---------- output ----------

const results = [];
function report(name, text, pass) {
  const verdict = pass === undefined ? '' : pass ? ': PASS' : ': MISS';
  const line = pass === undefined ? `${name}: ${text}` : `${name}: ${text}${verdict})`;
  results.push({ name, line, status: pass === undefined ? 'INFO' : pass ? 'PASS' : 'MISS' });
  console.log(line);
}
function reportError(name, err) {
  const line = `${name}: ERROR ${err?.message ?? err}`;
  results.push({ name, line, status: 'ERROR' });
  console.log(line);
}
const ms = (x) => `${x.toFixed(1)} ms`;
const s = (x) => `${(x / 1000).toFixed(2)} s`;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const count = (n) => n.toLocaleString('en-US');

function withTimeout(promise, timeoutMs, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s: ${what}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

// ---------- scenarios (generated; the same shapes as benches/world.rs) ----------

/** benches/world.rs's world: 10 producers × `rate` msg/s, 10 long-polling consumers. */
function worldScenario(id, servers, rate) {
  const producers = [];
  const consumers = [];
  for (let i = 0; i < 10; i++) {
    producers.push({ id: `p${i}`, queue: 'bench', rate_per_s: rate, body_template: 'order {seq} from {producer}' });
    consumers.push({ id: `c${i}`, queue: 'bench', wait_time_s: 20, batch_size: 10, processing: { type: 'fixed', ms: 2 } });
  }
  return { version: 1, id, seed: 42, servers, queues: [{ name: 'bench' }], producers, consumers };
}

/** One producer fills a queue nobody reads: QUEUED messages after QUEUED / 1000 s. */
const backlogScenario = {
  version: 1, id: 'bench-backlog', seed: 1, servers: 1, queues: [{ name: 'backlog' }],
  producers: [{ id: 'filler', queue: 'backlog', rate_per_s: 1000, batch_size: 10, max_messages: QUEUED }],
};

// ---------- the static server (as tests/e2e/site.test.mjs) ----------

/** Serves DIST only under PREFIX; anything else is a 404. */
function startServer() {
  return new Promise((resolve, reject) => {
    const srv = http.createServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      if (!url.pathname.startsWith(PREFIX)) { res.writeHead(404); res.end('outside prefix'); return; }
      const rel = decodeURIComponent(url.pathname.slice(PREFIX.length)) || 'index.html';
      const file = path.join(DIST, rel);
      if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        res.writeHead(404); res.end('not found'); return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
    });
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

// ---------- the page ----------

/** Installed before any page script: per-frame main-thread time and long tasks. */
function frameProbe() {
  const raf = window.requestAnimationFrame.bind(window);
  const st = { recording: false, frames: [], deltas: [], longTasks: [], lastTs: -1, start: 0, pending: false };
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    st.pending = false;
    if (st.recording) st.frames.push(performance.now() - st.start);
  };
  window.requestAnimationFrame = (cb) => raf((ts) => {
    if (ts !== st.lastTs) {
      if (st.recording && st.lastTs >= 0) st.deltas.push(ts - st.lastTs);
      st.lastTs = ts;
      st.start = performance.now();
      if (!st.pending) { st.pending = true; channel.port2.postMessage(0); }
    }
    cb(ts);
  });
  try {
    new PerformanceObserver((list) => {
      if (st.recording) for (const e of list.getEntries()) st.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  } catch { /* no long-task timing in this browser: frames only */ }
  window.__benchFrames = {
    start() { st.frames = []; st.deltas = []; st.longTasks = []; st.lastTs = -1; st.recording = true; },
    stop() { st.recording = false; return { frames: st.frames.slice(), deltas: st.deltas.slice(), longTasks: st.longTasks.slice() }; },
  };
}

async function openBenchPage(browser, baseUrl) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  try {
    await page.addInitScript(frameProbe);
    await page.goto(`${baseUrl}${PREFIX}?bench=1`);
    await withTimeout(
      page.waitForFunction(
        () => document.getElementById('error-banner') || (window.sqsBench && window.sqsBench.ready()),
        null, { timeout: 30_000, polling: 50 }),
      35_000, 'the app to mount with the bench hook (window.sqsBench.ready())')
      .catch(async (e) => {
        const hook = await page.evaluate(() => typeof window.sqsBench).catch(() => 'unknown');
        throw new Error(`the app did not mount with the bench hook (sqsBench.ready()) within 30 s ` +
          `[${e.message.split('\n')[0]}]; typeof window.sqsBench = ${hook}` +
          (hook === 'undefined' ? ' (is this a build with src/ui/bench.rs and ?bench=1 handled in start()?)' : '') +
          (errors.length ? `; page errors: ${errors.join(' | ')}` : ''));
      });
    await assertAlive(page, errors);
  } catch (e) {
    await page.close().catch(() => {});
    throw e;
  }
  return { page, errors };
}

/** Fails with the banner's text when the app panicked. */
async function assertAlive(page, errors) {
  const banner = await page.$('#error-banner');
  if (banner) {
    const text = (await banner.innerText())?.replace(/\s+/g, " ").trim();
    throw new Error(`the page panicked: ${text}${errors.length ? ` (console: ${errors.join(' | ')})` : ''}`);
  }
}

/** Calls sqsBench.<fn>(...args) in the page, with a timeout. */
async function bench(page, fn, args, timeoutMs, what) {
  return withTimeout(
    page.evaluate(([fn, args]) => window.sqsBench[fn](...args), [fn, args]),
    timeoutMs, what ?? `sqsBench.${fn}`);
}

const nextFrames = (page, n) => page.evaluate((n) => new Promise((resolve) => {
  const step = (k) => (k === 0 ? resolve() : requestAnimationFrame(() => step(k - 1)));
  step(n);
}), n);

// ---------- measurements ----------

function measureSize() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`no built site at ${DIST}: run \`make bench-web\` (it builds with trunk build --release --public-url ${PREFIX} --dist ${DIST})`);
  }
  const files = fs.readdirSync(DIST).filter((f) => /\.(wasm|js|css|html)$/.test(f));
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  if (wasm.length !== 1) throw new Error(`expected one .wasm in ${DIST}, found ${wasm.length}`);
  const sizeOf = (f) => {
    const buf = fs.readFileSync(path.join(DIST, f));
    return { raw: buf.length, gz: zlib.gzipSync(buf).length };
  };
  const w = sizeOf(wasm[0]);
  const app = files.map(sizeOf).reduce((a, b) => ({ raw: a.raw + b.raw, gz: a.gz + b.gz }), { raw: 0, gz: 0 });
  report('wasm size',
    `${kb(w.raw)} raw, ${kb(w.gz)} gzipped (${wasm[0]}); whole app (${files.length} files: html, js, wasm, css) ` +
    `${kb(app.raw)} raw, ${kb(app.gz)} gzipped (goal ≤ 350 KB gzipped`, app.gz <= 350_000);
}

/** Runs target/release/sqs-world on the scenario for 1 h; returns { wallMs, summary }. */
function runNative(file) {
  if (!fs.existsSync(NATIVE)) {
    throw new Error(`no native binary at ${NATIVE}: run \`cargo build --release --bin sqs-world\` (make bench-web does)`);
  }
  const t0 = performance.now();
  const r = spawnSync(NATIVE, ['run', file, '--for', '1h'], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000 });
  const wallMs = performance.now() - t0;
  if (r.error) throw new Error(`${NATIVE}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${NATIVE} exited ${r.status}: ${r.stderr.trim()}`);
  return { wallMs, summary: JSON.parse(r.stdout) };
}

async function measureFrames(browser, baseUrl, label, scenarioJson) {
  const { page, errors } = await openBenchPage(browser, baseUrl);
  try {
    await bench(page, 'loadScenario', [scenarioJson], 30_000);
    await nextFrames(page, 10); // the first full render of the new world is not part of playing
    await page.evaluate(() => window.__benchFrames.start());
    await bench(page, 'play', [1], 5_000);
    await page.waitForTimeout(SECONDS * 1000); // the measured interval itself, not a proof
    await bench(page, 'pause', [], 5_000);
    const rec = await page.evaluate(() => window.__benchFrames.stop());
    const st = await bench(page, 'state', [], 10_000);
    await assertAlive(page, errors);
    if (rec.frames.length < SECONDS * 5) {
      throw new Error(`only ${rec.frames.length} frames in ${SECONDS} s: is the page throttled or blocked?`);
    }
    const sorted = rec.frames.slice().sort((a, b) => a - b);
    const [p50, p95] = [percentile(sorted, 50), percentile(sorted, 95)];
    const max = Math.max(sorted[sorted.length - 1], ...rec.longTasks, 0);
    const fps = rec.deltas.length ? 1000 / (rec.deltas.reduce((a, b) => a + b, 0) / rec.deltas.length) : NaN;
    const virt = (st.nowMs - st.startMs) / 1000;
    if (virt < SECONDS / 2) throw new Error(`the world advanced only ${virt} s of virtual time in ${SECONDS} s at 1×`);
    report(`frame time ${label}`,
      `p50 ${ms(p50)}, p95 ${ms(p95)}, max ${ms(max)} over ${rec.frames.length} frames ` +
      `(${fps.toFixed(0)} fps, ${rec.longTasks.length} long tasks; ${virt.toFixed(1)} s virtual in ${SECONDS} s) ` +
      `(goal p95 < 12 ms`, p95 < 12);
  } finally {
    await page.close();
  }
}

async function measureDom(browser, baseUrl) {
  const { page, errors } = await openBenchPage(browser, baseUrl);
  try {
    await bench(page, 'loadScenario', [JSON.stringify(backlogScenario)], 30_000);
    const fillMs = Math.ceil(QUEUED / 1000) * 1000 + 10_000;
    await bench(page, 'jump', [fillMs], 120_000, `jumping ${fillMs / 1000} s to queue ${count(QUEUED)} messages`);
    const st = await bench(page, 'state', [], 30_000);
    const q = st.queues.backlog;
    if (!q || q.visible !== QUEUED) {
      throw new Error(`expected ${count(QUEUED)} visible messages after the jump, the world has ${q ? count(q.visible) : 'no backlog queue'}`);
    }
    // Wait until the app has drawn the new world: the element count stops changing.
    let last = -1;
    let n = 0;
    for (let stable = 0, tries = 0; stable < 3; tries++) {
      if (tries > 200) throw new Error('the DOM did not settle within 200 frames');
      await nextFrames(page, 1);
      n = await page.evaluate(() => document.getElementsByTagName('*').length);
      stable = n === last ? stable + 1 : 0;
      last = n;
    }
    await assertAlive(page, errors);
    await page.screenshot({ path: path.join(OUT, 'backlog.png'), fullPage: true });
    report('DOM elements', `${count(n)} with ${count(q.visible)} messages queued (goal < 3,000`, n < 3000);
  } finally {
    await page.close();
  }
}

async function measureJump(browser, baseUrl, scenarioJson, native) {
  const { page, errors } = await openBenchPage(browser, baseUrl);
  try {
    const jumps = [];
    const backs = [];
    const worlds = [];
    let state;
    for (let i = 0; i < RUNS; i++) {
      await bench(page, 'loadScenario', [scenarioJson], 30_000);
      const t0 = performance.now();
      jumps.push(await bench(page, 'jump', [HOUR_MS], 180_000, 'jump ahead 1 h'));
      const roundTrip = performance.now() - t0;
      const st = await bench(page, 'state', [], 30_000);
      if (st.nowMs - st.startMs !== HOUR_MS) throw new Error(`after the jump the clock is at ${st.nowMs - st.startMs} ms, not 1 h`);
      state = st;
      if (i === 0) console.log(`  (first jump: ${s(jumps[0])} stepping, ${s(roundTrip)} round trip with the frame rebuild)`);
      backs.push(await bench(page, 'stepBack', [], 60_000, 'step back at t = 1 h'));
      await assertAlive(page, errors);
    }
    let worldHash = '';
    for (let i = 0; i < RUNS; i++) {
      const r = await bench(page, 'runWorld', [scenarioJson, HOUR_MS], 180_000, 'runWorld 1 h');
      worlds.push(r.wallMs);
      worldHash = r.state.eventLogHash;
    }
    await assertAlive(page, errors);
    const best = Math.min(...jumps);
    const sent = state.queues.bench?.sent ?? 0;
    const all = (xs) => (RUNS > 1 ? ` (best of ${RUNS}: ${xs.map((x) => s(x)).join(', ')})` : '');
    report('jump ahead 1 h in the page', `${s(best)} wall, ${count(sent)} messages${all(jumps)} (goal < 3 s`, best < 3000);
    const nativeBest = Math.min(...native.map((n) => n.wallMs));
    const ratio = best / nativeBest;
    report('jump ahead 1 h wasm/native',
      `${ratio.toFixed(2)}× (page ${s(best)} / native sqs-world ${s(nativeBest)}${RUNS > 1 ? `, native best of ${RUNS}` : ''}) (goal ≤ 2×`,
      ratio <= 2);
    const nativeHash = native[0].summary.event_log_hash;
    const same = state.eventLogHash === nativeHash;
    report('same run in the page and natively',
      same ? `yes, event-log hash ${nativeHash.slice(0, 16)}…`
        : `NO: page hash ${state.eventLogHash.slice(0, 16)}… (${count(sent)} sent), native ${nativeHash.slice(0, 16)}… (${count(native[0].summary.queues.bench?.sent ?? 0)} sent)`);
    const worldBest = Math.min(...worlds);
    report('  of which the World alone in wasm (no timeline, no UI)',
      `${s(worldBest)}, ${(worldBest / nativeBest).toFixed(2)}× native` +
      `${worldHash === native[0].summary.event_log_hash ? ', same event-log hash' : ', DIFFERENT event-log hash'}`);
    const back = Math.min(...backs);
    report('step back at t = 1 h', `${ms(back)}${RUNS > 1 ? ` (best of ${RUNS}: ${backs.map(ms).join(', ')})` : ''} (goal < 300 ms`, back < 300);
  } finally {
    await page.close();
  }
}

// ---------- main ----------

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const jumpScenario = worldScenario('bench', 1, 10);
  const jumpFile = path.join(OUT, 'world-1h.json');
  fs.writeFileSync(jumpFile, JSON.stringify(jumpScenario, null, 1));
  const jumpJson = JSON.stringify(jumpScenario);
  const busyJson = JSON.stringify(worldScenario('bench-busy', 5, 10));

  if (wanted('size')) {
    try { measureSize(); } catch (e) { reportError('wasm size', e); }
  }

  let native = null;
  if (wanted('native') || wanted('jump')) try {
    native = [];
    for (let i = 0; i < RUNS; i++) native.push(runNative(jumpFile));
    console.log(`  (native sqs-world, 1 h of ${path.relative(ROOT, jumpFile)}: ${native.map((n) => s(n.wallMs)).join(', ')})`);
  } catch (e) {
    native = null;
    reportError('native 1 h run', e);
  }

  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    reportError('page', new Error(`no built site at ${DIST}`));
    return finish();
  }
  if (!fs.existsSync(CHROMIUM)) {
    reportError('page', new Error(`no Chromium at ${CHROMIUM} (scripts/setup.sh installs Debian's chromium; or set CHROMIUM)`));
    return finish();
  }
  const order = fs.readFileSync(path.join(DIST, 'scenarios', 'order-confirmation.json'), 'utf8');
  const server = await startServer();
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const steps = [
      ['frames', 'frame time order-confirmation', () => measureFrames(browser, baseUrl, 'order-confirmation', order)],
      ['frames', 'frame time busy world', () => measureFrames(browser, baseUrl, 'busy world (10 producers × 10 msg/s, 10 consumers, 5 servers)', busyJson)],
      ['dom', 'DOM elements', () => measureDom(browser, baseUrl)],
      ['jump', 'jump ahead 1 h', () => {
        if (!native) throw new Error('skipped: the native run failed, so there is nothing to compare with');
        return measureJump(browser, baseUrl, jumpJson, native);
      }],
    ];
    for (const [part, name, run] of steps) {
      if (!wanted(part)) continue;
      try { await withTimeout(run(), 600_000, name); } catch (e) { reportError(name, e); }
    }
  } finally {
    await withTimeout(browser.close(), 20_000, 'closing Chromium').catch((e) => console.error(e.message));
    server.close();
  }
  return finish();
}

function finish() {
  const by = (st) => results.filter((r) => r.status === st).length;
  console.log(`\nbench-web: ${by('PASS')} PASS, ${by('MISS')} MISS, ${by('ERROR')} ERROR` +
    ` (goals are targets, not tests; errors mean a measurement could not be taken)`);
  fs.writeFileSync(path.join(OUT, 'results.txt'), results.map((r) => r.line).join('\n') + '\n');
  process.exitCode = by('ERROR') > 0 ? 1 : 0;
}

main().catch((e) => { console.error(`bench-web: ${e.stack ?? e}`); process.exitCode = 1; });
