// Renders Mermaid diagrams to SVG with the real Mermaid (the one mermaid-cli loads, in headless Chromium, one page for
// all of them) and measures what was drawn, so that a test can check that no label sits on a node.
//   node scripts/render-diagrams.mjs <outdir>   reads [{ "name": "mesh", "text": "flowchart LR…" }, …] on stdin,
//   writes <outdir>/<name>.svg for each, and prints { "<name>": Geometry } as JSON on stdout.
// The browser is Debian's chromium (puppeteer-config.json; PUPPETEER_EXECUTABLE_PATH overrides its path).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Launch options: the project's puppeteer-config.json, with the browser path from the environment when set. */
export function launchOptions(env = process.env) {
  const config = JSON.parse(readFileSync(join(root, 'puppeteer-config.json'), 'utf8'));
  return { ...config, ...(env.PUPPETEER_EXECUTABLE_PATH ? { executablePath: env.PUPPETEER_EXECUTABLE_PATH } : {}) };
}

/**
 * Boxes in the SVG's own coordinates, measured by the browser: every node's shape and the extent of its text, every
 * subgraph's frame and title, every edge label. A label's text box is its rendered text, so text that runs out of its
 * shape shows as a text box larger than the shape.
 */
function measure() {
  const svg = document.querySelector('svg');
  const origin = svg.getBoundingClientRect();
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x - origin.x, y: r.y - origin.y, width: r.width, height: r.height };
  };
  /** The text inside a label: the spans Mermaid writes, or the whole label when it has none. */
  const textBox = (label) => {
    const parts = [...label.querySelectorAll('.nodeLabel, .edgeLabel p, .edgeLabel span, text')].filter(
      (el) => el.getBoundingClientRect().width > 0,
    );
    if (parts.length === 0) return box(label);
    const boxes = parts.map(box);
    const x = Math.min(...boxes.map((b) => b.x));
    const y = Math.min(...boxes.map((b) => b.y));
    const right = Math.max(...boxes.map((b) => b.x + b.width));
    const bottom = Math.max(...boxes.map((b) => b.y + b.height));
    return { x, y, width: right - x, height: bottom - y };
  };
  // `my-svg-flowchart-gw_VNet1-3` -> `gw_VNet1`: the id the Mermaid text gave it.
  const idOf = (el) =>
    el.id
      .replace(/^my-svg-/, '')
      .replace(/^flowchart-/, '')
      .replace(/-\d+$/, '');
  const nodes = [...svg.querySelectorAll('g.node')].map((g) => {
    const shape = g.querySelector(':scope > rect, :scope > polygon, :scope > path, :scope > g > path, :scope > circle');
    const label = g.querySelector('.label');
    return { id: idOf(g), shape: box(shape ?? g), text: label ? textBox(label) : box(g) };
  });
  const clusters = [...svg.querySelectorAll('g.cluster')].map((g) => ({
    id: idOf(g),
    frame: box(g.querySelector(':scope > rect') ?? g),
    title: textBox(g.querySelector('.cluster-label') ?? g),
  }));
  const edgeLabels = [...svg.querySelectorAll('g.edgeLabel')]
    .map((g) => ({ id: g.id || g.querySelector('[data-id]')?.getAttribute('data-id') || '', text: textBox(g) }))
    .filter((l) => l.text.width > 0 && l.text.height > 0);
  const size = box(svg);
  return { width: size.width, height: size.height, nodes, clusters, edgeLabels };
}

/**
 * Mermaid's ES module bundle, from the `mermaid` package mermaid-cli depends on: the file mermaid-cli's renderMermaid
 * imports, into a fresh page per diagram. Here one page imports it once and draws every diagram.
 */
const mermaidDist = dirname(createRequire(require.resolve('@mermaid-js/mermaid-cli')).resolve('mermaid'));
const MERMAID_MODULE = 'mermaid.esm.mjs';

/**
 * The page's origin, served from mermaidDist by request interception: a module and the chunks it imports cannot load
 * from file:// URLs, and the page reaches no network. (Its classic mermaid.min.js bundle, 3.5 MB injected as a script
 * tag, takes several times as long to load as the module, which loads only the chunks a flowchart needs.)
 */
const ORIGIN = 'http://mermaid.invalid';

function serveMermaid(request) {
  const path = decodeURIComponent(new URL(request.url()).pathname);
  if (path === '/') {
    return request.respond({
      contentType: 'text/html',
      body: '<!doctype html><html><body style="margin:0"><div id="container"></div></body></html>',
    });
  }
  const file = join(mermaidDist, path);
  if (!file.startsWith(`${mermaidDist}/`) || !file.endsWith('.mjs') || !existsSync(file)) {
    return request.respond({ status: 404, body: '' });
  }
  return request.respond({ contentType: 'text/javascript', body: readFileSync(file) });
}

/**
 * Draws one diagram the way mermaid-cli's renderMermaid does (its default config, `my-svg` as the SVG's id, the
 * background on the SVG's style), then leaves it alone in the page for measure(). Returns the SVG as XML.
 */
async function drawInPage(definition, backgroundColor) {
  const container = document.getElementById('container');
  const { svg: svgText } = await globalThis.mermaid.render('my-svg', definition, container);
  container.innerHTML = svgText;
  const svg = container.querySelector('svg');
  svg.style.backgroundColor = backgroundColor;
  // <foreignObject> holds HTML (`<br>`) that is not XML: the serializer writes it as XML, as mermaid-cli does.
  return new XMLSerializer().serializeToString(svg);
}

export async function renderAll(diagrams, outdir) {
  mkdirSync(outdir, { recursive: true });
  const browser = await puppeteer.launch(launchOptions());
  const geometry = {};
  try {
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', serveMermaid);
    await page.goto(`${ORIGIN}/`);
    // mermaid-cli's settings when given no config: Mermaid's defaults (theme, htmlLabels, fonts).
    await page.evaluate(async (module) => {
      const { default: mermaid } = await import(module);
      mermaid.initialize({ startOnLoad: false });
      globalThis.mermaid = mermaid;
    }, `/${MERMAID_MODULE}`);
    for (const { name, text } of diagrams) {
      const t0 = Date.now();
      const svg = await page.evaluate(drawInPage, text, 'white');
      writeFileSync(join(outdir, `${name}.svg`), svg);
      geometry[name] = await page.evaluate(measure);
      if (process.env.DEBUG_RENDER) process.stderr.write(`${name}: ${Date.now() - t0} ms\n`);
    }
  } finally {
    await browser.close();
  }
  return geometry;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2];
  if (!outdir) {
    process.stderr.write('usage: node scripts/render-diagrams.mjs <outdir> < diagrams.json\n');
    process.exit(1);
  }
  const diagrams = JSON.parse(readFileSync(0, 'utf8'));
  renderAll(diagrams, outdir).then(
    (geometry) => process.stdout.write(`${JSON.stringify(geometry)}\n`),
    (e) => {
      process.stderr.write(`render-diagrams: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
