// Reading a build's chunk graph (Rolldown's bundle, as Vite's plugins see it): which chunk holds a
// module, and which chunks it imports. The preload plugin (the page's modulepreloads) and the embed
// plugin (the page code's lazy CSS) both ask; they import each other's constants, so the helpers
// live here, not in either.

export interface GraphChunk {
  type: 'chunk' | 'asset';
  fileName: string;
  facadeModuleId?: string | null;
  /** Every module the chunk holds (a chunk made by a code-splitting group has no facade). */
  moduleIds?: string[];
  imports?: string[];
}

/** Whether a module id (a path, with either slash) ends with `tail` (a path from the project's root). */
export const isModule = (id: string | null | undefined, tail: string): boolean => !!id && id.replace(/\\/g, '/').endsWith(tail);

/** Whether the chunk holds the module whose id ends with `tail`. */
export const holdsModule = (chunk: { moduleIds?: string[] }, tail: string): boolean => !!chunk.moduleIds?.some((id) => isModule(id, tail));

/** A chunk and every chunk it imports statically, by file name. */
export function closure(bundle: Record<string, GraphChunk>, fileName: string | undefined): string[] {
  const byName = new Map(Object.values(bundle).map((c) => [c.fileName, c]));
  const out: string[] = [];
  const visit = (name: string) => {
    const c = byName.get(name);
    if (!c || out.includes(name)) return;
    out.push(name);
    for (const i of c.imports ?? []) visit(i);
  };
  if (fileName) visit(fileName);
  return out;
}

/** The chunk that holds the module whose id ends with `tail` (its facade first), and the chunks it imports statically. */
export function chunkWithImports(bundle: Record<string, GraphChunk>, tail: string): string[] {
  const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
  const start = chunks.find((c) => isModule(c.facadeModuleId, tail)) ?? chunks.find((c) => holdsModule(c, tail));
  return closure(bundle, start?.fileName);
}
