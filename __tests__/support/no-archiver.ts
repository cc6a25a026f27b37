/**
 * Stands in for `archiver` in tests (jest.config.js maps it here). cdktf requires it when it loads, for the zip
 * archives of `TerraformAsset`, and with it about 200 modules (lodash, readable-stream, glob and more): about half of
 * what loading cdktf costs in each test file. This project synthesizes no assets; a test that did would get this error
 * rather than a silently different archive.
 */
module.exports = function archiver(): never {
  throw new Error(
    'archiver is not loaded in tests (jest.config.js maps it here): no test may archive a TerraformAsset',
  );
};
