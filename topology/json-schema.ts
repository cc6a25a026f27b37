import { z } from 'zod';
import { topologySchema } from './schema';

/** The JSON Schema of the topology file, generated from the zod schema so that the two cannot drift apart. */
export function topologyJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(topologySchema, { io: 'input', target: 'draft-2020-12' }),
    title: 'VNet-to-VNet VPN topology',
  };
}
