/** One thing wrong with (error) or worth knowing about (warning) a topology. */
export interface Finding {
  readonly severity: 'error' | 'warning';
  /** Where the user wrote the value: `networks[1].gatewaySubnetPrefix` in a file, a construct path in code. */
  readonly path: string;
  /** One sentence: the thing by its name, the bad value, the rule, and the fix. */
  readonly message: string;
}

export const error = (path: string, message: string): Finding => ({ severity: 'error', path, message });
export const warning = (path: string, message: string): Finding => ({ severity: 'warning', path, message });

/** `error: networks[1].gatewaySubnetPrefix: network "VNet4": …` */
export function formatFinding(finding: Finding): string {
  return `${finding.severity}: ${finding.path}: ${finding.message}`;
}

/** The most findings a report prints: however bad a file is, the report fits on a screen. */
export const MAX_REPORTED_FINDINGS = 50;

/**
 * Report lines for findings: at most `MAX_REPORTED_FINDINGS`, then one line saying how many more there are. Errors
 * come first, so that what stops a run is never among the ones left out.
 */
export function formatFindings(findings: readonly Finding[], prefix = ''): string[] {
  const ordered = [
    ...findings.filter((f) => f.severity === 'error'),
    ...findings.filter((f) => f.severity !== 'error'),
  ];
  const lines = ordered
    .slice(0, MAX_REPORTED_FINDINGS)
    .map((f) => formatFinding(prefix ? { ...f, path: `${prefix}: ${f.path}` } : f));
  const more = ordered.length - MAX_REPORTED_FINDINGS;
  if (more > 0) lines.push(`… and ${more} more finding${more > 1 ? 's' : ''}`);
  return lines;
}
