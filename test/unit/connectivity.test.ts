// The connectivity analysis on hand-made topologies: each rule the ground-truth engine suite checks against real
// traffic, stated once here with the words the user reads.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { analyseConnectivity, connectivityMarkdown, ConnectivityReport, parseGoBool } from '../../src/model/connectivity';
import type { ContainerEndpointSettings, ContainerInspect, ContainerSummary, Network } from '../../src/model/engineTypes';
import { buildExplorerModel, ExplorerModel, linksFromInspect, summaryFromInspect } from '../../src/model/explorer';
import { endpointSettings, network, withSubnet } from '../support/fixtures';

const bridge = withSubnet('bridge', '172.17.0.0/16', '172.17.0.1', { Options: { 'com.docker.network.bridge.default_bridge': 'true' } });
const host = network('host', { Driver: 'host' });
const none = network('none', { Driver: 'null' });
const app = withSubnet('app', '10.1.0.0/24', '10.1.0.1');
const data = withSubnet('data', '10.2.0.0/24', '10.2.0.1');
const closed = withSubnet('closed', '10.3.0.0/24', '10.3.0.1', { Options: { 'com.docker.network.bridge.enable_icc': 'false' } });
const internal = withSubnet('internal', '10.4.0.0/24', '10.4.0.1', { Internal: true });
const macvlan = withSubnet('lan', '192.168.9.0/24', '192.168.9.1', { Driver: 'macvlan' });

let nextHost = 10;
/** On `network`, running, with the next address of its subnet (`aliases` network-scoped). */
function on(net: Network, aliases: string[] = [], links: string[] = []): [string, ContainerEndpointSettings] {
  const base = net.IPAM.Config?.[0]?.Subnet?.replace(/\.0\/\d+$/, '') ?? '';
  const ip = base ? `${base}.${nextHost++}` : '';
  return [
    net.Name,
    endpointSettings(net.Id, ip, ip ? 24 : 0, { Aliases: aliases, Links: links, Gateway: net.IPAM.Config?.[0]?.Gateway ?? '' }),
  ];
}

function ctr(
  name: string,
  endpoints: [string, ContainerEndpointSettings][],
  options: { state?: string; mode?: string; ports?: ContainerSummary['Ports'] } = {},
): ContainerSummary {
  const state = options.state ?? 'running';
  return {
    Id: name.padEnd(64, 'c'),
    Names: [`/${name}`],
    Image: 'busybox',
    Created: 0,
    State: state,
    Status: state,
    HostConfig: { NetworkMode: options.mode ?? endpoints[0]?.[0] ?? 'none' },
    Ports: options.ports ?? [],
    // A stopped container keeps its configuration, not its address.
    NetworkSettings: {
      Networks: Object.fromEntries(
        endpoints.map(([n, s]) => [n, state === 'running' ? s : { ...s, IPAddress: '', IPPrefixLen: 0, Gateway: '', EndpointID: '' }]),
      ),
    },
  };
}

const NETWORKS = [bridge, host, none, app, data, closed, internal, macvlan];
function modelOf(...containers: ContainerSummary[]): ExplorerModel {
  return buildExplorerModel(NETWORKS, containers);
}
function check(model: ExplorerModel, a: string, b: string): ConnectivityReport {
  const find = (name: string) => model.containers.find(c => c.name === name)!.id;
  const report = analyseConnectivity(model, find(a), find(b));
  assert.ok(report, `no report for ${a} → ${b}`);
  return report;
}
const codes = (report: ConnectivityReport) => report.blockers.map(b => b.code);

describe('connectivity from configuration', () => {
  test('containers on one user-defined network reach each other by name, alias and name.network', () => {
    const model = modelOf(ctr('web', [on(app)]), ctr('db', [on(app, ['primary'])]));
    const report = check(model, 'web', 'db');
    assert.equal(report.verdict, 'reachable');
    assert.equal(report.summary, '"web" can reach "db" by name and by address at 10.1.0.11 on "app".');
    assert.deepEqual(
      report.paths.map(p => [p.network?.name, p.address, p.open, p.names]),
      [['app', '10.1.0.11', true, ['db', 'primary', 'db.app']]],
    );
    assert.deepEqual(report.blockers, []);
    assert.equal(report.fix, undefined);
  });

  test('no shared network: cannot reach, both networks named, and the fix connects B to A’s network', () => {
    const model = modelOf(ctr('web', [on(app)]), ctr('db', [on(data, ['primary'])]));
    const report = check(model, 'web', 'db');
    assert.equal(report.verdict, 'unreachable');
    assert.deepEqual(codes(report), ['noSharedNetwork']);
    assert.match(report.blockers[0].text, /"web" is on "app" and "db" is on "data": they share no network/);
    assert.equal(report.fix?.container.name, 'db');
    assert.equal(report.fix?.network.name, 'app');
    assert.deepEqual(
      report.otherAddresses.map(o => [o.network.name, o.address]),
      [['data', '10.2.0.13']],
    );
    const alias = report.names.find(n => n.name === 'primary')!;
    assert.equal(alias.resolvesTo, undefined);
    assert.match(alias.reason!, /"db" has it only on "data", which "web" is not on/);
  });

  test('the default bridge: reachable by address only, because it has no embedded DNS', () => {
    const model = modelOf(ctr('web', [on(bridge)]), ctr('db', [on(bridge)]));
    const report = check(model, 'web', 'db');
    assert.equal(report.verdict, 'addressOnly');
    assert.deepEqual(codes(report), ['noNames']);
    assert.match(report.blockers[0].text, /only on the default bridge network, which has no embedded DNS/);
    assert.equal(report.fix, undefined, 'nothing to join: neither is on a user-defined network');
    assert.match(report.advice!, /create one/);
  });

  test('A on a user network and the default bridge, B on the default bridge: by address, and the fix brings B to A’s network', () => {
    const model = modelOf(ctr('web', [on(bridge), on(app)]), ctr('db', [on(bridge)]));
    const report = check(model, 'web', 'db');
    assert.equal(report.verdict, 'addressOnly');
    assert.equal(report.fix?.network.name, 'app');
    assert.match(report.names[0].reason!, /"db" is only on the default bridge network, where names do not resolve/);
  });

  test('ICC off on the only shared bridge: cannot reach; the name still resolves, to the blocked address', () => {
    const model = modelOf(ctr('web', [on(closed), on(app)]), ctr('db', [on(closed)]));
    const report = check(model, 'web', 'db');
    assert.equal(report.verdict, 'unreachable');
    assert.deepEqual(codes(report), ['iccDisabled']);
    assert.match(
      report.blockers[0].text,
      /inter-container communication is disabled on "closed" \(com.docker.network.bridge.enable_icc=false\)/,
    );
    assert.equal(report.names[0].resolvesTo?.network.name, 'closed');
    assert.equal(report.names[0].resolvesTo?.open, false);
    assert.equal(report.fix?.network.name, 'app', 'B joins the network of A where ICC is on');
  });

  test('ICC off on one shared bridge, another shared one open: reachable through the open one', () => {
    const model = modelOf(ctr('web', [on(closed), on(app)]), ctr('db', [on(closed), on(app)]));
    const report = check(model, 'web', 'db');
    assert.equal(report.verdict, 'reachable');
    assert.deepEqual(
      report.paths.map(p => [p.network?.name, p.open]),
      [
        ['app', true],
        ['closed', false],
      ],
    );
  });

  test('the name resolves to the first of A’s networks by name: when that one blocks, only the address works', () => {
    const model = modelOf(ctr('web', [on(closed), on(internal)]), ctr('db', [on(closed), on(internal)]));
    const report = check(model, 'web', 'db');
    assert.equal(report.verdict, 'addressOnly');
    assert.deepEqual(codes(report), ['nameToBlockedPath']);
    assert.match(report.blockers[0].text, /resolves to 10\.3\.0\.\d+ on "closed", where traffic between containers is blocked/);
    assert.equal(report.fix, undefined);
    assert.match(report.advice!, /Use "db\.internal": the name qualified with the network resolves/);
  });

  test('the engine asks non-internal networks before internal ones, whatever their names', () => {
    const alpha = withSubnet('alpha', '10.5.0.0/24', '10.5.0.1', { Internal: true });
    const model = buildExplorerModel([...NETWORKS, alpha], [ctr('web', [on(alpha), on(closed)]), ctr('db', [on(alpha), on(closed)])]);
    const report = check(model, 'web', 'db');
    assert.equal(report.names[0].resolvesTo?.network.name, 'closed', 'not "alpha", which sorts first by name but is internal');
    assert.equal(report.verdict, 'addressOnly');
  });

  test('with A on three networks the engine may answer with any but the first: both answers are named', () => {
    const model = modelOf(ctr('web', [on(app), on(closed), on(data)]), ctr('db', [on(closed), on(data)]));
    const name = check(model, 'web', 'db').names[0];
    assert.equal(name.resolvesTo?.network.name, 'closed');
    assert.deepEqual(
      name.alternatives.map(t => t.network.name),
      ['data'],
    );
    assert.equal(check(model, 'web', 'db').verdict, 'addressOnly');
  });

  test('an internal network: members reach each other, nothing gets out, and the host answers at its gateway', () => {
    const model = modelOf(ctr('web', [on(internal)]), ctr('db', [on(internal)], { ports: [{ PrivatePort: 5432, Type: 'tcp' }] }));
    const report = check(model, 'web', 'db');
    assert.equal(report.verdict, 'reachable');
    assert.match(report.notes.join(' '), /"internal" is internal: its members reach each other, but nothing on it reaches other networks/);
    assert.equal(report.outside.egress, false);
    assert.match(report.outside.egressText, /only on internal networks \("internal"\): it has no way out/);
    assert.deepEqual(
      report.outside.hostAddresses.map(h => h.address),
      ['10.4.0.1'],
    );
    assert.match(report.outside.publishedText, /only on internal networks: the engine publishes no ports for it/);
  });

  test('published ports are listed as the host reaches them; exposed-only ports are named apart', () => {
    const ports = [
      { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { PrivatePort: 9000, Type: 'tcp' },
    ];
    const model = modelOf(ctr('web', [on(app)]), ctr('db', [on(app)], { ports }));
    const outside = check(model, 'web', 'db').outside;
    assert.deepEqual(outside.published, [{ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }]);
    assert.deepEqual(outside.exposedOnly, [{ port: 9000, protocol: 'tcp' }]);
    assert.match(outside.publishedText, /0\.0\.0\.0:8080 → 80\/tcp.*Exposed but not published: 9000\/tcp/);
    assert.equal(outside.egress, true);
  });

  test('a stopped B: cannot reach, B has no address or name, and the configured fix is still offered', () => {
    const model = modelOf(ctr('web', [on(app)]), ctr('db', [on(data)], { state: 'exited' }));
    const report = check(model, 'web', 'db');
    assert.equal(report.verdict, 'unreachable');
    assert.deepEqual(codes(report), ['notRunning', 'noSharedNetwork']);
    assert.match(report.blockers[0].text, /"db" is not running \(exited\)/);
    assert.equal(report.fix?.network.name, 'app');
  });

  test('a stopped B on the shared network: the path is shown closed, names do not resolve', () => {
    const model = modelOf(ctr('web', [on(app)]), ctr('db', [on(app)], { state: 'exited' }));
    const report = check(model, 'web', 'db');
    assert.equal(report.verdict, 'unreachable');
    assert.deepEqual(codes(report), ['notRunning']);
    assert.equal(report.paths[0].open, false);
    assert.equal(report.names[0].resolvesTo, undefined);
    assert.equal(report.fix, undefined, 'the configuration is fine: start it');
    assert.equal(report.advice, 'Start "db".');
  });

  test('none: networking disabled, and the advice says why it cannot be connected', () => {
    const model = modelOf(ctr('web', [on(app)]), ctr('job', [on(none)], { mode: 'none' }));
    const report = check(model, 'web', 'job');
    assert.equal(report.verdict, 'unreachable');
    assert.deepEqual(codes(report), ['noNetworking']);
    assert.match(report.advice!, /cannot be connected to a network/);
    assert.equal(check(model, 'job', 'web').outside.egress, false);
  });

  test('host networking: A on the host reaches B’s bridge addresses (internal too) but no names', () => {
    const model = modelOf(ctr('agent', [on(host)], { mode: 'host' }), ctr('db', [on(internal), on(macvlan)]));
    const report = check(model, 'agent', 'db');
    assert.equal(report.verdict, 'addressOnly');
    assert.deepEqual(
      report.paths.map(p => [p.kind, p.network?.name, p.open]),
      [
        ['fromHost', 'internal', true],
        ['fromHost', 'lan', false],
      ],
    );
    assert.match(report.names[0].reason!, /uses the host's network stack, which has no embedded DNS/);
  });

  test('host networking: B on the host is reached at the gateway of A’s bridge networks', () => {
    const model = modelOf(ctr('web', [on(app)]), ctr('agent', [on(host)], { mode: 'host' }));
    const report = check(model, 'web', 'agent');
    assert.equal(report.verdict, 'addressOnly');
    assert.deepEqual(
      report.paths.map(p => [p.kind, p.address]),
      [['toHost', '10.1.0.1']],
    );
    assert.match(report.advice!, /host networking/);
  });

  test('a container sharing another’s network stack is analysed as that container', () => {
    const db = ctr('db', [on(app)]);
    const sidecar = ctr('sidecar', [], { mode: `container:${db.Id}` });
    const model = modelOf(ctr('web', [on(app)]), db, sidecar);
    const report = check(model, 'web', 'sidecar');
    assert.equal(report.verdict, 'addressOnly');
    assert.match(report.paths[0].address!, /^10\.1\.0\./);
    assert.match(report.names[0].reason!, /uses the network stack of "db": it has no name of its own/);
    assert.equal(check(model, 'sidecar', 'db').paths[0].kind, 'sameStack');
    assert.match(check(model, 'web', 'sidecar').notes.join(' '), /uses the network stack of "db"/);
  });

  test('an alias two containers hold on one network answers with both addresses', () => {
    const model = modelOf(ctr('web', [on(app)]), ctr('db', [on(app, ['store'])]), ctr('replica', [on(app, ['store'])]));
    const store = check(model, 'web', 'db').names.find(n => n.name === 'store')!;
    assert.equal(store.resolvesTo?.container.name, 'db', "B's own address first");
    assert.deepEqual(
      store.alternatives.map(t => t.container.name),
      ['replica'],
    );
    assert.match(connectivityMarkdown(check(model, 'web', 'db')), /\(replica's\)/);
  });

  test("an alias held on A's first network by another container answers before B's", () => {
    const model = modelOf(ctr('web', [on(app), on(data)]), ctr('db', [on(data, ['store'])]), ctr('cache', [on(app, ['store'])]));
    const store = check(model, 'web', 'db').names.find(n => n.name === 'store')!;
    assert.equal(store.resolvesTo?.container.name, 'cache');
    assert.equal(store.resolvesTo?.network.name, 'app');
  });

  test("an alias A holds itself answers with A's own address, which replies whatever ICC says", () => {
    const model = modelOf(ctr('web', [on(closed, ['api'])]), ctr('db', [on(app, ['api'])]));
    const api = check(model, 'web', 'db').names.find(n => n.name === 'api')!;
    assert.equal(api.resolvesTo?.container.name, 'web');
    assert.equal(api.resolvesTo?.open, true);
  });

  test("A's link to B on a shared user-defined network resolves from A, on that network only", () => {
    const model = modelOf(ctr('web', [on(app, [], ['db:database']), on(data)]), ctr('db', [on(app), on(data)]));
    const link = check(model, 'web', 'db').names.find(n => n.name === 'database')!;
    assert.equal(link.kind, 'link');
    assert.equal(link.resolvesTo?.network.name, 'app');
    assert.equal(link.resolvesTo?.container.name, 'db');
    assert.deepEqual(
      check(model, 'db', 'web').names.map(n => n.name),
      ['web', 'web.app', 'web.data'],
      'only the linking container has the name',
    );
    const elsewhere = modelOf(ctr('web', [on(app, [], ['db:database']), on(data)]), ctr('db', [on(data)]));
    const missing = check(elsewhere, 'web', 'db').names.find(n => n.name === 'database')!;
    assert.equal(missing.resolvesTo, undefined);
    assert.match(missing.reason!, /"web"'s link to "db" on "app" answers only while "db" runs on that network/);
  });

  test('the engine reads the ICC option as Go booleans', () => {
    for (const off of ['0', 'f', 'F', 'false', 'FALSE', 'False']) assert.equal(parseGoBool(off), false);
    for (const onValue of ['1', 't', 'T', 'true', 'TRUE', 'True']) assert.equal(parseGoBool(onValue), true);
    assert.equal(parseGoBool('no'), undefined);
    const zero = withSubnet('zero', '10.9.0.0/24', '10.9.0.1', { Options: { 'com.docker.network.bridge.enable_icc': '0' } });
    const model = buildExplorerModel([zero], [ctr('web', [on(zero)]), ctr('db', [on(zero)])]);
    assert.equal(check(model, 'web', 'db').verdict, 'unreachable');
  });

  test('the document escapes everything the engine supplies', () => {
    const evil = withSubnet('x](http://evil.example)<img src=x>', '10.8.0.0/24', '10.8.0.1');
    const model = buildExplorerModel(
      [evil],
      [ctr('web', [on(evil, ['*bold*'])]), ctr('db', [on(evil, ['[link](command:workbench.action.quit)', 'a|b`c'])])],
    );
    const markdown = connectivityMarkdown(check(model, 'web', 'db'));
    // Inside code spans everything is literal; outside them nothing may be Markdown or HTML.
    const prose = markdown.replace(/`[^`\n]*`/g, 'CODE');
    assert.ok(!/(^|[^\\])\]\(/m.test(prose), markdown);
    assert.ok(!/(^|[^\\])<img/m.test(prose), markdown);
    assert.ok(!/(^|[^\\])\*bold/m.test(prose), markdown);
    const table = markdown.split('\n').filter(line => line.startsWith('| `'));
    for (const row of table)
      assert.equal(row.replace(/\\\|/g, '').split('|').length, 6, `a pipe from the engine never splits a cell: ${row}`);
    assert.match(markdown, /^# Can web reach db\?/);
    assert.match(markdown, /\*\*Can reach\.\*\*/);
  });

  test('the document has the verdict, the path, the blockers, the fix and the outside section', () => {
    const model = modelOf(ctr('web', [on(app)]), ctr('db', [on(data)]));
    const markdown = connectivityMarkdown(check(model, 'web', 'db'), { fixHint: 'Use the button.' });
    for (const heading of ['**Cannot reach.**', '## Path', '## What blocks it', '## Fix', '## Reaching the outside and the host'])
      assert.ok(markdown.includes(heading), `${heading} in\n${markdown}`);
    assert.match(markdown, /Connect \\"db\\" to \\"app\\"/);
  });

  test('a container re-read from its inspect (an event) keeps its network mode, ports, gateway and links', () => {
    const inspect: ContainerInspect = {
      Id: 'db'.padEnd(64, 'c'),
      Name: '/db',
      Created: '2026-12-03T00:00:00Z',
      State: { Status: 'running', Running: true },
      Config: { Image: 'busybox', ExposedPorts: { '80/tcp': {}, '9000/tcp': {} } },
      HostConfig: { NetworkMode: 'app' },
      NetworkSettings: {
        Networks: { app: endpointSettings(app.Id, '10.1.0.7', 24, { Gateway: '10.1.0.1', Links: ['web:front'] }) },
        Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }], '9000/tcp': null },
      },
    };
    const model = buildExplorerModel(
      NETWORKS,
      [summaryFromInspect(inspect)],
      new Map(),
      new Map([[inspect.Id, linksFromInspect(inspect)]]),
    );
    const db = model.containers[0];
    assert.equal(db.networkMode, 'app');
    assert.deepEqual(db.ports, [
      { privatePort: 80, protocol: 'tcp', publicPort: 8080, hostIp: '0.0.0.0' },
      { privatePort: 9000, protocol: 'tcp' },
    ]);
    assert.equal(db.networks[0].gateway, '10.1.0.1');
    assert.deepEqual(model.networks.find(n => n.name === 'app')!.endpoints[0].links, ['web:front']);
  });
});
