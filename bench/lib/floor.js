'use strict';
// The floor: the same data straight from the unix socket with node's http module and JSON.parse, nothing else.
// Uses http.globalAgent (keep-alive in Node ≥ 19), as dockerode does for unix sockets.

const http = require('http');
const { pool } = require('./util');

function rawGet(socketPath, path) {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path, method: 'GET' }, res => {
      const chunks = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode !== 200) return reject(new Error(`GET ${path} → ${res.statusCode}: ${body.toString('utf8').slice(0, 200)}`));
        try {
          resolve({ json: JSON.parse(body.toString('utf8')), bytes: body.length });
        } catch (e) {
          reject(e);
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const USER = name => !['bridge', 'host', 'none'].includes(name);

/** Warm floor: the two lists, in parallel. Returns {networks, containers, calls, bytes}. */
async function warmFloor(socketPath, api) {
  const [n, c] = await Promise.all([rawGet(socketPath, `/v${api}/networks`), rawGet(socketPath, `/v${api}/containers/json?all=1`)]);
  return { networks: n.json, containers: c.json, calls: 2, bytes: n.bytes + c.bytes };
}

/** Cold floor: the two lists, then inspect of each container on a user network (pool of `concurrency`). */
async function coldFloor(socketPath, api, concurrency = 8) {
  const warm = await warmFloor(socketPath, api);
  const wanted = warm.containers.filter(c => Object.keys(c.NetworkSettings?.Networks ?? {}).some(USER));
  let bytes = warm.bytes;
  await pool(wanted, concurrency, async c => {
    bytes += (await rawGet(socketPath, `/v${api}/containers/${c.Id}/json`)).bytes;
  });
  return { ...warm, calls: 2 + wanted.length, bytes };
}

module.exports = { rawGet, warmFloor, coldFloor };

/** The raw body text of a GET, for timing JSON.parse on its own. */
function rawText(socketPath, path) {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path, method: 'GET' }, res => {
      const chunks = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

module.exports.rawText = rawText;
