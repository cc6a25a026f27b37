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

/**
 * C0 controls, DEL, C1 controls, U+2028/2029 and the bidirectional embedding, override and isolate controls: what
 * moves a terminal's cursor, ends a line, or changes how the rest of a line reads.
 */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Text with each control character written as `\uXXXX`: one line, read as it is. */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

/**
 * `error: networks[1].gatewaySubnetPrefix: network "VNet4": …`. Whatever a message quotes, the line is one line: a
 * name holding a newline cannot forge a finding of its own.
 */
export function formatFinding(finding: Finding): string {
  const line = escapeControlCharacters(`${finding.severity}: ${finding.path}: ${finding.message}`);
  // A message that quotes a huge value (a name of a megabyte) is cut: a finding is a line, not a dump.
  return line.length > MAX_FINDING_LENGTH ? `${line.slice(0, MAX_FINDING_LENGTH)}…` : line;
}

/** The longest finding line printed. */
export const MAX_FINDING_LENGTH = 1000;

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
