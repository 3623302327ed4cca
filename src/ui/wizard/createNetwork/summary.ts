// The last step of Create Network: what will be created, the equivalent CLI line, and copies of it. Problems that
// span several answers (config-only rules, addressing) block Create here with the engine's reason.
import { CreateNetworkAnswers, DriverOptionKeys, emptyAnswers, toComposeSnippet, toDockerCliCommand } from '../../../model/createNetwork';
import { configProblem, nameProblem, validateAnswersIpam } from '../../../model/createRules';
import { ShellKind, UnquotableValueError } from '../../../model/shellQuoting';
import type { Step } from '../flow';
import { CreateWizardInput, firstIssue, WizardState } from './state';

/** "Create with defaults" means defaults: options configured before going back to that choice are not sent. */
export function effectiveAnswers(s: WizardState): CreateNetworkAnswers {
  if (s.configure) return s.answers;
  const parent = s.answers.driverOptions[DriverOptionKeys.parent];
  return {
    ...emptyAnswers(),
    name: s.answers.name,
    driver: s.answers.driver,
    driverOptions: parent ? { [DriverOptionKeys.parent]: parent } : {},
  };
}

function summaryLine(a: CreateNetworkAnswers): string {
  const parts = [a.driver, ...a.ipv4Subnets.map(s => s.subnet), ...(a.enableIPv6 ? a.ipv6Subnets.map(s => s.subnet) : [])];
  for (const [flag, on] of [
    ['internal', a.internal],
    ['attachable', a.attachable],
    ['config-only', a.configOnly],
    ['IPv6', a.enableIPv6 && !a.ipv6Subnets.length],
  ] as const)
    if (on) parts.push(flag);
  if (Object.keys(a.labels).length) parts.push(`${Object.keys(a.labels).length} label(s)`);
  return parts.join(' · ');
}

/** The equivalent command line, or why the shell cannot carry one of the values. */
function cliLine(
  answers: CreateNetworkAnswers,
  shell: ShellKind,
): { line: string; problem?: undefined } | { line?: undefined; problem: string } {
  try {
    return toDockerCliCommand(answers, shell);
  } catch (err) {
    if (err instanceof UnquotableValueError) return { problem: err.message };
    throw err;
  }
}

function blockingProblem(answers: CreateNetworkAnswers, input: CreateWizardInput): string | undefined {
  const addressing = firstIssue(validateAnswersIpam(answers, input));
  return (
    nameProblem(answers.name, input.existingNetworks) ?? configProblem(answers) ?? (typeof addressing === 'string' ? addressing : undefined)
  );
}

export function summaryStep(input: CreateWizardInput): Step<WizardState> {
  return async (s, ask) => {
    for (;;) {
      const answers = effectiveAnswers(s);
      const problem = blockingProblem(answers, input);
      const command = cliLine(answers, input.shell ?? 'posix');
      const action = await ask.pick({
        placeholder: problem ? `Cannot create yet: ${problem}` : `Create "${answers.name}"? Equivalent: ${command.line ?? command.problem}`,
        options: [
          ...(problem ? [] : [{ label: `Create network "${answers.name}"`, description: summaryLine(answers), value: 'create' as const }]),
          { label: 'Copy docker CLI command', description: command.line ?? `not possible: ${command.problem}`, value: 'copyCli' as const },
          { label: 'Copy as Compose', description: 'a networks: entry', value: 'copyCompose' as const },
        ],
      });
      if (action === 'create') return;
      if (action === 'copyCompose') await input.copy(toComposeSnippet(answers), 'the Compose networks: entry');
      else if (command.line !== undefined) await input.copy(command.line, 'the docker CLI command');
      else await ask.explain('The command line cannot be copied', command.problem);
    }
  };
}
