// The story file's format, defined once: the app and the validator parse with it, and
// scripts/build-schema.ts turns it into static/story.schema.json for editors' tools.
import { z } from 'zod';
import { DATE_HELP, parseStoryDate, STORY_DATE } from './story-date';

// No `new Function` fast path: under a strict Content-Security-Policy (no 'unsafe-eval') even zod's
// probe for it is reported as a violation on the host page (docs/embedding.md).
z.config({ jitless: true });

const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'use letters, digits, ".", "-" or "_", starting with a letter or digit');
const color = z.string().regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'write a colour as #rgb or #rrggbb, e.g. "#c4470b"');
const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
// A regex rather than a refinement, so the JSON Schema carries the rule to editors' tools too.
export const safeUrl = z
  .string()
  .regex(/^(https?:\/\/|mailto:)/i, 'links must start with https://, http:// or mailto: (javascript: and data: links are refused)');

/** One credit: its text, and where it links to. */
export const creditSchema = z.object({ text: z.string().min(1).describe('the credit as shown'), url: safeUrl.optional().describe('where the credit links to') }).strict();

export const bboxSchema = z
  .tuple([lon, lat, lon, lat])
  .describe('[west, south, east, north] in degrees')
  .refine(([w, s, e, n]) => s < n && w !== e, 'south must be less than north, and west differ from east');

export const categorySchema = z
  .object({
    value: z.string().describe('the property value this colour is for'),
    label: z.string().describe('what the legend says for it'),
    color: color.describe('the colour of features with this value'),
  })
  .strict();

export const layerSchema = z
  .object({
    id: id.describe('stable id, used in feature keys "layer:feature" and in links'),
    name: z.string().min(1).describe('name shown in the legend'),
    file: z.string().min(1).describe('path of the layer file, relative to the story folder: .geojson, .csv or .json rows'),
    color: color.describe('the layer colour: map symbols and legend swatch'),
    visible: z.boolean().default(true).describe('shown when the story opens'),
    description: z.string().optional().describe('one line under the legend entry'),
    approximate: z
      .union([z.string(), z.boolean()])
      .optional()
      .describe('text: the caption shown with the layer when it holds approximate features; true: every feature of the layer is approximate unless its own "approximate" says false'),
    date: z.string().optional().describe('the date or period of every feature of the layer that gives none itself, e.g. "8 Jan 2020"'),
    source: z.string().optional().describe('where the locations come from, with the licence, for every feature of the layer that gives no source itself'),
    confidence: z.string().optional().describe('how sure we are, for every feature of the layer that says nothing itself'),
    tiled: z
      .boolean()
      .optional()
      .describe('true: the build always makes this layer into vector tiles; false: never (default: a layer of 5 000 features or 5 MB is tiled)'),
    categories: z
      .object({
        property: z.string().describe('feature property whose value picks the colour'),
        values: z.array(categorySchema).min(1).describe('one entry per value, in legend order'),
      })
      .strict()
      .optional()
      .describe('colour features by a property, e.g. who controls an area'),
  })
  .strict();

export const featureLinkSchema = z
  .object({
    passages: z.array(id).min(1).describe('ids of the article passages this feature illustrates'),
    aliases: z.array(z.string().min(1)).optional().describe('words in those passages that name this feature; they are marked in the text'),
    name: z.string().optional().describe('overrides the feature’s name property'),
    mapLabel: z.string().optional().describe('overrides the feature’s mapLabel property: a shorter form of its name for its label on the map, e.g. "Baghdad airport"; the card, the list of places and the text keep the name'),
    date: z.string().optional().describe('overrides the feature’s date property'),
    source: z.string().optional().describe('overrides the feature’s source property'),
    confidence: z.string().optional().describe('overrides the feature’s confidence property'),
    approximate: z.boolean().optional().describe('overrides the feature’s approximate property'),
    context: z.boolean().optional().describe('overrides the feature’s context property: true draws it as quiet context (outline or faint fill, no hatching, under the story’s subject)'),
    claimSource: z.string().optional().describe('overrides the feature’s claimSource property: where what the card says about it comes from'),
    description: z.string().optional().describe('overrides the feature’s description property'),
  })
  .strict();

// Where the map's own data may come from besides the site itself: an absolute http(s) URL (the
// newsroom's tile host or CDN). Nothing else is requested from another host (docs/security.md).
const remoteUrl = z.string().regex(/^https?:\/\/[^\s/?#]+[^\s]*$/i, 'write an absolute http:// or https:// address, e.g. "https://maps.example.org/style.json"');

export const basemapSchema = z
  .object({
    tiles: remoteUrl
      .regex(/\{z\}.*\{x\}.*\{y\}/, 'a tile address has {z}, {x} and {y} in it, e.g. "https://tiles.example.org/basemap/{z}/{x}/{y}.pbf"')
      .optional()
      .describe("vector tiles in this project's basemap schema (the build's basemap/tiles folder, e.g. made for the whole world and put on the newsroom's CDN), drawn with the app's own basemap style"),
    maxzoom: z.number().int().min(0).max(16).optional().describe('the deepest zoom those tiles are made for (deeper zooms draw them magnified)'),
    pmtiles: remoteUrl
      .regex(/\.pmtiles(\?|#|$)/i, 'a PMTiles archive\'s address ends in ".pmtiles", e.g. "https://tiles.example.org/basemap.pmtiles"')
      .optional()
      .describe('one PMTiles archive of vector tiles on the newsroom\'s host, read with HTTP range requests: in this project\'s basemap schema, or in the Protomaps basemap schema with "schema": "protomaps"'),
    schema: z
      .enum(['story-map', 'protomaps'])
      .optional()
      .describe('with "pmtiles": the archive\'s tile schema, "story-map" (the default: this project\'s basemap tiles, drawn with its style) or "protomaps" (a Protomaps basemap build, drawn with a quiet style made from @protomaps/basemaps\' layers)'),
    style: remoteUrl
      .optional()
      .describe("a MapLibre style (style.json) drawn under the story instead of the app's basemap, e.g. the newsroom's own on its tile host"),
    attribution: z
      .array(creditSchema)
      .min(1)
      .optional()
      .describe("the credits that basemap's data asks for, shown instead of the app's basemap credits (required with style)"),
  })
  .strict()
  .refine((b) => [b.tiles, b.pmtiles, b.style].filter((v) => v !== undefined).length === 1, 'give one of "tiles", "pmtiles" or "style"')
  .refine((b) => b.schema === undefined || b.pmtiles !== undefined, '"schema" is for a "pmtiles" archive only')
  .refine((b) => b.style === undefined || b.attribution !== undefined, 'a basemap "style" needs its "attribution": the credits its data asks for')
  .refine((b) => b.schema !== 'protomaps' || b.attribution !== undefined, 'a Protomaps archive needs its "attribution": the credits its data asks for (e.g. "© OpenStreetMap contributors", "Protomaps")')
  .describe("the newsroom's own basemap, from its own tile host (the default is the site's own offline basemap, requested from nowhere else)");

export const storySchema = z
  .object({
    $schema: z.string().optional().describe('where editors\' tools find this schema, e.g. "../../static/story.schema.json"'),
    id: id.describe('stable id of the story'),
    title: z.string().min(1).describe('headline'),
    outlet: z.string().min(1).describe('publication'),
    date: z
      .string()
      .regex(STORY_DATE, DATE_HELP)
      // What a pattern cannot say (a day of the calendar, a range's order), in the reader's words.
      .refine((v) => !STORY_DATE.test(v) || typeof parseStoryDate(v) !== 'string', { error: (issue) => String(parseStoryDate(String(issue.input))) })
      .describe('publication date: "YYYY-MM-DD", "YYYY-MM" or "YYYY"; a range "start/end" of two written the same way; or "unknown"'),
    dateline: z.string().optional().describe('date line as printed, e.g. "Updated 12:10, 09-Jan-2020"'),
    byline: z.string().optional().describe('author(s) as printed'),
    url: safeUrl.optional().describe('the original article'),
    credit: z.string().optional().describe('how the article text is credited and on what terms it is used, shown with the article, e.g. "Text © CGTN"'),
    language: z.string().default('en').describe('BCP 47 language tag of the article'),
    direction: z.enum(['ltr', 'rtl']).default('ltr').describe('text direction of the article'),
    article: z.string().default('article.md').describe('Markdown file with the article, relative to the story folder'),
    summary: z.string().optional().describe('one paragraph saying what the map shows, for readers who cannot see it'),
    view: z
      .object({
        bounds: bboxSchema,
        maxZoom: z.number().min(0).max(22).optional().describe('do not zoom in further than this when fitting the bounds'),
        units: z.enum(['metric', 'imperial', 'nautical']).optional().describe('the scale bar\'s units, shown once the reader zooms in past a country: "metric" (km, the default), "imperial" (mi) or "nautical" (nm)'),
      })
      .strict()
      .describe('initial view: the map fits these bounds'),
    attribution: z
      .array(creditSchema)
      .min(1)
      .describe('credits the map must show (data sources and licences)'),
    basemap: basemapSchema.optional(),
    layers: z.array(layerSchema).min(1).describe('the layers, in legend order; earlier layers draw on top'),
    features: z
      .record(z.string().regex(/^[^:]+:.+$/, 'a feature key is "layerId:featureId"'), featureLinkSchema)
      .default({})
      .describe('links from features ("layerId:featureId") to passages, with optional provenance overrides'),
    exclude: z
      .record(id, z.array(z.string().min(1)).min(1))
      .default({})
      .describe('phrases never marked as place names, by passage id, e.g. { "p3": ["Dawn of Idlib 2"] } keeps "Idlib" in that operation\'s name unmarked'),
  })
  .strict();

export type StoryFile = z.infer<typeof storySchema>;
export type LayerSpec = z.infer<typeof layerSchema>;
export type BasemapSpec = z.infer<typeof basemapSchema>;
export type FeatureLink = z.infer<typeof featureLinkSchema>;

/** The JSON Schema of story.json, generated from the definition above (static/story.schema.json is its output). */
export function storyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(storySchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: 'story.schema.json',
    title: 'Story map story file (story.json)',
    description: 'A story: its article, layers, links between features and passages, and credits. Documented in docs/story-format.md. Generated from src/lib/story/schema.ts by `npm run schema`; do not edit by hand.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}
