import { escapeText, NodeIds, shortSubscription } from '../../diagram/mermaid-text';

describe('escapeText', () => {
  it('turns each run of line breaks into one space', () => {
    expect(escapeText('a\r\nb\n\nc\rd')).toBe('a b c d');
  });
});

describe('shortSubscription', () => {
  it('cuts a GUID to its first block, and shortens anything else in the middle', () => {
    expect(shortSubscription('12345678-90AB-cdef-1234-567890abcdef')).toBe('12345678…');
    // A GUID further on is not a GUID at the start: the id is shortened as any other text.
    expect(shortSubscription('sub-12345678-90ab-cdef-1234-567890abcdef')).toBe('sub-12345678…67890abcdef');
  });
});

describe('NodeIds', () => {
  it('keeps 48 characters of a long name, and numbers the ids of names that share them from 2 up', () => {
    const ids = new NodeIds();
    const long = 'a'.repeat(60);
    expect(ids.for(long)).toBe('a'.repeat(48));
    expect(ids.for(`${'a'.repeat(48)}b`)).toBe(`${'a'.repeat(48)}_2`);
    expect(ids.for(`${'a'.repeat(48)}.c`)).toBe(`${'a'.repeat(48)}_3`);
    expect(ids.for('a-b')).toBe('a_b');
  });
});
