// The one result shape every IPAM check returns, so the wizard can show errors and warnings next to the field
// they concern and offer a one-click fix where there is an obvious one.

export type IssueSeverity = 'error' | 'warning';

export interface IpamIssue {
  readonly severity: IssueSeverity;
  /** Where the problem is, e.g. `subnets[0].gateway`, `gateways[1]`, `labels[2]`. */
  readonly field: string;
  /** Names the offending value and says why, in plain words. */
  readonly message: string;
  /** A value that would fix the problem, when there is an obvious one. */
  readonly suggestion?: string;
}

export function error(field: string, message: string, suggestion?: string): IpamIssue {
  return suggestion === undefined ? { severity: 'error', field, message } : { severity: 'error', field, message, suggestion };
}

export function warning(field: string, message: string, suggestion?: string): IpamIssue {
  return suggestion === undefined ? { severity: 'warning', field, message } : { severity: 'warning', field, message, suggestion };
}

export function hasErrors(issues: readonly IpamIssue[]): boolean {
  return issues.some(issue => issue.severity === 'error');
}
