import { Box, findOverlaps, Geometry } from '../../diagram/geometry';

const box = (x: number, y: number, width: number, height: number): Box => ({ x, y, width, height });
const node = (
  id: string,
  shape: Box,
  text: Box = box(shape.x + 5, shape.y + 5, shape.width - 10, shape.height - 10),
) => ({
  id,
  shape,
  text,
});
const picture = (parts: Partial<Geometry>): Geometry => ({
  width: 1000,
  height: 1000,
  nodes: [],
  clusters: [],
  edgeLabels: [],
  ...parts,
});

describe('findOverlaps', () => {
  it('finds nothing in a clean picture: a titled subgraph holding a node, another node apart, a label between', () => {
    const clean = picture({
      clusters: [{ id: 'net_A', frame: box(0, 0, 200, 200), title: box(50, 5, 100, 20) }],
      nodes: [node('gw_A', box(20, 40, 160, 100)), node('gw_B', box(400, 40, 160, 100))],
      edgeLabels: [{ id: 'L_gw_A_gw_B_0', text: box(250, 80, 60, 20) }],
    });
    expect(findOverlaps(clean)).toEqual([]);
  });

  it.each<[string, Partial<Geometry>, string]>([
    [
      'a subgraph title under a node',
      {
        clusters: [{ id: 'net_A', frame: box(0, 0, 200, 200), title: box(10, 5, 180, 60) }],
        nodes: [node('gw_A', box(20, 40, 160, 100))],
      },
      'the title of subgraph net_A overlaps node gw_A',
    ],
    [
      'a title wider than its frame',
      { clusters: [{ id: 'net_A', frame: box(0, 0, 200, 200), title: box(-20, 5, 240, 20) }] },
      'the title of subgraph net_A runs out of its frame',
    ],
    [
      'two nodes over each other',
      { nodes: [node('gw_A', box(0, 0, 100, 100)), node('gw_B', box(90, 90, 100, 100))] },
      'node gw_A overlaps node gw_B',
    ],
    [
      'a text that runs out of its node',
      { nodes: [node('gw_A', box(0, 0, 100, 50), box(-10, 10, 120, 20))] },
      'the text of node gw_A runs out of it',
    ],
    [
      'an edge label on a node',
      { nodes: [node('gw_A', box(0, 0, 100, 100))], edgeLabels: [{ id: 'L_0', text: box(90, 40, 50, 20) }] },
      'edge label L_0 overlaps node gw_A',
    ],
    [
      'an edge label on a title',
      {
        clusters: [{ id: 'net_A', frame: box(0, 0, 200, 200), title: box(50, 5, 100, 20) }],
        edgeLabels: [{ id: 'L_0', text: box(120, 10, 50, 20) }],
      },
      'edge label L_0 overlaps the title of subgraph net_A',
    ],
  ])('finds %s', (_, parts, problem) => {
    expect(findOverlaps(picture(parts))).toEqual([problem]);
  });

  it.each([
    ['touch', 100],
    ['overlap by 1 pixel (rounding)', 99],
  ])('lets two nodes that %s pass, and not 2 pixels', (_, x) => {
    const two = (at: number) => picture({ nodes: [node('a', box(0, 0, 100, 100)), node('b', box(at, 0, 100, 100))] });
    expect(findOverlaps(two(x))).toEqual([]);
    expect(findOverlaps(two(98))).toEqual(['node a overlaps node b']);
  });

  it.each([
    ['touch', 100],
    ['overlap by 1 pixel (rounding)', 99],
  ])('lets two stacked nodes that %s pass, and not 2 pixels', (_, y) => {
    const two = (at: number) => picture({ nodes: [node('a', box(0, 0, 100, 100)), node('b', box(0, at, 100, 100))] });
    expect(findOverlaps(two(y))).toEqual([]);
    expect(findOverlaps(two(98))).toEqual(['node a overlaps node b']);
  });

  // A node from x 100 to 200 and y 100 to 150: its text may stick out 1 pixel on each side (rounding), not 2.
  it.each<[string, Box, Box]>([
    ['left', box(99, 110, 50, 20), box(98, 110, 50, 20)],
    ['top', box(110, 99, 50, 20), box(110, 98, 50, 20)],
    ['right', box(151, 110, 50, 20), box(152, 110, 50, 20)],
    ['bottom', box(110, 131, 50, 20), box(110, 132, 50, 20)],
  ])('lets a text stick out of its node on the %s by 1 pixel, and not 2', (_, inside, outside) => {
    const shape = box(100, 100, 100, 50);
    expect(findOverlaps(picture({ nodes: [node('gw_A', shape, inside)] }))).toEqual([]);
    expect(findOverlaps(picture({ nodes: [node('gw_A', shape, outside)] }))).toEqual([
      'the text of node gw_A runs out of it',
    ]);
  });

  it('does not check the title of an untitled subgraph: an empty box, measured outside the frame', () => {
    const untitled = picture({ clusters: [{ id: 'net_A', frame: box(100, 100, 200, 200), title: box(0, 0, 0, 0) }] });
    expect(findOverlaps(untitled)).toEqual([]);
  });
});
