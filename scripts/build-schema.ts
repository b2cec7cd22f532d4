// Writes static/story.schema.json from the zod definition the app validates with (one source of
// truth). Run with `npm run schema` after changing src/lib/story/schema.ts; a unit test fails when
// the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { storyJsonSchema } from '../src/lib/story/schema.ts';

export const SCHEMA_FILE = join(import.meta.dirname, '../static/story.schema.json');
export const schemaText = () => `${JSON.stringify(storyJsonSchema(), null, 2)}\n`;

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, schemaText());
  console.log(`wrote ${SCHEMA_FILE}`);
}
