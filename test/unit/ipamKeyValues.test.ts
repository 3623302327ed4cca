import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { IpamIssue } from '../../src/model/ipam/issues';
import {
  KeyValueEntry,
  KeyValueKind,
  parseKeyValue,
  parseKeyValueList,
  splitKeyValueList,
  validateKeyValues,
} from '../../src/model/ipam/keyValues';

const err = (field: string, message: string, suggestion?: string): IpamIssue =>
  suggestion === undefined ? { severity: 'error', field, message } : { severity: 'error', field, message, suggestion };
const warn = (field: string, message: string): IpamIssue => ({ severity: 'warning', field, message });

describe('key=value entries: splitting', () => {
  const lists: [string, string[]][] = [
    ['a=b,c=d', ['a=b', 'c=d']],
    ['a=b, c=d ,', ['a=b', 'c=d']],
    ['team', ['team']],
    ['', []],
    [' , ,', []],
    ['desc=my network,env=dev', ['desc=my network', 'env=dev']],
  ];
  for (const [text, expected] of lists) {
    test(`"${text}" is ${JSON.stringify(expected)}`, () => assert.deepEqual(splitKeyValueList(text), expected));
  }

  const entries: [string, KeyValueEntry][] = [
    ['a=b', { key: 'a', value: 'b', hasValue: true }],
    ['a', { key: 'a', value: '', hasValue: false }],
    ['a=', { key: 'a', value: '', hasValue: true }],
    ['a=b=c', { key: 'a', value: 'b=c', hasValue: true }],
    ['=b', { key: '', value: 'b', hasValue: true }],
  ];
  for (const [raw, expected] of entries) {
    test(`"${raw}" splits at the first "="`, () => assert.deepEqual(parseKeyValue(raw), expected));
  }
});

describe('key=value entries: rules per kind', () => {
  const cases: [string, KeyValueKind, string[], Record<string, string>, IpamIssue[]][] = [
    ['labels with and without values', 'label', ['env=prod', 'team', 'note=a=b'], { env: 'prod', team: '', note: 'a=b' }, []],
    ['a label value may hold spaces', 'label', ['desc=my network'], { desc: 'my network' }, []],
    ['a label without a name', 'label', ['=prod'], {}, [err('labels[0]', 'Label "=prod" is not valid: the key is empty.')]],
    [
      'a label name with whitespace',
      'label',
      ['my env=prod'],
      {},
      [err('labels[0]', 'Label "my env=prod" is not valid: the key "my env" contains whitespace.', 'myenv=prod')],
    ],
    [
      'a label name with a leading space',
      'label',
      [' env'],
      {},
      [err('labels[0]', 'Label " env" is not valid: the key " env" contains whitespace.', 'env')],
    ],
    [
      'a label in a namespace Docker reserves',
      'label',
      ['com.docker.network.x=1', 'io.docker.y', 'org.dockerproject.z=2', 'com.example.ok=1'],
      { 'com.docker.network.x': '1', 'io.docker.y': '', 'org.dockerproject.z': '2', 'com.example.ok': '1' },
      [
        warn('labels[0]', 'Label "com.docker.network.x" uses the "com.docker." namespace, which Docker reserves for its own labels.'),
        warn('labels[1]', 'Label "io.docker.y" uses the "io.docker." namespace, which Docker reserves for its own labels.'),
        warn('labels[2]', 'Label "org.dockerproject.z" uses the "org.dockerproject." namespace, which Docker reserves for its own labels.'),
      ],
    ],
    [
      'a label given twice alike',
      'label',
      ['env=prod', 'env=prod'],
      { env: 'prod' },
      [warn('labels[1]', 'Label "env" is given twice with the same value.')],
    ],
    [
      'a label given twice differently',
      'label',
      ['env=prod', 'env=dev'],
      { env: 'dev' },
      [err('labels[1]', 'Label "env" is given twice, as "prod" and as "dev"; Docker would keep only the last.')],
    ],
    [
      'driver options',
      'driverOption',
      ['com.docker.network.driver.mtu=1400', 'parent=eth0'],
      { 'com.docker.network.driver.mtu': '1400', parent: 'eth0' },
      [],
    ],
    [
      'a driver option may be empty after "="',
      'driverOption',
      ['com.docker.network.bridge.name='],
      { 'com.docker.network.bridge.name': '' },
      [],
    ],
    [
      'a driver option without a value',
      'driverOption',
      ['mtu'],
      {},
      [err('driverOptions[0]', 'Driver option "mtu" has no value: write it as mtu=<value>.')],
    ],
    [
      'a driver option without a key',
      'driverOption',
      ['=1400'],
      {},
      [err('driverOptions[0]', 'Driver option "=1400" is not valid: the key is empty.')],
    ],
    [
      'a driver option given twice differently',
      'driverOption',
      ['mtu=1500', 'mtu=1400'],
      { mtu: '1400' },
      [err('driverOptions[1]', 'Driver option "mtu" is given twice, as "1500" and as "1400"; Docker would keep only the last.')],
    ],
    [
      'an IPAM option without a value',
      'ipamOption',
      ['foo'],
      {},
      [err('ipamOptions[0]', 'IPAM option "foo" has no value: write it as foo=<value>.')],
    ],
    [
      'an IPAM option with whitespace in its key',
      'ipamOption',
      ['fo o=1'],
      {},
      [err('ipamOptions[0]', 'IPAM option "fo o=1" is not valid: the key "fo o" contains whitespace.', 'foo=1')],
    ],
    ['aux addresses of both families', 'auxAddress', ['router=10.1.0.2', 'v6=2001:db8::2'], { router: '10.1.0.2', v6: '2001:db8::2' }, []],
    [
      'an aux address without "="',
      'auxAddress',
      ['router'],
      {},
      [err('auxAddresses[0]', 'Auxiliary address "router" has no address: write it as router=<address>.')],
    ],
    [
      'an aux address with an empty address',
      'auxAddress',
      ['router='],
      {},
      [err('auxAddresses[0]', 'Auxiliary address "router" has no address: write it as router=<address>.')],
    ],
    [
      'an aux address that is not an address',
      'auxAddress',
      ['router=10.1.0.300'],
      {},
      [err('auxAddresses[0]', 'Auxiliary address "router" is not valid: "10.1.0.300" is not an IPv4 or IPv6 address.')],
    ],
    [
      'an aux name given twice',
      'auxAddress',
      ['r=10.1.0.2', 'r=10.1.0.3'],
      { r: '10.1.0.3' },
      [err('auxAddresses[1]', 'Auxiliary address "r" is given twice, as "10.1.0.2" and as "10.1.0.3"; Docker would keep only the last.')],
    ],
  ];
  const fields: Record<KeyValueKind, string> = {
    label: 'labels',
    driverOption: 'driverOptions',
    ipamOption: 'ipamOptions',
    auxAddress: 'auxAddresses',
  };
  for (const [name, kind, raws, values, issues] of cases) {
    test(name, () => assert.deepEqual(validateKeyValues(raws, kind, fields[kind]), { values, issues }));
  }

  test('a comma list is validated entry by entry', () => {
    assert.deepEqual(parseKeyValueList('env=prod, team,=x', 'label', 'labels'), {
      values: { env: 'prod', team: '' },
      issues: [err('labels[2]', 'Label "=x" is not valid: the key is empty.')],
    });
  });
});
