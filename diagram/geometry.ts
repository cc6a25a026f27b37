/**
 * Checks on a rendered diagram's geometry, as the browser measured it (scripts/render-diagrams.mjs): a picture that
 * should save reading the source must not draw a node over a label or another node.
 */

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Geometry {
  readonly width: number;
  readonly height: number;
  /** Each node's shape, and the extent of the text drawn in it. */
  readonly nodes: readonly { readonly id: string; readonly shape: Box; readonly text: Box }[];
  /** Each subgraph's frame, and the extent of its title. */
  readonly clusters: readonly { readonly id: string; readonly frame: Box; readonly title: Box }[];
  readonly edgeLabels: readonly { readonly id: string; readonly text: Box }[];
}

/** Overlaps thinner than this (pixels) are anti-aliasing and rounding, not a label hidden under a shape. */
const TOLERANCE = 1;

function overlap(a: Box, b: Box): boolean {
  const dx = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const dy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return dx > TOLERANCE && dy > TOLERANCE;
}

function contains(outer: Box, inner: Box): boolean {
  return (
    inner.x >= outer.x - TOLERANCE &&
    inner.y >= outer.y - TOLERANCE &&
    inner.x + inner.width <= outer.x + outer.width + TOLERANCE &&
    inner.y + inner.height <= outer.y + outer.height + TOLERANCE
  );
}

/**
 * Every problem in one picture, one sentence each; empty when it reads cleanly: a subgraph title over a node, two
 * nodes over each other, an edge label over a node or a title, a text running out of its node or its subgraph.
 */
export function findOverlaps(geometry: Geometry): string[] {
  const problems: string[] = [];
  const { nodes, clusters, edgeLabels } = geometry;
  for (const cluster of clusters) {
    if (cluster.title.width > 0 && !contains(cluster.frame, cluster.title)) {
      problems.push(`the title of subgraph ${cluster.id} runs out of its frame`);
    }
    for (const node of nodes) {
      if (overlap(cluster.title, node.shape)) {
        problems.push(`the title of subgraph ${cluster.id} overlaps node ${node.id}`);
      }
    }
  }
  for (let i = 0; i < nodes.length; i++) {
    if (!contains(nodes[i].shape, nodes[i].text)) problems.push(`the text of node ${nodes[i].id} runs out of it`);
    for (let j = i + 1; j < nodes.length; j++) {
      if (overlap(nodes[i].shape, nodes[j].shape)) {
        problems.push(`node ${nodes[i].id} overlaps node ${nodes[j].id}`);
      }
    }
  }
  for (const edge of edgeLabels) {
    for (const node of nodes) {
      if (overlap(edge.text, node.shape)) problems.push(`edge label ${edge.id} overlaps node ${node.id}`);
    }
    for (const cluster of clusters) {
      if (overlap(edge.text, cluster.title)) {
        problems.push(`edge label ${edge.id} overlaps the title of subgraph ${cluster.id}`);
      }
    }
  }
  return problems;
}
