// @ts-check
import tseslint from 'typescript-eslint';

// The package root loads every one of the provider's 1,527 modules (about 3 s and 400 MB a process):
// resources are imported by their deep path, @cdktf/provider-azurerm/lib/<resource>.
const deepImports = {
  paths: [
    { name: '@cdktf/provider-azurerm', message: 'Import @cdktf/provider-azurerm/lib/<resource> instead.' },
    { name: '@cdktf/provider-random', message: 'Import @cdktf/provider-random/lib/<resource> instead.' },
  ],
  patterns: [
    {
      regex: '^@cdktf/provider-[a-z-]+/lib$',
      message: 'Import @cdktf/provider-<name>/lib/<resource> instead.',
    },
  ],
};

/**
 * The layers: app (main.ts, synthesize.ts, scripts) -> topology file (topology/) -> model (topology/model.ts) <-
 * constructs, and the rules over the model only. Each folder names the folders it must not import; ESLint replaces a
 * rule's options per block, so every block repeats the deep-import restrictions.
 */
const layer = (files, forbidden) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: deepImports.paths,
        patterns: [...deepImports.patterns, ...forbidden.map(([regex, message]) => ({ regex, message }))],
      },
    ],
  },
});
const notConstructs = [
  '^\\.\\./constructs(/|$)',
  'The model, the rules and the file reader do not depend on the constructs.',
];
const notFileReader = [
  '^\\.\\./topology/(?!model$)',
  'Constructs and rules use the model (topology/model), never the topology file reader: constructs work without it.',
];
// The file reader and the rules run before the app loads cdktf (main.ts): a refused file loads cdktf's token module and
// nothing else of cdktf, constructs or the providers.
const notCdktf = [
  '^cdktf(?!/lib/tokens/token$)(/|$)|^constructs(/|$)|^@cdktf/',
  'The file reader and the rules run before the app loads cdktf: of cdktf, import only cdktf/lib/tokens/token.',
];
const notApp = [
  '^\\.\\./(review|scripts|bench|examples)(/|$)|^\\.\\./(main|synthesize)$',
  'The library does not import the app.',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'cdktf.out/',
      'dist/',
      'lib/',
      'coverage/',
      'docs/api/',
      '.stryker-tmp/',
      '.mutation-bundle/',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', deepImports],
    },
  },
  layer(['constructs/**/*.ts', 'diagram/**/*.ts'], [notFileReader, notApp]),
  layer(['rules/**/*.ts'], [notConstructs, notFileReader, notCdktf, notApp]),
  layer(['topology/**/*.ts'], [notConstructs, notCdktf, notApp]),
  layer(
    ['topology/model.ts'],
    [
      notConstructs,
      notCdktf,
      notApp,
      ['^\\./(?!model$)', 'The model is its own: it does not derive from the topology file (schema, zod).'],
      ['^zod$', 'The model is its own: it does not derive from the topology file (schema, zod).'],
    ],
  ),
  // The app checks a topology file before it loads cdktf: main.ts imports the file reader and the rules by their own
  // modules, and synthesize.ts, which uses the package as an installed app would, with `await import()` once the file
  // has passed (this rule does not look at `import()`).
  layer(
    ['main.ts'],
    [
      [
        '^(cdktf|constructs)(/|$)|^@cdktf/|^\\./(?!(rules|topology)(/|$))',
        'A refused file must not load cdktf: import ./topology and ./rules modules, and the synthesis with await import().',
      ],
    ],
  ),
  layer(
    ['synthesize.ts'],
    [
      [
        '^\\./(?!index$)',
        'The app uses only what the package exports: import from ./index, as an installed app would.',
      ],
    ],
  ),
  layer(
    ['azure/**/*.ts', 'net/**/*.ts'],
    [notConstructs, notFileReader, notCdktf, ['^\\.\\./(rules|diagram)(/|$)', 'azure/ and net/ are leaves.'], notApp],
  ),
);
