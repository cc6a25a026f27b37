/**
 * cdktf's matchers (toHaveResource, toHaveResourceWithProperties, toHaveProvider…), registered under their names in
 * every test file but loaded on first use: most files never synthesize, and loading cdktf costs each of them about
 * 0.2 s of CPU. A matcher called for the first time has cdktf register the real ones, then calls the real one.
 */
type Matcher = (this: jest.MatcherContext, received: unknown, ...args: unknown[]) => jest.CustomMatcherResult;

const CDKTF_MATCHERS = [
  'toHaveResource',
  'toHaveResourceWithProperties',
  'toHaveDataSource',
  'toHaveDataSourceWithProperties',
  'toHaveProvider',
  'toHaveProviderWithProperties',
  'toBeValidTerraform',
  'toPlanSuccessfully',
] as const;

let cdktfMatchers: Record<string, Matcher> | undefined;

/** The matchers cdktf's Testing.setupJest() registers, captured from the call it makes to expect.extend. */
function loadCdktfMatchers(): Record<string, Matcher> {
  if (cdktfMatchers) return cdktfMatchers;
  const realExtend = expect.extend.bind(expect);
  expect.extend = (matchers) => {
    cdktfMatchers = matchers as unknown as Record<string, Matcher>;
    realExtend(matchers);
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('cdktf') as typeof import('cdktf')).Testing.setupJest();
  } finally {
    expect.extend = realExtend;
  }
  return cdktfMatchers!;
}

expect.extend(
  Object.fromEntries(
    CDKTF_MATCHERS.map((name): [string, Matcher] => [
      name,
      function (this: jest.MatcherContext, received: unknown, ...args: unknown[]) {
        return loadCdktfMatchers()[name].call(this, received, ...args);
      },
    ]),
  ),
);
