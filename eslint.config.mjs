// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdktf.out/', 'dist/', 'coverage/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
      // The package root loads every one of the provider's 1,527 modules (about 3 s and 400 MB a process):
      // resources are imported by their deep path, @cdktf/provider-azurerm/lib/<resource>.
      'no-restricted-imports': [
        'error',
        {
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
        },
      ],
    },
  },
);
