// puppeteer (the browser mermaid-cli drives) uses Debian's chromium (puppeteer-config.json): it downloads no browser.
module.exports = { skipDownload: true };
