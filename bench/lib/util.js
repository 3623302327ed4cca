'use strict';
// Small helpers shared by the benchmark: timing, statistics, a bounded-concurrency pool.

const { performance } = require('perf_hooks');

const now = () => performance.now();
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Nearest-rank percentile (p in 0..100) of a list of numbers. */
function percentile(values, p) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

function median(values) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** {n, median, p95, min, max, samples} with values rounded to 0.1 ms. */
function summarize(values) {
  const r = x => Math.round(x * 10) / 10;
  return {
    n: values.length,
    median: r(median(values)),
    p95: r(percentile(values, 95)),
    min: r(Math.min(...values)),
    max: r(Math.max(...values)),
    samples: values.map(r),
  };
}

/** Runs fn over items with at most `concurrency` in flight (a real pool, not batches). */
async function pool(items, concurrency, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** Resolves when probe() returns a truthy value; rejects after timeoutMs. */
async function waitFor(probe, what, timeoutMs = 60000, stepMs = 10) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(stepMs);
  }
}

const fmtMs = x => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) : '–');

module.exports = { now, sleep, percentile, median, summarize, pool, waitFor, fmtMs };
