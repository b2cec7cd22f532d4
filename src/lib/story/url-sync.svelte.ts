// Deep links, wired to the one StoryState. The standalone page keeps its URL fragment in step with
// the story: a shared link opens the same state, Back steps back through what the reader selected,
// and layer toggles and panning replace the current history entry instead of adding one (a pan
// never floods the history). An embed only reads links (its iframe src, or attributes): writing
// history from inside someone else's page would hijack their Back button.
import type { StoryModel } from './model';
import type { StoryState } from './state.svelte';
import { afterPaint } from './after-paint';
import { findFeature } from './tiled';
import { formatLink, parseLink, selectionOf, type LinkState, type StoryTarget } from './url';

const defaultLayers = (model: StoryModel) => model.layers.filter((l) => l.spec.visible && !l.error).map((l) => l.spec.id);

/** The link for the story's state now. Layers are left out while they are the story's defaults. */
export function linkOf(model: StoryModel, selection: StoryState): LinkState {
  const link: LinkState = {};
  if (selection.feature) link.feature = selection.feature;
  // A linked feature still being looked up (a tiled layer's): the link keeps naming it.
  else if (selection.awaiting) link.feature = selection.awaiting;
  else if (selection.passage) {
    link.passage = selection.passage;
    if (selection.group) link.group = [...selection.group];
  }
  const visible = model.layers.filter((l) => selection.visible.has(l.spec.id)).map((l) => l.spec.id);
  const defaults = defaultLayers(model);
  if (visible.length !== defaults.length || visible.some((id, i) => id !== defaults[i])) link.layers = visible;
  // Where the map shows what it framed (the selection, or the story's view), the link leaves the
  // camera out: opened on a phone, a desktop's camera for "Libya" showed a slice of its south under
  // the card. The receiving map frames it for its own size. A view the reader moved to is kept.
  if (selection.view && !selection.view.framed) link.view = { center: selection.view.center, zoom: selection.view.zoom };
  return link;
}

export interface ApplyOptions {
  /** Back/forward: a link without a view means the story's whole view, not "leave the camera". */
  traversal?: boolean;
}

/**
 * Puts the story in the state a link describes (cause 'url'). Unknown ids are skipped, so a link
 * from an older version of the story still opens. `null` (no link) means the story's defaults.
 * A link with a view puts the camera there (a jump); without one, its selection is framed, and
 * going Back or Forward to a link that selects nothing returns to the story's opening view.
 */
export function applyLink(model: StoryModel, selection: StoryState, link: LinkState | null, opts: ApplyOptions = {}) {
  selection.setLayers(link?.layers ?? defaultLayers(model), 'url');
  const target = link?.feature ?? link?.passage;
  const how = { move: !link?.view, cause: 'url' } as const;
  // A place name's features in their passage; those the story no longer links there are dropped,
  // and with none left the passage is selected whole.
  const named = !link?.feature && link?.passage && link.group ? selection.selectNamed(link.passage, link.group, how) : false;
  const selected = named || (target ? selection.select(target, how) : false);
  if (!selected) selection.clear('url');
  // A feature of a tiled layer the model does not hold yet (story/tiled.ts): selected once its
  // layer's index has been read, unless the reader has selected something else by then.
  const found = !selected && link?.feature ? findFeature(model, link.feature) : null;
  if (found) selection.selectWhenFound(link!.feature!, found, { move: !link?.view, cause: 'url' });
  if (link?.view) selection.moveCamera({ center: link.view.center, zoom: link.view.zoom }, false);
  else if (opts.traversal && !selected && !found) selection.resetView();
}

/**
 * Follows an article's link to a passage or a feature of the story (inlines.ts): selected as a deep
 * link selects it, framed on the map with its passage brought into view; the reader's layers are
 * kept. False when the story has no such passage or feature (the validator reports the link).
 */
export function followTarget(model: StoryModel, selection: StoryState, target: StoryTarget): boolean {
  const how = { cause: 'text' } as const;
  if (target.passage !== undefined) return selection.select(target.passage, how);
  if (selection.select(target.feature, how)) return true;
  // A feature of a tiled layer the model does not hold yet (story/tiled.ts).
  const found = findFeature(model, target.feature);
  if (found) selection.selectWhenFound(target.feature, found, how);
  return !!found;
}

/** The fragment for the story's state now ('' for the story's defaults). */
const fragmentOf = (model: StoryModel, selection: StoryState) => {
  const text = formatLink(linkOf(model, selection));
  return text ? `#${text}` : '';
};

/** Two-way sync for a page of its own. Returns the function that stops it. */
export function syncPageUrl(model: StoryModel, selection: StoryState, win: Window = window): () => void {
  const { history, location } = win;
  const urlOf = (fragment: string) => fragment || `${location.pathname}${location.search}`;
  // The fragment as we last applied or wrote it: Back/Forward and editing the fragment fire both
  // popstate and hashchange, and the second must not apply what the first already wrote over.
  let seen: string | null = null;
  const apply = (traversal: boolean) => {
    if (location.hash === seen) return;
    const link = parseLink(location.hash);
    // Someone else's fragment (an ordinary in-page anchor) is not ours to act on.
    if (link === null && location.hash !== '') return;
    applyLink(model, selection, link, { traversal });
    // The entry now says what the story shows (ids the story does not have are dropped, a view
    // still to be framed is left out until the map reports it): rewritten, never a new step.
    const now = fragmentOf(model, selection);
    if (now !== location.hash && (now || link !== null)) history.replaceState(history.state, '', urlOf(now));
    seen = location.hash;
  };
  apply(false);

  const onPop = () => apply(true);
  win.addEventListener('popstate', onPop);
  win.addEventListener('hashchange', onPop);

  const stop = $effect.root(() => {
    $effect(() => {
      const link = linkOf(model, selection);
      const fragment = fragmentOf(model, selection);
      // Written after the frame that shows the change is painted (after-paint.ts): a history
      // entry costs the browser several milliseconds the reader's click should not wait for.
      // A newer change before then replaces this one.
      return afterPaint(() => {
        if (fragment === location.hash) return;
        // Nothing to say, and the fragment is someone else's (an in-page anchor): leave it.
        if (!fragment && parseLink(location.hash) === null) return;
        // A new selection is a step Back can return to; anything else (layers, the view) rewrites
        // the entry we are on. (Links were applied and written back above, so they never step.)
        const step = selectionOf(parseLink(location.hash)) !== selectionOf(link);
        if (step) history.pushState(null, '', urlOf(fragment));
        else history.replaceState(history.state, '', urlOf(fragment));
        seen = location.hash;
      });
    });
  });

  return () => {
    stop();
    win.removeEventListener('popstate', onPop);
    win.removeEventListener('hashchange', onPop);
  };
}

/** Read-only: applies the fragment now and whenever it changes (an iframe whose src the host page changes). */
export function followUrl(model: StoryModel, selection: StoryState, win: Window = window): () => void {
  const apply = () => {
    const link = parseLink(win.location.hash);
    if (link) applyLink(model, selection, link);
  };
  apply();
  win.addEventListener('hashchange', apply);
  return () => win.removeEventListener('hashchange', apply);
}
