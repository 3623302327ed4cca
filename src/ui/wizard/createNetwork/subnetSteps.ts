// The addressing steps of one IPv4 or IPv6 subnet entry: subnet, gateway, IP range, auxiliary addresses, and (where
// the driver takes several) "add another?". Each value is checked against the whole IPAM request as it is typed.
import type { SubnetAnswer } from '../../../model/createNetwork';
import { validateAnswersIpam } from '../../../model/createRules';
import { defaultGateway, parseKeyValueList, suggestFreeSubnet, takenSubnets } from '../../../model/ipam';
import type { Step } from '../flow';
import { CreateWizardInput, firstIssue, WizardState } from './state';

type Family = 'ipv4' | 'ipv6';

const entriesOf = (s: WizardState, family: Family) => (family === 'ipv4' ? s.answers.ipv4Subnets : s.answers.ipv6Subnets);

function suggestSubnet(s: WizardState, family: Family, input: CreateWizardInput): string | undefined {
  const taken = [
    ...takenSubnets([...input.existingNetworks]),
    ...input.hostAddresses.map(h => h.cidr),
    ...s.answers.ipv4Subnets.map(e => e.subnet),
    ...s.answers.ipv6Subnets.map(e => e.subnet),
  ].filter(Boolean);
  if (family === 'ipv6') return suggestFreeSubnet([{ base: 'fd00::/48', size: 64 }], taken);
  return suggestFreeSubnet(input.pools, taken, input.subnetSize);
}

export function subnetSteps(s: WizardState, family: Family, input: CreateWizardInput): Step<WizardState>[] {
  const list = entriesOf(s, family);
  const offset = family === 'ipv4' ? 0 : s.answers.ipv4Subnets.length;
  const label = family === 'ipv4' ? 'IPv4' : 'IPv6';
  const steps: Step<WizardState>[] = [];
  list.forEach((_entry, index) => {
    const field = `subnets[${offset + index}]`;
    const entry = (st: WizardState) => entriesOf(st, family)[index];
    const count = list.length > 1 ? ` ${index + 1}` : '';
    /** The first issue the answers would have with this one change, limited to the field being asked. */
    const check = (st: WizardState, change: (e: SubnetAnswer) => void, prefix: string) => {
      const trial = structuredClone(st.answers);
      change(entriesOf({ ...st, answers: trial }, family)[index]);
      return firstIssue(validateAnswersIpam(trial, input), prefix);
    };
    steps.push(async (st, ask) => {
      const suggestion = suggestSubnet(st, family, input);
      const answer = await ask.input({
        prompt: `${label} subnet${count} of "${st.answers.name}" in CIDR notation`,
        placeholder: suggestion ? `free subnet: ${suggestion}` : family === 'ipv4' ? 'e.g. 172.30.0.0/16' : 'e.g. fd00:1::/64',
        value: entry(st).subnet || suggestion || '',
        validate: text =>
          check(
            st,
            e => {
              e.subnet = text.trim();
            },
            `${field}.subnet`,
          ) ??
          check(
            st,
            e => {
              e.subnet = text.trim();
            },
            field,
          ),
      });
      entry(st).subnet = answer.trim();
    });
    steps.push(async (st, ask) => {
      const suggestion = defaultGateway(entry(st).subnet);
      const answer = await ask.input({
        prompt: `Gateway of ${entry(st).subnet}: the address the host takes on this network. Empty: the engine picks the first address.`,
        placeholder: suggestion ? `e.g. ${suggestion}` : 'an address inside the subnet',
        value: entry(st).gateway ?? '',
        validate: text =>
          check(
            st,
            e => {
              e.gateway = text.trim() || undefined;
            },
            `${field}.gateway`,
          ),
      });
      entry(st).gateway = answer.trim() || undefined;
    });
    steps.push(async (st, ask) => {
      const answer = await ask.input({
        prompt: `IP range inside ${entry(st).subnet} the engine assigns container addresses from. Empty: the whole subnet.`,
        placeholder: family === 'ipv4' ? 'e.g. 172.30.5.0/24' : 'e.g. fd00:1::/80',
        value: entry(st).ipRange ?? '',
        validate: text =>
          check(
            st,
            e => {
              e.ipRange = text.trim() || undefined;
            },
            `${field}.ipRange`,
          ),
      });
      entry(st).ipRange = answer.trim() || undefined;
    });
    steps.push(async (st, ask) => {
      const parse = (text: string) => parseKeyValueList(text, 'auxAddress', `${field}.auxAddresses`);
      const answer = await ask.input({
        prompt: `Auxiliary addresses in ${entry(st).subnet} the engine must not hand out, as name=address. Empty: none.`,
        placeholder: family === 'ipv4' ? 'e.g. router=172.30.0.2, nas=172.30.0.3' : 'e.g. router=fd00:1::2',
        value: Object.entries(entry(st).auxAddresses)
          .map(([k, v]) => `${k}=${v}`)
          .join(', '),
        validate: text =>
          firstIssue(parse(text).issues) ??
          check(
            st,
            e => {
              e.auxAddresses = parse(text).values;
            },
            `${field}.auxAddresses`,
          ),
      });
      entry(st).auxAddresses = parse(answer).values;
    });
    // One "add another?" after each entry, so a new entry's steps come after the pick that added it.
    if (family === 'ipv6' || s.answers.driver !== 'bridge') {
      steps.push(async (st, ask) => {
        const current = entriesOf(st, family);
        const more = await ask.pick({
          placeholder: `Add another ${label} subnet to "${st.answers.name}"?`,
          options: [
            { label: 'No, continue', value: false, picked: current.length === index + 1 },
            { label: `Add another ${label} subnet`, value: true, picked: current.length > index + 1 },
          ],
        });
        if (more && current.length === index + 1) current.push({ subnet: '', auxAddresses: {} });
        if (!more) current.splice(index + 1);
      });
    }
  });
  return steps;
}
