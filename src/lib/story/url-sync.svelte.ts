// Deep links, wired to the one Selection. The standalone page keeps its URL fragment in step with
// the story: a shared link opens the same state, Back steps back through what the reader selected,
// and layer toggles and panning replace the current history entry instead of adding one (a pan
// never floods the history). An embed only reads links (its iframe src, or attributes): writing
// history from inside someone else's page would hijack their Back button.
import type { StoryModel } from './model';
import type { Selection } from './selection.svelte';
import { formatLink, parseLink, selectionOf, type LinkState } from './url';

const defaultLayers = (model: StoryModel) => model.layers.filter((l) => l.spec.visible && !l.error).map((l) => l.spec.id);

/** The link for the story's state now. Layers are left out while they are the story's defaults. */
export function linkOf(model: StoryModel, selection: Selection): LinkState {
  const link: LinkState = {};
  if (selection.feature) link.feature = selection.feature;
  else if (selection.passage) link.passage = selection.passage;
  const visible = model.layers.filter((l) => selection.visible.has(l.spec.id)).map((l) => l.spec.id);
  const defaults = defaultLayers(model);
  if (visible.length !== defaults.length || visible.some((id, i) => id !== defaults[i])) link.layers = visible;
  if (selection.view) link.view = { center: selection.view.center, zoom: selection.view.zoom };
  return link;
}

export interface ApplyOptions {
  /** Back/forward: a link without a view means the story's whole view, not "leave the camera". */
  traversal?: boolean;
}

/**
 * Puts the story in the state a link describes (origin 'url'). Unknown ids are skipped, so a link
 * from an older version of the story still opens. `null` (no link) means the story's defaults.
 */
export function applyLink(model: StoryModel, selection: Selection, link: LinkState | null, opts: ApplyOptions = {}) {
  selection.setLayers(link?.layers ?? defaultLayers(model));
  const target = link?.feature ?? link?.passage;
  const selected = target ? selection.select(target, 'url') : false;
  if (!selected && (selection.feature || selection.passage)) selection.clear('url');
  if (link?.view) selection.restoreView(link.view.center, link.view.zoom);
  else if (opts.traversal && !selected) selection.resetView();
}

/** Two-way sync for a page of its own. Returns the function that stops it. */
export function syncPageUrl(model: StoryModel, selection: Selection, win: Window = window): () => void {
  const { history, location } = win;
  applyLink(model, selection, parseLink(location.hash));

  const onPop = () => {
    const link = parseLink(location.hash);
    // Someone else's fragment (an ordinary in-page anchor) is not ours to act on.
    if (link === null && location.hash !== '') return;
    applyLink(model, selection, link, { traversal: true });
  };
  // Back/forward fire popstate; editing the fragment by hand fires hashchange (and popstate).
  // Applying the same link twice is harmless.
  win.addEventListener('popstate', onPop);
  win.addEventListener('hashchange', onPop);

  const stop = $effect.root(() => {
    $effect(() => {
      const link = linkOf(model, selection);
      const origin = selection.origin;
      const text = formatLink(link);
      const url = text ? `#${text}` : `${location.pathname}${location.search}`;
      if ((text ? `#${text}` : '') === location.hash) return;
      // Nothing to say, and the fragment is someone else's (an in-page anchor): leave it.
      if (!text && parseLink(location.hash) === null) return;
      // A new selection by the reader is a step Back can return to; anything else (layers, the
      // view, applying a link) rewrites the entry we are on.
      const step = origin !== 'url' && selectionOf(parseLink(location.hash)) !== selectionOf(link);
      if (step) history.pushState(null, '', url);
      else history.replaceState(history.state, '', url);
    });
  });

  return () => {
    stop();
    win.removeEventListener('popstate', onPop);
    win.removeEventListener('hashchange', onPop);
  };
}

/** Read-only: applies the fragment now and whenever it changes (an iframe whose src the host page changes). */
export function followUrl(model: StoryModel, selection: Selection, win: Window = window): () => void {
  const apply = () => {
    const link = parseLink(win.location.hash);
    if (link) applyLink(model, selection, link);
  };
  apply();
  win.addEventListener('hashchange', apply);
  return () => win.removeEventListener('hashchange', apply);
}
