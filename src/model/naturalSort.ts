// Natural order, as the docker CLI sorts network names: net-2 before net-10.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b);
}
