import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { buildExplorerModel } from '../../src/model/explorer';
import { endpointTooltip, networkTooltip } from '../../src/model/tooltips';
import { container, endpointSettings, network } from '../support/fixtures';

// marked is what VS Code renders MarkdownString with (GFM: tables, autolinks); ESM-only, so loaded dynamically.
type Token = { type: string; text?: string; raw?: string; tokens?: Token[]; rows?: Token[][]; header?: Token[]; items?: Token[] };
const lexer = async (markdown: string): Promise<Token[]> =>
  (await import('marked')).marked.lexer(markdown, { gfm: true }) as unknown as Token[];

function walk(tokens: readonly Token[], visit: (token: Token) => void): void {
  for (const token of tokens) {
    visit(token);
    walk(token.tokens ?? [], visit);
    const list = (value: unknown) => (Array.isArray(value) ? (value as Token[]) : []);
    for (const cell of [...list(token.header), ...list(token.rows).flat(), ...list(token.items)]) walk([cell], visit);
  }
}

const HOSTILE = [
  'x](http://evil.example/a) ![i](http://evil.example/p.png)',
  '<img src=x onerror=alert(1)>',
  'a|b|c',
  'line\nbreak\r\n| injected | row |',
  '`code` **bold** _em_ ~~del~~',
  'http://evil.example/auto www.evil.example mail@evil.example',
  '&#x3C;script&#x3E;',
  '[ref]: http://evil.example',
  '\\',
];

describe('tooltips show engine text as text, never as links, images, HTML or extra table cells', () => {
  for (const hostile of HOSTILE) {
    test(`hostile name, labels, options and IPAM values: ${JSON.stringify(hostile)}`, async () => {
      const net = network(`n-${hostile}`, {
        Driver: hostile,
        Scope: hostile,
        Created: hostile,
        Labels: { [hostile]: hostile },
        Options: { opt: hostile },
        ConfigFrom: { Network: hostile },
        IPAM: {
          Driver: hostile,
          Options: { [hostile]: hostile },
          Config: [{ Subnet: hostile, Gateway: hostile, IPRange: hostile, AuxiliaryAddresses: { [hostile]: hostile } }],
        },
      });
      const model = buildExplorerModel(
        [net],
        [
          container(`c-${hostile}`, 'running', {
            [net.Name]: endpointSettings(net.Id, '10.1.0.2', 24, { Aliases: [hostile], MacAddress: hostile }),
          }),
        ],
      );
      for (const markdown of [networkTooltip(model.networks[0]), endpointTooltip(model.networks[0].endpoints[0])]) {
        const types = new Set<string>();
        walk(await lexer(markdown), token => types.add(token.type));
        for (const forbidden of ['link', 'image', 'html', 'def', 'del', 'em', 'codespan-hostile'])
          assert.ok(!types.has(forbidden), `${forbidden} rendered from ${markdown}`);
        const tables = (await lexer(markdown)).filter(t => t.type === 'table');
        assert.equal(tables.length, 1, 'one table, no extra blocks');
        for (const row of tables[0].rows ?? [])
          assert.equal(row.length, 2, `a row split into ${row.length} cells: ${row.map(c => c.text).join(' / ')}`);
      }
      const heading = (await lexer(networkTooltip(model.networks[0])))[0];
      const strong: Token[] = [];
      walk([heading], token => {
        if (token.type === 'strong') strong.push(token);
      });
      const shown = (strong[0].tokens ?? []).map(t => t.text).join('');
      assert.equal(shown, `n-${hostile}`.replace(/[\r\n]+/g, ' '), 'the name reads as itself');
    });
  }
});

describe('tooltips of plugin networks', () => {
  test('a network of a plugin driver names the network plugin and the IPAM plugin', () => {
    const net = network('woven', { Driver: 'weave', IPAM: { Driver: 'weave-ipam', Config: [{ Subnet: '10.32.0.0/24' }] } });
    const tooltip = networkTooltip(buildExplorerModel([net], []).networks[0]);
    assert.match(tooltip.split('\n')[0], /^\*\*woven\*\* — network of the network plugin `weave`$/);
    assert.match(tooltip, /\| IPAM driver \| `weave-ipam` \(IPAM plugin\) /);
  });

  test('a built-in driver keeps its plain heading', () => {
    const tooltip = networkTooltip(buildExplorerModel([network('web')], []).networks[0]);
    assert.match(tooltip.split('\n')[0], /^\*\*web\*\* — bridge network$/);
  });
});
