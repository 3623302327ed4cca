import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { ContainerSummary, Network } from '../../src/model/engineTypes';
import { buildExplorerModel, type NetworkModel } from '../../src/model/explorer';
import {
  compileTemplate,
  MAX_TEMPLATE_LENGTH,
  parseTemplate,
  renderTemplate,
  truncateId,
  validateTemplate,
} from '../../src/model/filters/formatTemplate';
import { network } from '../support/fixtures';

function container(name: string, state: string, networkName: string, networkId: string): ContainerSummary {
  return {
    Id: name.padEnd(64, 'c'),
    Names: [`/${name}`],
    Image: 'busybox',
    Created: 0,
    State: state,
    Status: state,
    NetworkSettings: {
      Networks: {
        [networkName]: {
          NetworkID: networkId,
          EndpointID: '',
          Gateway: '',
          IPAddress: '',
          IPPrefixLen: 0,
          IPv6Gateway: '',
          GlobalIPv6Address: '',
          GlobalIPv6PrefixLen: 0,
        },
      },
    },
  };
}

function modelOf(net: Network, containers: ContainerSummary[] = []): NetworkModel {
  return buildExplorerModel([net], containers).networks[0]!;
}

const webId = '4f6a1c2b9d8e7f60a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718';
const web = network('web', {
  Id: webId,
  Driver: 'bridge',
  Scope: 'local',
  EnableIPv4: true,
  EnableIPv6: true,
  Internal: true,
  Labels: { 'com.example.tier': 'front', env: 'prod', app: 'shop' },
  IPAM: { Driver: 'default', Config: [{ Subnet: '10.10.0.0/24', Gateway: '10.10.0.1' }, { Subnet: 'fd00:10::/64' }] },
});
const webModel = modelOf(web, [container('api', 'running', 'web', webId), container('worker', 'exited', 'web', '')]);
const render = (template: string, model: NetworkModel = webModel, noTrunc = false) => renderTemplate(template, model, { noTrunc });

describe('format template: each field prints as the CLI prints it', () => {
  const cases: { template: string; expected: string; model?: NetworkModel; noTrunc?: boolean }[] = [
    { template: '{{.ID}}', expected: '4f6a1c2b9d8e' },
    { template: '{{.ID}}', expected: webId, noTrunc: true },
    { template: '{{.ID}}', expected: 'yq1tfcpqno4u', model: modelOf(network('mesh', { Id: 'yq1tfcpqno4ubpz7e8aoxeuwv', Scope: 'swarm' })) },
    { template: '{{.Name}}', expected: 'web' },
    { template: '{{.Driver}}', expected: 'bridge' },
    { template: '{{.Scope}}', expected: 'local' },
    { template: '{{.IPv4}}', expected: 'true' },
    { template: '{{.IPv4}}', expected: 'false', model: modelOf(network('v6only', { EnableIPv4: false, EnableIPv6: true })) },
    { template: '{{.IPv4}}', expected: 'true', model: modelOf(network('old-engine')) },
    { template: '{{.IPv6}}', expected: 'true' },
    { template: '{{.IPv6}}', expected: 'false', model: modelOf(network('plain')) },
    { template: '{{.Internal}}', expected: 'true' },
    { template: '{{.Internal}}', expected: 'false', model: modelOf(network('plain')) },
    { template: '{{.Labels}}', expected: 'app=shop,com.example.tier=front,env=prod' },
    { template: '{{.Labels}}', expected: '', model: modelOf(network('nolabels', { Labels: null })) },
    { template: '{{.Label "env"}}', expected: 'prod' },
    { template: '{{.Label "com.example.tier"}}', expected: 'front' },
    { template: '{{.Label `env`}}', expected: 'prod' },
    { template: '{{.Label "missing"}}', expected: '' },
    { template: '{{.Label "env"}}', expected: '', model: modelOf(network('nolabels', { Labels: null })) },
    { template: '{{.CreatedAt}}', expected: '2026-11-29 02:24:48.63 +0000 UTC' },
    {
      template: '{{.CreatedAt}}',
      expected: '2026-11-29 02:24:48.630431862 +0000 UTC',
      model: modelOf(network('ns', { Created: '2026-11-29T02:24:48.630431862Z' })),
    },
    {
      template: '{{.CreatedAt}}',
      expected: '2016-01-01 00:00:00 +0000 UTC',
      model: modelOf(network('whole', { Created: '2016-01-01T00:00:00Z' })),
    },
    {
      template: '{{.CreatedAt}}',
      expected: '2016-01-01 00:00:00.1 +0000 UTC',
      model: modelOf(network('tenths', { Created: '2016-01-01T00:00:00.100000000Z' })),
    },
    {
      template: '{{.CreatedAt}}',
      expected: '2026-03-01 10:15:00.5 +0100 +0100',
      model: modelOf(network('local', { Created: '2026-03-01T10:15:00.5+01:00' })),
    },
    { template: '{{.CreatedAt}}', expected: '0001-01-01 00:00:00 +0000 UTC', model: modelOf(network('zero', { Created: '' })) },
    { template: '{{.Subnets}}', expected: '10.10.0.0/24, fd00:10::/64' },
    { template: '{{.Subnets}}', expected: '', model: modelOf(network('nosubnet')) },
    { template: '{{.Endpoints}}', expected: '2' },
    { template: '{{.Endpoints}}', expected: '0', model: modelOf(network('empty')) },
  ];
  for (const { template, expected, model, noTrunc } of cases) {
    test(`${template}${noTrunc ? ' (no-trunc)' : ''} of ${(model ?? webModel).name} is "${expected}"`, () => {
      assert.equal(render(template, model, noTrunc), expected);
    });
  }
});

describe('format template: text and layout', () => {
  test('text outside the braces is kept verbatim, including lone braces', () => {
    assert.equal(render('{{.Name}} ({{.Driver}}) · {x} }} {'), 'web (bridge) · {x} }} {');
  });

  test('spaces inside the braces are allowed, as in Go templates', () => {
    assert.equal(render('{{ .Name }}/{{  .Label  "env"  }}'), 'web/prod');
  });

  test("Go's trim markers remove the whitespace next to them", () => {
    assert.equal(render('{{.Name}}   {{- .Driver -}}   !'), 'webbridge!');
  });

  test('a label key may hold braces and quotes', () => {
    const odd = modelOf(network('odd', { Labels: { 'a}}b': 'x', 'say "hi"': 'y' } }));
    assert.equal(render('{{.Label "a}}b"}}|{{.Label "say \\"hi\\""}}|{{.Label `say "hi"`}}', odd), 'x|y|y');
  });

  test('a comment prints nothing', () => {
    assert.equal(render('{{/* the name */}}{{.Name}}'), 'web');
    assert.equal(render('{{/* say "hi */}}{{- /* `x */ -}} {{.Name}}'), 'web');
  });

  test("the CLI's table layout renders row by row", () => {
    assert.equal(render('{{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}'), '4f6a1c2b9d8e\tweb\tbridge\tlocal');
  });

  test('a compiled template lists the fields it uses and renders many networks', () => {
    const compiled = compileTemplate('{{.Name}} {{.Endpoints}} {{.Name}}');
    assert.ok('template' in compiled);
    assert.deepEqual(compiled.template.fields, ['Name', 'Endpoints']);
    assert.equal(compiled.template.render(modelOf(network('other'))), 'other 0 other');
  });

  test('IDs are truncated the way the CLI truncates them', () => {
    assert.equal(truncateId('sha256:0123456789abcdef'), '0123456789ab');
    assert.equal(truncateId('short'), 'short');
  });
});

describe('format template: errors name what is wrong', () => {
  const cases: { template: string; error: RegExp }[] = [
    { template: '{{.Foo}}', error: /unknown field 'Foo'/ },
    { template: '{{.name}}', error: /unknown field 'name'.*did you mean \.Name/ },
    { template: '{{.Id}}', error: /unknown field 'Id'.*did you mean \.ID/ },
    { template: 'x {{.Name', error: /unclosed action "\{\{\.Name"/ },
    { template: '{{.Name}} {{', error: /unclosed action/ },
    { template: '{{.Label}}', error: /'Label' needs a label key/ },
    { template: '{{.Label env}}', error: /'Label' needs a quoted label key/ },
    { template: '{{.Name "x"}}', error: /'Name' takes no argument/ },
    { template: '{{json .}}', error: /unsupported template action \{\{json \.\}\}/ },
    { template: '{{}}', error: /empty action/ },
    { template: '{{.Label "env}}', error: /unterminated quoted string in "\{\{\.Label \\"env\}\}"/ },
    { template: '{{.Label `env\n`}}', error: /unterminated quoted string/ },
    { template: 'x'.repeat(MAX_TEMPLATE_LENGTH + 1), error: /template is 1001 characters long; at most 1000 are allowed/ },
  ];
  for (const { template, error } of cases) {
    test(`${template} is refused`, () => {
      const message = validateTemplate(template);
      assert.ok(message, `expected an error for ${template}`);
      assert.match(message, error);
      assert.throws(() => render(template), error);
    });
  }

  test('a valid template has no error', () => {
    assert.equal(
      validateTemplate(
        '{{.ID}} {{.Name}} {{.Driver}} {{.Scope}} {{.IPv4}} {{.IPv6}} {{.Internal}} {{.Labels}} {{.Label "k"}} {{.CreatedAt}} {{.Subnets}} {{.Endpoints}}',
      ),
      undefined,
    );
    assert.equal(validateTemplate('plain text'), undefined);
    assert.equal(validateTemplate(''), undefined);
  });
});

describe('format template: parsing is linear in the template and capped in length', () => {
  // Shapes that made the former parser quadratic: a long run of whitespace before `{{-` (a /\s+$/ search), and
  // actions whose quotes never close on the line (each action rescanned the rest of the line).
  const hostile: [name: string, build: (length: number) => string][] = [
    ['spaces before a trim marker', n => `${' '.repeat(n - 12)}x{{- .Name}}`],
    ['comments with escaped quotes', n => '{{/*\\"*/}}'.repeat(Math.floor(n / 10))],
    ['actions with escaped quotes', n => '{{.Name}}\\"'.repeat(Math.floor(n / 11))],
    ['many quotes', n => `{{.Label "${'\\"'.repeat(Math.floor((n - 13) / 2))}"}}`],
    ['trim markers between runs of spaces', n => '{{- .Name -}}   '.repeat(Math.floor(n / 16))],
  ];

  test('a 100 kB hostile template is refused at once with the length error', () => {
    for (const [name, build] of hostile) {
      const template = build(100_000);
      const started = performance.now();
      const error = validateTemplate(template);
      const elapsed = performance.now() - started;
      assert.match(error ?? '', /^template parsing error: template is \d+ characters long; at most 1000 are allowed$/, name);
      assert.ok(elapsed < 50, `${name}: ${elapsed.toFixed(1)} ms`);
    }
  });

  test('a template near the cap parses, and parsing time grows linearly (checked at 100x the cap)', () => {
    for (const [name, build] of hostile) {
      const nearCap = build(MAX_TEMPLATE_LENGTH - 10);
      assert.ok(nearCap.length <= MAX_TEMPLATE_LENGTH, name);
      assert.equal(validateTemplate(nearCap), undefined, name);
      // The same shape 100 times longer, past the cap on purpose: quadratic parsing would take seconds here.
      const large = build(100 * MAX_TEMPLATE_LENGTH);
      const started = performance.now();
      parseTemplate(large, Infinity);
      const elapsed = performance.now() - started;
      // Linear parsing takes a few ms; the bound leaves room for a loaded CI machine, far below quadratic.
      assert.ok(elapsed < 1500, `${name}: ${large.length} characters took ${elapsed.toFixed(1)} ms`);
    }
  });

  test('a template of exactly the maximum length is accepted', () => {
    const template = `${'-'.repeat(MAX_TEMPLATE_LENGTH - 9)}{{.Name}}`;
    assert.equal(template.length, MAX_TEMPLATE_LENGTH);
    assert.equal(render(template), `${'-'.repeat(MAX_TEMPLATE_LENGTH - 9)}web`);
  });
});
