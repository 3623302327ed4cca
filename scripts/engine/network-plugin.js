'use strict';
// A test network plugin: one legacy (socket) plugin that is both a libnetwork remote network driver and a remote IPAM
// driver, so tests and UI rounds can create networks whose driver and addresses really come from a plugin.
//
// dockerd finds legacy plugins by name: a unix socket /run/docker/plugins/<name>.sock (fixed path, whatever the
// engine's --exec-root; docs/engine-behaviour.md "Network plugins"). It activates the plugin on first use with
// POST /Plugin.Activate and then calls /NetworkDriver.* and /IpamDriver.* with JSON bodies (libnetwork's
// docs/remote.md and docs/ipam.md). Join creates a real veth pair in the network namespace dockerd runs in; libnetwork
// moves one end into the container and names it after DstPrefix (eth1, eth2, …).
//
// Module:  start({log, name, socketDir, netns, subnet}) -> Promise<{name, socketPath, subnet, calls, methods(),
//                                                                   endpoint(id), stop()}>
//            name: defaults to dn-test-net-<pid> (then -2, -3, … within one process); netns: the `ip netns` name
//            dockerd runs in (omit for the host's); subnet: the IPv4 pool handed out to the first network that asks
//            for none (default: a free 10.216.X.0/24; later ones get the /24s after it). calls: every request
//            received, {method, body}, in order.
//            stop() closes the socket, removes it and deletes the veths still up; also done on process exit.
// CLI:     node scripts/engine/network-plugin.js start [--netns NS] [--name NAME]
//            prints one JSON line {"name","socketPath","subnet"} on stdout, logs calls on stderr, runs until SIGTERM.

const fs = require('fs');
const http = require('http');
const path = require('path');
const { execFileSync } = require('child_process');

const PLUGIN_SOCKET_DIR = '/run/docker/plugins';
const CONTENT_TYPE = 'application/vnd.docker.plugins.v1.2+json';
const GATEWAY_REQUEST = 'com.docker.network.gateway';
const SYS_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const ENV = { ...process.env, PATH: `${process.env.PATH || ''}:${SYS_PATH}` };

// ---------- IPv4 arithmetic (pools are small IPv4 CIDRs) ----------
const toInt = address => address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
const toAddress = n => [24, 16, 8, 0].map(shift => Math.floor(n / 2 ** shift) % 256).join('.');
function parseCidr(cidr) {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(cidr || '');
  if (!match) throw new Error(`not an IPv4 CIDR: ${cidr}`);
  const prefix = Number(match[2]);
  const size = 2 ** (32 - prefix);
  const base = Math.floor(toInt(match[1]) / size) * size;
  return { base, size, prefix, cidr: `${toAddress(base)}/${prefix}` };
}

/** A 10.216.X.0/24 no host route or address overlaps (10.213/16 and 10.214/16 are the test engines', 10.215/16 their selftest's). */
function pickFreeSubnet() {
  const { isFreeOnHost, hostIPv4Blocks } = require('./private-engine');
  const used = hostIPv4Blocks();
  for (let i = 0; i < 254; i++) {
    const x = ((process.pid + i * 11) % 254) + 1;
    if (isFreeOnHost(`10.216.${x}.0/24`, used)) return `10.216.${x}.0/24`;
  }
  throw new Error('network plugin: no free /24 in 10.216.0.0/16');
}

let pluginCounter = 0;
const livePlugins = new Set();
let exitHandlerInstalled = false;
function installExitHandler() {
  if (exitHandlerInstalled) return;
  exitHandlerInstalled = true;
  process.once('exit', () => {
    for (const plugin of livePlugins) plugin.cleanUpSync();
  });
}

/** Resolves once the socket listens; dockerd can use the plugin from then on. */
async function start({ log = () => {}, name, socketDir = PLUGIN_SOCKET_DIR, netns, subnet } = {}) {
  pluginCounter++;
  const pluginName = name || `dn-test-net-${process.pid}${pluginCounter > 1 ? `-${pluginCounter}` : ''}`;
  const defaultPool = parseCidr(subnet || pickFreeSubnet()).cidr;
  fs.mkdirSync(socketDir, { recursive: true });
  const socketPath = path.join(socketDir, `${pluginName}.sock`);
  if (fs.existsSync(socketPath)) throw new Error(`network plugin: ${socketPath} exists already (another plugin of that name?)`);

  const ipArgs = args => (netns ? ['-n', netns, ...args] : args);
  const ip = (...args) => execFileSync('ip', ipArgs(args), { env: ENV, stdio: ['ignore', 'ignore', 'pipe'] });
  const deleteLink = linkName => {
    try {
      ip('link', 'del', linkName);
    } catch {
      /* gone already: deleting one end of a veth deletes both */
    }
  };

  const calls = [];
  const networks = new Map(); // NetworkID -> CreateNetwork body
  const endpoints = new Map(); // EndpointID -> {networkId, srcName, peerName}
  const pools = new Map(); // PoolID -> {base, size, prefix, cidr, used: Set<int>}

  // Veth names fit IFNAMSIZ (15): dnp + 7 hex of the endpoint + c (container end) / h (host end).
  const vethNames = endpointId => ({ srcName: `dnp${endpointId.slice(0, 7)}c`, peerName: `dnp${endpointId.slice(0, 7)}h` });

  const network = {
    'Plugin.Activate': () => ({ Implements: ['NetworkDriver', 'IpamDriver'] }),
    'NetworkDriver.GetCapabilities': () => ({ Scope: 'local', ConnectivityScope: 'local' }),
    'NetworkDriver.CreateNetwork': body => {
      networks.set(body.NetworkID, body);
      return {};
    },
    'NetworkDriver.DeleteNetwork': body => {
      networks.delete(body.NetworkID);
      return {};
    },
    'NetworkDriver.AllocateNetwork': () => ({ Options: {} }),
    'NetworkDriver.FreeNetwork': () => ({}),
    // The address comes from IPAM in the request; answering an Interface too would make libnetwork refuse it.
    'NetworkDriver.CreateEndpoint': body => {
      endpoints.set(body.EndpointID, { networkId: body.NetworkID, ...vethNames(body.EndpointID), joined: false });
      return {};
    },
    'NetworkDriver.EndpointOperInfo': body => ({ Value: { 'dn-test.veth': vethNames(body.EndpointID).srcName } }),
    'NetworkDriver.DeleteEndpoint': body => {
      const endpoint = endpoints.get(body.EndpointID);
      if (endpoint) deleteLink(endpoint.peerName);
      endpoints.delete(body.EndpointID);
      return {};
    },
    'NetworkDriver.Join': body => {
      const names = vethNames(body.EndpointID);
      deleteLink(names.peerName); // a Join after a crash may find its names taken
      ip('link', 'add', names.srcName, 'type', 'veth', 'peer', 'name', names.peerName);
      ip('link', 'set', names.peerName, 'up');
      const endpoint = endpoints.get(body.EndpointID) || { networkId: body.NetworkID, ...names };
      endpoints.set(body.EndpointID, { ...endpoint, joined: true });
      // The gateway IPAM gave the network: a container whose only network this is routes through it, and the engine
      // then calls ProgramExternalConnectivity on this endpoint (RevokeExternalConnectivity when it leaves).
      const gateway = networks.get(body.NetworkID)?.IPv4Data?.[0]?.Gateway;
      return { InterfaceName: { SrcName: names.srcName, DstPrefix: 'eth' }, ...(gateway ? { Gateway: gateway.split('/')[0] } : {}) };
    },
    'NetworkDriver.Leave': body => {
      const endpoint = endpoints.get(body.EndpointID);
      deleteLink((endpoint || vethNames(body.EndpointID)).peerName);
      if (endpoint) endpoints.set(body.EndpointID, { ...endpoint, joined: false });
      return {};
    },
    'NetworkDriver.DiscoverNew': () => ({}),
    'NetworkDriver.DiscoverDelete': () => ({}),
    'NetworkDriver.ProgramExternalConnectivity': () => ({}),
    'NetworkDriver.RevokeExternalConnectivity': () => ({}),
  };

  const ipam = {
    'IpamDriver.GetCapabilities': () => ({ RequiresMACAddress: false, RequiresRequestReplay: false }),
    'IpamDriver.GetDefaultAddressSpaces': () => ({ LocalDefaultAddressSpace: 'dn-local', GlobalDefaultAddressSpace: 'dn-global' }),
    'IpamDriver.RequestPool': body => {
      if (body.V6 && !body.Pool) throw new Error(`${pluginName} hands out IPv4 pools only; give an IPv6 subnet`);
      const space = body.AddressSpace || 'dn-local';
      const pool = body.Pool ? parseCidr(body.Pool) : nextFreePool(space);
      const poolId = `${space}/${pool.cidr}`;
      if (pools.has(poolId)) throw new Error(`${pluginName}: pool ${pool.cidr} is in use`);
      pools.set(poolId, { ...pool, used: new Set() });
      return { PoolID: poolId, Pool: pool.cidr, Data: {} };
    },
    'IpamDriver.ReleasePool': body => {
      pools.delete(body.PoolID);
      return {};
    },
    'IpamDriver.RequestAddress': body => {
      const pool = pools.get(body.PoolID);
      if (!pool) throw new Error(`${pluginName}: no pool ${body.PoolID}`);
      const wanted = body.Address ? toInt(body.Address) - pool.base : undefined;
      const isGateway = body.Options?.RequestAddressType === GATEWAY_REQUEST;
      let offset = wanted;
      if (offset === undefined) {
        offset = isGateway ? 1 : 2;
        while (pool.used.has(offset) && offset < pool.size - 1) offset++;
      }
      if (offset <= 0 || offset >= pool.size - 1)
        throw new Error(`${pluginName}: ${body.Address || 'no address'} is not available in ${pool.cidr}`);
      if (pool.used.has(offset)) throw new Error(`${pluginName}: ${toAddress(pool.base + offset)} is in use`);
      pool.used.add(offset);
      return { Address: `${toAddress(pool.base + offset)}/${pool.prefix}`, Data: {} };
    },
    'IpamDriver.ReleaseAddress': body => {
      const pool = pools.get(body.PoolID);
      if (pool && body.Address) pool.used.delete(toInt(body.Address) - pool.base);
      return {};
    },
  };
  // The default pool first, then the /24s after it: each network that asks for no subnet gets one of its own.
  function nextFreePool(space) {
    const first = parseCidr(defaultPool);
    for (let i = 0; i < 64; i++) {
      const candidate = parseCidr(`${toAddress(first.base + i * first.size)}/${first.prefix}`);
      if (!pools.has(`${space}/${candidate.cidr}`)) return candidate;
    }
    throw new Error(`${pluginName}: all 64 pools from ${defaultPool} on are in use`);
  }
  const handlers = { ...network, ...ipam };

  const respond = (res, status, payload) => {
    res.writeHead(status, { 'Content-Type': CONTENT_TYPE });
    res.end(JSON.stringify(payload));
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', chunk => {
      raw += chunk;
    });
    req.on('end', () => {
      const method = (req.url || '').replace(/^\//, '').replace(/\?.*$/, '');
      let body = {};
      try {
        body = raw.trim() ? JSON.parse(raw) : {};
      } catch {
        body = { unparsed: raw };
      }
      calls.push({ method, body });
      log(`network plugin ${pluginName}: ${method} ${raw.trim()}`);
      const handler = handlers[method];
      if (!handler) return respond(res, 404, { Err: `${pluginName} does not implement ${method}` });
      try {
        respond(res, 200, handler(body));
      } catch (err) {
        log(`network plugin ${pluginName}: ${method} failed: ${err.message}`);
        respond(res, 500, { Err: err.message });
      }
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });

  let stopped = false;
  const plugin = {
    name: pluginName,
    socketPath,
    subnet: defaultPool,
    calls,
    /** The methods received so far, in order. */
    methods: () => calls.map(call => call.method),
    /** The veth names of an endpoint (known from CreateEndpoint or Join on). */
    endpoint: endpointId => endpoints.get(endpointId),
    /** Removes the socket and deletes the veths still up: a process about to exit cannot wait for close(). */
    cleanUpSync() {
      if (stopped) return;
      stopped = true;
      livePlugins.delete(plugin);
      fs.rmSync(socketPath, { force: true });
      for (const endpoint of endpoints.values()) if (endpoint.joined) deleteLink(endpoint.peerName);
    },
    async stop() {
      plugin.cleanUpSync();
      server.closeAllConnections?.();
      await new Promise(resolve => server.close(() => resolve()));
    },
  };
  livePlugins.add(plugin);
  installExitHandler();
  log(`network plugin ${pluginName} listening on ${socketPath} (IPAM pool ${defaultPool})`);
  return plugin;
}

async function main(argv) {
  const [command, ...rest] = argv;
  if (command !== 'start') {
    console.error('usage: node scripts/engine/network-plugin.js start [--netns NS] [--name NAME] [--subnet CIDR]');
    process.exit(2);
  }
  const option = flag => {
    const at = rest.indexOf(flag);
    return at >= 0 ? rest[at + 1] : undefined;
  };
  const plugin = await start({
    log: message => console.error(message),
    netns: option('--netns'),
    name: option('--name'),
    subnet: option('--subnet'),
  });
  const finish = () => plugin.stop().then(() => process.exit(0));
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.once(signal, finish);
  process.stdout.write(`${JSON.stringify({ name: plugin.name, socketPath: plugin.socketPath, subnet: plugin.subnet })}\n`);
}

module.exports = { start, PLUGIN_SOCKET_DIR, CONTENT_TYPE };

if (require.main === module)
  main(process.argv.slice(2)).catch(err => {
    console.error(`network plugin: ${err.message}`);
    process.exit(1);
  });
