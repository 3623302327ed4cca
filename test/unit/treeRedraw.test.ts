import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { DrawPacer, PacerClock } from '../../src/model/drawPacer';
import { CurrentTree, DrawnTree } from '../../src/model/treeChanges';

/** A tree as plain data: parent id → child ids, id → look. */
function treeOf(children: Record<string, string[]>, looks: Record<string, string> = {}): CurrentTree {
  const exists = (id: string) => Object.values(children).some(ids => ids.includes(id));
  return {
    rootIds: children[''] ?? [],
    childIds: id => children[id] ?? (exists(id) ? [] : undefined),
    look: id => (exists(id) ? (looks[id] ?? id) : undefined),
  };
}

/** What VS Code does when it shows `tree` with `expanded` open: asks for their children and draws every row. */
function draw(drawn: DrawnTree<string>, tree: CurrentTree, expanded: string[]): void {
  const show = (parent: string | undefined) => {
    const ids = parent === undefined ? tree.rootIds : (tree.childIds(parent) ?? []);
    drawn.gaveChildren(
      parent,
      ids.map(id => ({ id, node: id })),
    );
    for (const id of ids) {
      drawn.drewLook(id, tree.look(id)!);
      if (expanded.includes(id)) show(id);
    }
  };
  show(undefined);
}

describe('which rows a data change redraws', () => {
  const before = treeOf({ '': ['net-a', 'net-b'], 'net-a': ['a/web', 'a/db'], 'net-b': ['b/web'] });

  test('nothing changed: nothing is redrawn', () => {
    const drawn = new DrawnTree<string>();
    draw(drawn, before, ['net-a']);
    assert.deepEqual(drawn.changesTo(before), { kind: 'none' });
  });

  test('a network that looks different is the only row redrawn', () => {
    const drawn = new DrawnTree<string>();
    draw(drawn, before, ['net-a']);
    const after = treeOf({ '': ['net-a', 'net-b'], 'net-a': ['a/web', 'a/db'], 'net-b': ['b/web'] }, { 'net-b': 'net-b · 2 endpoints' });
    assert.deepEqual(drawn.changesTo(after), { kind: 'nodes', nodes: ['net-b'] });
  });

  test('an endpoint added to an open network redraws that network, not the others', () => {
    const drawn = new DrawnTree<string>();
    draw(drawn, before, ['net-a', 'net-b']);
    const after = treeOf({ '': ['net-a', 'net-b'], 'net-a': ['a/web', 'a/db', 'a/cache'], 'net-b': ['b/web'] });
    assert.deepEqual(drawn.changesTo(after), { kind: 'nodes', nodes: ['net-a'] });
  });

  test('children of a network VS Code never opened are not its business', () => {
    const drawn = new DrawnTree<string>();
    draw(drawn, before, []);
    const after = treeOf({ '': ['net-a', 'net-b'], 'net-a': ['a/web'], 'net-b': ['b/web'] });
    assert.deepEqual(drawn.changesTo(after), { kind: 'none' });
  });

  test('a network created or removed redraws the top level', () => {
    const drawn = new DrawnTree<string>();
    draw(drawn, before, ['net-a']);
    assert.deepEqual(drawn.changesTo(treeOf({ '': ['net-a', 'net-b', 'net-c'], 'net-a': ['a/web', 'a/db'] })), { kind: 'all' });
    const again = new DrawnTree<string>();
    draw(again, before, ['net-a']);
    assert.deepEqual(again.changesTo(treeOf({ '': ['net-b'] })), { kind: 'all' });
  });

  test('a redraw is announced once, even before VS Code has asked again', () => {
    const drawn = new DrawnTree<string>();
    draw(drawn, before, ['net-a']);
    const after = treeOf({ '': ['net-a', 'net-b'], 'net-a': ['a/web'], 'net-b': ['b/web'] }, { 'a/web': 'web (stopped)' });
    assert.deepEqual(drawn.changesTo(after), { kind: 'nodes', nodes: ['net-a', 'a/web'] });
    assert.deepEqual(drawn.changesTo(after), { kind: 'none' });
  });

  test('a change event names the element VS Code holds for the id', () => {
    const drawn = new DrawnTree<{ id: string }>();
    const held = { id: 'net-a' };
    drawn.gaveChildren(undefined, [{ id: 'net-a', node: held }]);
    drawn.drewLook('net-a', 'old');
    const redraw = drawn.changesTo({ rootIds: ['net-a'], childIds: () => [], look: () => 'new' });
    assert.equal(redraw.kind === 'nodes' && redraw.nodes[0], held);
    assert.equal(drawn.elementFor('net-a'), held);
  });
});

/** A clock the test moves by hand. */
function manualClock(): PacerClock & { advance(ms: number): void } {
  let now = 1000;
  let timers: { at: number; run: () => void }[] = [];
  return {
    now: () => now,
    setTimeout: (run, ms) => {
      const timer = { at: now + ms, run };
      timers.push(timer);
      return timer;
    },
    clearTimeout: handle => {
      timers = timers.filter(timer => timer !== handle);
    },
    advance(ms) {
      const end = now + ms;
      for (let next = timers.find(t => t.at <= end); next; next = timers.find(t => t.at <= end)) {
        timers = timers.filter(t => t !== next);
        now = next.at;
        next.run();
      }
      now = end;
    },
  };
}

describe('pacing tree redraws to what VS Code draws at once', () => {
  test('a single change is drawn at once', () => {
    const clock = manualClock();
    const draws: number[] = [];
    const pacer = new DrawPacer(() => draws.push(clock.now()) > 0, 220, clock);
    pacer.request();
    assert.deepEqual(draws, [1000]);
  });

  test('a long burst is drawn once per window, never held until its end', () => {
    const clock = manualClock();
    const draws: number[] = [];
    const pacer = new DrawPacer(() => draws.push(clock.now()) > 0, 220, clock);
    for (let ms = 0; ms < 1000; ms += 10) {
      pacer.request();
      clock.advance(10);
    }
    clock.advance(300);
    assert.deepEqual(draws, [1000, 1220, 1440, 1660, 1880, 2100]);
  });

  test('a draw that found nothing to redraw does not hold back the next one', () => {
    const clock = manualClock();
    const draws: number[] = [];
    let changed = false;
    const pacer = new DrawPacer(
      () => {
        draws.push(clock.now());
        return changed;
      },
      220,
      clock,
    );
    pacer.request();
    clock.advance(50);
    changed = true;
    pacer.request();
    assert.deepEqual(draws, [1000, 1050]);
  });
});
