// The Networks view's name filter must show what `docker network ls --filter name=…` shows. The engine matches
// with Go's regexp (RE2): a network matches when the pattern equals its name or matches anywhere in it, and a
// pattern Go cannot compile matches nothing (moby's filters.Args.Match skips it, no error). The engine is the
// reference: for generated patterns, the set the extension shows equals the engine's own answer.
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { emptyFilter, filterNetworks } from '../../src/model/filters/networkFilter';
import type { Network } from '../../src/model/engineTypes';
import { cleanUpEngine, engineDocker, RUN_ID, testLabels } from '../support/engineFixture';

// Varied on purpose: dots, dashes, underscores, digits, upper case, repeated letters, a prefix of another name.
const STEMS = [
  'web',
  'web-1',
  'web.2',
  'Web_3',
  'api',
  'api-v2',
  'API',
  'db.primary',
  'db-replica',
  'aaa',
  'aaaa-b',
  'cache_10',
  'x.y.z',
  'Zed',
  'a-b-c',
  'mixed.Case-9',
  'n1',
  'n11',
  'front_end',
  'backend',
];
const corpusName = (stem: string) => `dnf${RUN_ID}-${stem}`;

const literal = fc.constantFrom('a', 'b', 'c', 'w', 'e', 'd', '1', '2', '9', '-', '_', 'A', 'W', 'x', 'z', 'dnf', 'web', 'api');
const atom = fc.oneof(
  { weight: 6, arbitrary: literal },
  fc.constantFrom('.', '\\.', '\\d', '\\w', '\\s', '[a-c]', '[^a]', '[0-9]', '[A-Z]', '[-_.]', '\\-'),
);
const quantified = fc.tuple(atom, fc.constantFrom('', '', '', '*', '+', '?', '{1,2}', '{2}', '*?')).map(([a, q]) => a + q);
const sequence = fc.array(quantified, { minLength: 1, maxLength: 4 }).map(parts => parts.join(''));
const valid = fc.oneof(
  { weight: 4, arbitrary: sequence },
  fc.tuple(sequence, sequence).map(([a, b]) => `(${a}|${b})`),
  fc.tuple(fc.constantFrom('', '^'), sequence, fc.constantFrom('', '$')).map(([start, body, end]) => start + body + end),
  fc.tuple(sequence, sequence).map(([a, b]) => `${a}(${b})+`),
);
const invalid = fc.constantFrom('(', 'a{2,1}', '(?=x)', '[', '*a', 'a**', '(?<!a)b', '\\8', 'x{1001}', '[z-a]');
const pattern = fc.oneof({ weight: 9, arbitrary: valid }, { weight: 1, arbitrary: invalid });

describe("the name filter agrees with the engine's own filtering", () => {
  let corpus: Network[] = [];
  before(async () => {
    for (const stem of STEMS) await engineDocker().createNetwork({ Name: corpusName(stem), Labels: testLabels });
    const names = new Set(STEMS.map(corpusName));
    corpus = ((await engineDocker().listNetworks()) as unknown as Network[]).filter(n => names.has(n.Name));
    assert.equal(corpus.length, STEMS.length);
  });
  after(cleanUpEngine);

  test('for 250 generated patterns, the networks shown equal GET /networks?filters={"name":[pattern]}', async () => {
    const inCorpus = new Set(corpus.map(n => n.Name));
    let agreed = 0;
    await fc.assert(
      fc.asyncProperty(pattern, async text => {
        const fromEngine = (await engineDocker().listNetworks({ filters: { name: [text] } }))
          .map(n => n.Name)
          .filter(name => inCorpus.has(name))
          .sort();
        const shown = filterNetworks(corpus, { ...emptyFilter(), name: [text] }, { inUseNetworkIds: new Set() })
          .map(n => n.Name)
          .sort();
        assert.deepEqual(
          shown,
          fromEngine,
          `pattern ${JSON.stringify(text)}: the view shows [${shown.join(', ')}], the engine [${fromEngine.join(', ')}]`,
        );
        agreed++;
      }),
      { numRuns: 250, seed: 20261203 },
    );
    console.log(`  name filter: ${agreed} of 250 generated patterns agree with the engine`);
  });
});
