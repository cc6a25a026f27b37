// Writes schema/topology.schema.json from the zod schema: `npm run schema`. A test fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { topologyJsonSchema } from '../topology/json-schema';

const target = join(process.cwd(), 'schema', 'topology.schema.json');
writeFileSync(target, `${JSON.stringify(topologyJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
