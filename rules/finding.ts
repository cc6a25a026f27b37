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
