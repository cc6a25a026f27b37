import { Lazy } from 'cdktf';

/** What the jest setup file __tests__/support/token-traces.ts changes, and what it must leave alone. */
describe('token creation traces in tests', () => {
  it('cdktf keeps no creation stack for a token, unless VNET2VNET_TOKEN_TRACES asks for them', () => {
    const lazy = Lazy.anyValue({ produce: () => 'x' }) as unknown as { creationStack: string[] };
    if (process.env.VNET2VNET_TOKEN_TRACES) expect(lazy.creationStack.join('\n')).toContain('test-setup.test');
    else expect(lazy.creationStack).toEqual([]);
  });

  it('an Error still has its frames, mapped to the TypeScript line', () => {
    const error = new Error('here');
    expect(error.stack).toMatch(/^Error: here\n {4}at .*__tests__\/lint\/test-setup\.test\.ts:12:\d+\)?$/m);
  });
});
