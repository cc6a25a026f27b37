import { canonicalJson, isObject } from '../../review/json';

describe('canonicalJson', () => {
  it.each<[string, unknown, unknown, boolean]>([
    ['key order is no change', { a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 }, true],
    ['array order is a change', [1, 2], [2, 1], false],
    ['elements stay apart', [1, 2], [12], false],
    ['an absent argument differs from null', undefined, null, false],
    ['a number differs from its string', 1, '1', false],
    ['a nested value that differs is a change', { a: { b: [1, { c: 'x' }] } }, { a: { b: [1, { c: 'y' }] } }, false],
  ])('%s', (_, a, b, same) => {
    expect(canonicalJson(a) === canonicalJson(b)).toBe(same);
  });
});

describe('isObject', () => {
  it.each<[unknown, boolean]>([
    [{}, true],
    [{ a: 1 }, true],
    [[], false],
    [null, false],
    ['a', false],
  ])('%j is an object: %s', (value, expected) => {
    expect(isObject(value)).toBe(expected);
  });
});
