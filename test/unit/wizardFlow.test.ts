import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { askOnce, runFlow, Step } from '../../src/ui/wizard/flow';
import { BACK } from '../../src/ui/wizard/prompter';
import { CANCEL, ScriptedPrompter } from '../support/scriptedPrompter';

interface Answers {
  first?: string;
  second?: string;
}
const first: Step<Answers> = async (s, ask) => {
  s.first = await ask.input({ prompt: 'First question', placeholder: 'e.g. a', value: s.first });
};
const second: Step<Answers> = async (s, ask) => {
  s.second = await ask.input({ prompt: 'Second question', placeholder: 'e.g. b' });
};

describe('wizard flow: Back and Cancel are handled by the flow, not by steps', () => {
  test('Back goes to the previous step, which shows its earlier answer; the counter names each step', async () => {
    const prompter = new ScriptedPrompter(['a', BACK, 'a2', 'b']);
    const state: Answers = {};
    assert.equal(await runFlow(prompter, 'Demo', state, () => [first, second]), true);
    assert.deepEqual(state, { first: 'a2', second: 'b' });
    assert.deepEqual(
      prompter.asked.map(q => q.title),
      ['Demo (1/2)', 'Demo (2/2)', 'Demo (1/2)', 'Demo (2/2)'],
    );
  });

  test('Back on the first step and Escape anywhere end the flow unfinished', async () => {
    assert.equal(await runFlow(new ScriptedPrompter([BACK]), 'Demo', {}, () => [first, second]), false);
    assert.equal(await runFlow(new ScriptedPrompter(['a', CANCEL]), 'Demo', {}, () => [first, second]), false);
  });

  test('a step may go back or cancel on its own, and errors other than Back and Cancel reach the caller', async () => {
    const refuses: Step<Answers> = async (_s, ask) => {
      await ask.explain('Nothing here', 'Go back');
      ask.back();
    };
    const prompter = new ScriptedPrompter(['a', 'OK', CANCEL]);
    assert.equal(await runFlow(prompter, 'Demo', {}, () => [first, refuses]), false);
    assert.equal(prompter.question('First question').value, 'a', 'back on the first step, with its answer');
    const broken: Step<Answers> = async () => {
      throw new Error('engine gone');
    };
    await assert.rejects(
      runFlow(new ScriptedPrompter([]), 'Demo', {}, () => [broken]),
      /engine gone/,
    );
  });

  test('a single question gives its answer, or undefined when cancelled', async () => {
    assert.equal(
      await askOnce(new ScriptedPrompter(['x']), 'One', ask => ask.input({ prompt: 'Only question', placeholder: 'e.g. x' })),
      'x',
    );
    assert.equal(
      await askOnce(new ScriptedPrompter([CANCEL]), 'One', ask => ask.input({ prompt: 'Only question', placeholder: 'e.g. x' })),
      undefined,
    );
  });
});
