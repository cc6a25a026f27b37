import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { ROOT } from '../support/root';

/**
 * The constructs' API reference (docs/api, TypeDoc) is only as good as their TSDoc: every exported class, interface,
 * type and function of constructs/ has a comment, and so does every public member; an optional prop says its default.
 */
function undocumented(file: string): string[] {
  const text = readFileSync(join(ROOT, 'constructs', file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const problems: string[] = [];
  const doc = (node: ts.Node) =>
    ts
      .getJSDocCommentsAndTags(node)
      .map((d) => d.getText())
      .join('\n');
  const isExported = (node: ts.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isPublic = (node: ts.Node) =>
    !(ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword));
  const name = (node: ts.Node) => (node as { name?: ts.Node }).name?.getText() ?? '(anonymous)';

  for (const statement of source.statements) {
    if (!isExported(statement) || ts.isExportDeclaration(statement)) continue;
    if (/@internal/.test(doc(statement))) continue;
    if (ts.isVariableStatement(statement)) {
      if (!doc(statement)) problems.push(`${file}: ${statement.declarationList.declarations[0].name.getText()}`);
      continue;
    }
    if (!doc(statement)) problems.push(`${file}: ${name(statement)}`);
    if (ts.isInterfaceDeclaration(statement)) {
      for (const member of statement.members) {
        const comment = doc(member);
        if (!comment) problems.push(`${file}: ${name(statement)}.${name(member)}`);
        else if (member.questionToken && !/@default/.test(comment)) {
          problems.push(`${file}: ${name(statement)}.${name(member)} is optional and says no @default`);
        }
      }
    }
    if (ts.isClassDeclaration(statement)) {
      for (const member of statement.members) {
        if (ts.isConstructorDeclaration(member) || !isPublic(member)) continue;
        if (!doc(member)) problems.push(`${file}: ${name(statement)}.${name(member)}`);
      }
    }
  }
  return problems;
}

describe('TSDoc of the constructs', () => {
  const files = readdirSync(join(ROOT, 'constructs')).filter((f) => f.endsWith('.ts') && f !== 'index.ts');

  it.each(files)('%s documents every export, public member and default', (file) => {
    expect(undocumented(file)).toEqual([]);
  });
});
