import { parseStrictJson } from '../../topology/strict-json';

describe('parseStrictJson', () => {
  it.each([
    ['{"a": 1, "b": {"a": 2}}', { a: 1, b: { a: 2 } }],
    ['\ufeff{"a": 1}', { a: 1 }],
    ['[{"k": 1}, {"k": 2}]', [{ k: 1 }, { k: 2 }]],
    ['{"a\\"b": 1, "a\\\\": 2}', { 'a"b': 1, 'a\\': 2 }],
    // A value that looks like a key is a value.
    ['{"a": "__proto__", "b": ["constructor"]}', { a: '__proto__', b: ['constructor'] }],
  ])('accepts %j', (text, value) => {
    expect(parseStrictJson(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['{"a": 1, "a": 2}', ['a'], 'the key "a" is written twice in one object (JSON keeps only the last); keep one'],
    [
      '{"n": [{"x": 1}, {"y": 1, "y": 2}]}',
      ['n', 1, 'y'],
      'the key "y" is written twice in one object (JSON keeps only the last); keep one',
    ],
    // A list that closes leaves the object it sits in.
    [
      '{"l": [1, [2]], "l": 3}',
      ['l'],
      'the key "l" is written twice in one object (JSON keeps only the last); keep one',
    ],
    // The same key once escaped and once not is the same key.
    [
      '{"a": 1, "\\u0061": 2}',
      ['a'],
      'the key "a" is written twice in one object (JSON keeps only the last); keep one',
    ],
    ['{"__proto__": {}}', ['__proto__'], 'the key "__proto__" is not allowed in a topology file; remove it'],
    [
      '{"t": {"constructor": "x"}}',
      ['t', 'constructor'],
      'the key "constructor" is not allowed in a topology file; remove it',
    ],
    [
      '{"t": {"prototype": "x"}}',
      ['t', 'prototype'],
      'the key "prototype" is not allowed in a topology file; remove it',
    ],
  ])('refuses %j at its path', (text, path, message) => {
    expect(parseStrictJson(text)).toEqual({ ok: false, keys: [{ path, message }] });
  });

  it('reports a syntax error as JavaScript names it', () => {
    const result = parseStrictJson('{"a": }');
    expect(result.ok).toBe(false);
    expect('syntax' in result && result.syntax).toMatch(/JSON|token/);
  });

  it('stops at 100 key problems, however many the text holds', () => {
    const text = `{${Array.from({ length: 1000 }, () => '"a": 1').join(', ')}}`;
    const result = parseStrictJson(text);
    expect('keys' in result && result.keys).toHaveLength(100);
  });
});
